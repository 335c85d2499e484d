import { readDocumentKeys } from '../../src/config/payload-keys.config';
import { openDocument, sealDocument, sha256Hex } from '../../src/documents/document-cipher';
import { safeFilename, sniffType } from '../../src/documents/document-kinds';

const A = 'a=first-document-key-of-32-characters-or-more';
const B = 'b=second-document-key-of-32-characters-or-more';
const ID = '0b5e9d8a-1111-4000-8000-000000000001';

describe('document cipher', () => {
  const plain = Buffer.from('%PDF-1.7 surat pernyataan');

  it('should open what it sealed, and still open it after a new key goes first', () => {
    const sealed = sealDocument(readDocumentKeys({ DOCUMENT_KEYS: A }), ID, plain);
    expect(sealed.keyId).toBe('a');
    const rotated = readDocumentKeys({ DOCUMENT_KEYS: `${B},${A}` });
    expect(openDocument(rotated, ID, sealed.keyId, sealed.sealed, sha256Hex(plain))?.equals(plain)).toBe(true);
    expect(sealDocument(rotated, ID, plain).keyId).toBe('b');
  });

  it('should not open under another id, another key ring, a wrong sha256 or one altered byte', () => {
    const ring = readDocumentKeys({ DOCUMENT_KEYS: A });
    const { keyId, sealed } = sealDocument(ring, ID, plain);
    const sha = sha256Hex(plain);
    expect(openDocument(ring, '0b5e9d8a-1111-4000-8000-000000000002', keyId, sealed, sha)).toBeNull();
    expect(openDocument(readDocumentKeys({ DOCUMENT_KEYS: B }), ID, keyId, sealed, sha)).toBeNull();
    expect(openDocument(ring, ID, keyId, sealed, sha256Hex(Buffer.from('other')))).toBeNull();
    const altered = Buffer.from(sealed);
    altered[14] = altered[14]! ^ 1;
    expect(openDocument(ring, ID, keyId, altered, sha)).toBeNull();
    expect(openDocument(ring, ID, keyId, sealed.subarray(0, 10), sha)).toBeNull();
  });

  it('should refuse a missing key ring in production', () => {
    expect(() => readDocumentKeys({ NODE_ENV: 'production' })).toThrow(/DOCUMENT_KEYS is not set/);
  });
});

describe('document type and name', () => {
  it('should read the type from the first bytes only', () => {
    expect(sniffType(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffType(Buffer.from('PDF-1.4 %PDF-'))).toBeNull();
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('should keep a safe last path segment of the name, or make one', () => {
    expect(safeFilename('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(safeFilename('surat "x"\r\n.pdf', 'application/pdf')).toBe('surat _x_.pdf');
    expect(safeFilename('..', 'image/png')).toBe('dokumen.png');
    expect(safeFilename(undefined, 'image/jpeg')).toBe('dokumen.jpg');
  });
});
