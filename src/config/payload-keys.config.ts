import { createHash } from 'node:crypto';
import { ConfigError, readOptional } from './env';

// A key ring from the environment, "<id>=<secret>,<id>=<secret>,...": the first encrypts; all of them decrypt, so a
// new key is put first and the old ones stay until nothing encrypted under them is left. Each secret is stretched
// with a label of its own, so the same secret in two rings still gives two keys.
export type KeyRing = { activeKeyId: string; keys: Map<string, Buffer> };
export type PayloadKeys = KeyRing;

// Development defaults only, refused in production.
export const DEV_PAYLOAD_KEYS = 'dev-1=rujukan-development-only-payload-key';
export const DEV_DOCUMENT_KEYS = 'dev-1=rujukan-development-only-document-key';

// The keys that encrypt Temporal payloads: TEMPORAL_PAYLOAD_KEYS.
export function readPayloadKeys(env: NodeJS.ProcessEnv = process.env): PayloadKeys {
  return readKeyRing(env, 'TEMPORAL_PAYLOAD_KEYS', DEV_PAYLOAD_KEYS, 'rujukan-temporal-payload');
}

// The keys that encrypt uploaded documents at rest: DOCUMENT_KEYS.
export function readDocumentKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  return readKeyRing(env, 'DOCUMENT_KEYS', DEV_DOCUMENT_KEYS, 'rujukan-document');
}

function readKeyRing(env: NodeJS.ProcessEnv, name: string, devDefault: string, label: string): KeyRing {
  const raw = readOptional(env, name);
  if (!raw && env.NODE_ENV === 'production')
    throw new ConfigError(`${name} is not set: production needs at least one key (id=secret of 32 characters or more)`);
  const keys = new Map<string, Buffer>();
  let activeKeyId = '';
  for (const entry of (raw ?? devDefault)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const id = entry.slice(0, eq).trim();
    const secret = entry.slice(eq + 1);
    if (eq <= 0 || !/^[A-Za-z0-9._-]{1,40}$/.test(id))
      throw new ConfigError(
        `${name}: "${id || entry.slice(0, 10)}..." is not <id>=<secret> with an id of letters, digits, . _ -`,
      );
    if (raw && secret.length < 32)
      throw new ConfigError(`${name}: the secret of key ${id} must be at least 32 characters`);
    if (keys.has(id)) throw new ConfigError(`${name}: key ${id} is listed twice`);
    keys.set(id, createHash('sha256').update(`${label}:${secret}`).digest());
    activeKeyId ||= id;
  }
  if (!activeKeyId) throw new ConfigError(`${name} lists no key`);
  return { activeKeyId, keys };
}
