// What a document may be, what its bytes may be, and who beyond the office may see it. No framework imports.

export const DOCUMENT_KINDS = [
  'SIGNED_CONSENT',
  'SIGNED_REFUSAL',
  'HANDOVER_RECORD',
  'MEDICAL_RECORD',
  'POLICE_REPORT',
  'PASSPORT_OR_ID_COPY',
  'OTHER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

// The consent data category a partner needs to receive a document of each kind (the categories a consent's
// dataCategories names, as for the webhook's fields: IDENTITY, CONTACT, HEALTH...). A signed consent, refusal or
// handover record names the returnee and their family and says nothing a service needs, so it goes to a partner
// only when the consent names CONSENT_RECORDS; a document of no stated kind (OTHER) never goes.
export const DOCUMENT_CATEGORY: Readonly<Record<DocumentKind, string | null>> = {
  SIGNED_CONSENT: 'CONSENT_RECORDS',
  SIGNED_REFUSAL: 'CONSENT_RECORDS',
  HANDOVER_RECORD: 'CONSENT_RECORDS',
  MEDICAL_RECORD: 'HEALTH',
  POLICE_REPORT: 'LEGAL',
  PASSPORT_OR_ID_COPY: 'IDENTITY',
  OTHER: null,
};

export function kindsCoveredBy(categories: readonly string[]): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => {
    const needs = DOCUMENT_CATEGORY[k];
    return needs !== null && categories.includes(needs);
  });
}

// The signed document an action may point at.
export const ACTION_DOCUMENT_KIND: Readonly<Record<string, DocumentKind>> = {
  'record-consent': 'SIGNED_CONSENT',
  'record-refusal': 'SIGNED_REFUSAL',
  'record-handover': 'HANDOVER_RECORD',
};

// The type the bytes are, by their first bytes (the file's name and the type the client declares prove nothing).
const MAGIC: readonly { type: DocumentType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffType(bytes: Uint8Array): DocumentType | null {
  return MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b))?.type ?? null;
}

// A file name a person can recognise and no header or file system can be fooled by: the last path segment, only
// letters, digits and . _ - ( ) and spaces, at most 120 characters.
export function safeFilename(name: string | undefined, type: DocumentType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._() -]+/g, '_')
    .replace(/^[.\s_]+/, '')
    .slice(-120)
    .trim();
  return clean || `dokumen.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
}
