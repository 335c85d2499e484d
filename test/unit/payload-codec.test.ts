import { defaultPayloadConverter, METADATA_ENCODING_KEY } from '@temporalio/common';
import { ConfigError } from '../../src/config/env';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../src/temporal/payload-codec';

const A = `a=${'x'.repeat(32)}`;
const B = `b=${'y'.repeat(32)}`;
const value = { caseId: 'c-1', note: 'Siti Aminah, +6281234567890' };

describe('EncryptionCodec', () => {
  it('should encrypt a payload under the first key, with the key id in the metadata, and decrypt it back', async () => {
    const codec = new EncryptionCodec(readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: A }));
    const plain = defaultPayloadConverter.toPayload(value);
    const [sealed] = await codec.encode([plain]);
    expect(new TextDecoder().decode(sealed!.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(new TextDecoder().decode(sealed!.metadata![KEY_ID_METADATA])).toBe('a');
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('Siti');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(value);
    // a payload that is not encrypted (from before encryption) passes through
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('should encrypt with a new key while the old key still decrypts', async () => {
    const before = new EncryptionCodec(readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: A }));
    const after = new EncryptionCodec(readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: `${B},${A}` }));
    const [old] = await before.encode([defaultPayloadConverter.toPayload(value)]);
    expect(defaultPayloadConverter.fromPayload((await after.decode([old!]))[0]!)).toEqual(value);
    const [fresh] = await after.encode([defaultPayloadConverter.toPayload(value)]);
    expect(new TextDecoder().decode(fresh!.metadata![KEY_ID_METADATA])).toBe('b');
    await expect(before.decode([fresh!])).rejects.toThrow(/no key b/);
  });

  it('should refuse a payload altered in transit', async () => {
    const codec = new EncryptionCodec(readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: A }));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow();
  });
});

describe('readPayloadKeys', () => {
  it('should use the development key outside production only, and check the list', () => {
    expect(readPayloadKeys({}).activeKeyId).toBe('dev-1');
    expect(() => readPayloadKeys({ NODE_ENV: 'production' })).toThrow(/TEMPORAL_PAYLOAD_KEYS is not set/);
    expect(() => readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: 'a=short' })).toThrow(/at least 32/);
    expect(() => readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: `${A},${A}` })).toThrow(/twice/);
    expect(() => readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: 'nokey' })).toThrow(ConfigError);
    expect([...readPayloadKeys({ TEMPORAL_PAYLOAD_KEYS: `${B},${A}` }).keys.keys()]).toEqual(['b', 'a']);
  });
});
