import { createHash } from 'node:crypto';
import { ConfigError, readOptional } from './env';

// The keys that encrypt Temporal payloads: TEMPORAL_PAYLOAD_KEYS="<id>=<secret>,<id>=<secret>,...". The first
// encrypts; all of them decrypt, so a new key is put first and the old ones stay until no open case needs them.
export type PayloadKeys = { activeKeyId: string; keys: Map<string, Buffer> };

// Development default only, refused in production.
export const DEV_PAYLOAD_KEYS = 'dev-1=rujukan-development-only-payload-key';

export function readPayloadKeys(env: NodeJS.ProcessEnv = process.env): PayloadKeys {
  const raw = readOptional(env, 'TEMPORAL_PAYLOAD_KEYS');
  if (!raw && env.NODE_ENV === 'production') throw new ConfigError('TEMPORAL_PAYLOAD_KEYS is not set: production needs at least one key (id=secret of 32 characters or more)');
  const keys = new Map<string, Buffer>();
  let activeKeyId = '';
  for (const entry of (raw ?? DEV_PAYLOAD_KEYS).split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const id = entry.slice(0, eq).trim();
    const secret = entry.slice(eq + 1);
    if (eq <= 0 || !/^[A-Za-z0-9._-]{1,40}$/.test(id)) throw new ConfigError(`TEMPORAL_PAYLOAD_KEYS: "${id || entry.slice(0, 10)}..." is not <id>=<secret> with an id of letters, digits, . _ -`);
    if (raw && secret.length < 32) throw new ConfigError(`TEMPORAL_PAYLOAD_KEYS: the secret of key ${id} must be at least 32 characters`);
    if (keys.has(id)) throw new ConfigError(`TEMPORAL_PAYLOAD_KEYS: key ${id} is listed twice`);
    keys.set(id, createHash('sha256').update(`rujukan-temporal-payload:${secret}`).digest());
    activeKeyId ||= id;
  }
  if (!activeKeyId) throw new ConfigError('TEMPORAL_PAYLOAD_KEYS lists no key');
  return { activeKeyId, keys };
}
