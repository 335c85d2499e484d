import { createHash } from 'node:crypto';

// A UUID (v8 layout) derived from a string, so the same Idempotency-Key always names the same case, person, note or
// Update, and an OIDC subject always the same user.
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
