import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveTemporalCli } from '../../scripts/infra/temporal';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const run = promisify(execFile);

// The README's recipe for reading a case's history in clear: the real Temporal CLI, with the API as its codec
// server. The CLI posts every payload-bearing part of the history to /codec/decode, and `{}` for parts with none.
describe('reading a case history with the Temporal CLI through the codec server', () => {
  let sut: E2eStack;
  let cli: string;

  beforeAll(async () => {
    sut = await startE2eStack();
    const found = await resolveTemporalCli(() => undefined);
    if (!found) throw new Error('no Temporal CLI: the e2e global setup needs one');
    cli = found;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const show = (caseId: string, token: string, timeout = '30s') =>
    run(
      cli,
      [
        'workflow',
        'show',
        '--workflow-id',
        `case-${caseId}`,
        '--address',
        process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS!,
        '--codec-endpoint',
        `${sut.baseUrl}/codec`,
        '--codec-auth',
        `Bearer ${token}`,
        '--output',
        'json',
        '--command-timeout',
        timeout,
      ],
      { timeout: 45000, maxBuffer: 64 * 1024 * 1024 },
    );

  it('should show a whole case decoded, for a supervisor, and nothing for a caseworker', async () => {
    const created = await sut.http('POST', '/api/v1/cases', {
      person: {
        fullName: 'Wa Ode Sitti',
        sex: 'F',
        dateOfBirth: '1991-04-02',
        homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
      },
      arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: '2026-11-27T10:00:00+08:00', fromCountry: 'MY' },
      category: 'DEPORTEE',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const action of [
      { type: 'complete-registration' },
      { type: 'complete-screening', payload: { indicators: [], flags: { elderly: true } } },
    ]) {
      expect((await sut.http('POST', `/api/v1/cases/${id}/actions`, action)).status).toBe(200);
    }

    const spv = await sut.login('spv.palu');
    const { stdout } = await show(id, spv);
    const history = JSON.parse(stdout) as { events: unknown[] };
    expect(history.events.length).toBeGreaterThan(5);
    const payloads = payloadsIn(history);
    expect(payloads.length).toBeGreaterThan(3);
    // no payload left encrypted, and the Update's argument is there in clear: the action and its payload
    expect(payloads.map((p) => p.encoding)).not.toContain('binary/encrypted');
    const clear = payloads.map((p) => p.text).join('\n');
    expect(clear).toContain('"complete-screening"');
    expect(clear).toContain('"elderly":true');

    // a caseworker may not decode (the API answers 403): the CLI retries until its deadline and fails, showing nothing
    await expect(show(id, await sut.login('cw.palu'), '5s')).rejects.toMatchObject({ stdout: '' });
  });

  it('should take an empty or missing payload list as an empty list', async () => {
    const spv = await sut.login('spv.palu');
    for (const body of [{}, { payloads: [] }]) {
      const res = await sut.http('POST', '/codec/decode', body, sut.as(spv));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ payloads: [] });
    }
    expect((await sut.http('POST', '/codec/decode', { payloads: 'x' }, sut.as(spv))).status).toBe(422);
  });
});

// Every payload of a history as the CLI printed it (metadata and data in base64), read back.
function payloadsIn(node: unknown): { encoding: string; text: string }[] {
  if (Array.isArray(node)) return node.flatMap(payloadsIn);
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  const metadata = o.metadata as Record<string, string> | undefined;
  if (metadata?.encoding && typeof o.data === 'string') {
    return [
      { encoding: Buffer.from(metadata.encoding, 'base64').toString(), text: Buffer.from(o.data, 'base64').toString() },
    ];
  }
  return Object.values(o).flatMap(payloadsIn);
}
