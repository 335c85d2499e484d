// Every piece of text a Temporal history holds, for tests that look for personal data in it: strings as they are,
// bytes (payload data and metadata) as UTF-8, and strings that look like base64 also decoded, so that a name inside
// a payload is found whether the history came as protobuf objects (bytes) or as JSON (base64).
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function historyText(history: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (v instanceof Uint8Array) {
      out.push(Buffer.from(v).toString('utf8'));
    } else if (typeof v === 'string') {
      out.push(v);
      if (v.length >= 8 && v.length % 4 === 0 && BASE64.test(v)) out.push(Buffer.from(v, 'base64').toString('utf8'));
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (typeof v === 'object') {
      Object.values(v as Record<string, unknown>).forEach(walk);
    } else {
      out.push(String(v));
    }
  };
  walk(history);
  return out.join('\n');
}
