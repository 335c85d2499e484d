// Documents are encrypted before they reach any store: AES-256-GCM under the first key of DOCUMENT_KEYS, a fresh
// 12-byte nonce per document, and the document's id as associated data, so a blob moved under another document's
// id, or altered in any byte, no longer opens. The key id is kept with the document's metadata, so a document
// sealed under an older key still opens while that key stays in the ring.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyRing } from '../config/payload-keys.config';

export type Sealed = { keyId: string; sealed: Buffer };

const NONCE = 12;
const TAG = 16;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sealDocument(ring: KeyRing, documentId: string, plain: Buffer): Sealed {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.activeKeyId)!, nonce);
  cipher.setAAD(Buffer.from(documentId));
  return {
    keyId: ring.activeKeyId,
    sealed: Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]),
  };
}

// The plaintext, or null when it cannot be had as it was stored: no such key in the ring, a blob altered or moved,
// or bytes whose sha256 is not the one recorded at upload.
export function openDocument(
  ring: KeyRing,
  documentId: string,
  keyId: string,
  sealed: Buffer,
  sha256: string,
): Buffer | null {
  const key = ring.keys.get(keyId);
  if (!key || sealed.length < NONCE + TAG) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(documentId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    const plain = Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
    return sha256Hex(plain) === sha256 ? plain : null;
  } catch {
    return null;
  }
}
