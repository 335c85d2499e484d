// The helper the privacy tests use to look for personal data in Temporal histories must find it wherever it sits.
import { historyText } from '../support/history-text';

describe('historyText', () => {
  const name = 'Rosmiati Daeng Caya';

  it('should find text inside payload bytes, as protobuf objects carry them', () => {
    const history = {
      events: [
        {
          eventId: 1,
          attrs: {
            input: {
              payloads: [
                {
                  metadata: { encoding: Buffer.from('json/plain') },
                  data: Buffer.from(JSON.stringify({ person: { fullName: name } })),
                },
              ],
            },
          },
        },
      ],
    };
    expect(historyText(history)).toContain(name);
  });

  it('should find text inside base64 strings, as JSON histories carry payloads, at any alignment', () => {
    for (const prefix of ['', 'x', 'xy']) {
      const data = Buffer.from(`{"p":"${prefix}${name}"}`).toString('base64');
      expect(historyText({ events: [{ data }] })).toContain(name);
    }
  });

  it('should not find what is only there encrypted', () => {
    const sealed = Buffer.from(name).map((b) => b ^ 0x5a);
    expect(historyText({ events: [{ data: sealed, b64: Buffer.from(sealed).toString('base64') }] })).not.toContain(
      name,
    );
  });
});
