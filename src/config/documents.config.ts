import { ConfigError, readString } from './env';
import { readDocumentKeys, type KeyRing } from './payload-keys.config';

// Where uploaded documents are kept and the keys they are encrypted with. DOCUMENT_STORE=postgres (the default) is
// the embedded store; a production S3-compatible store is another implementation of DocumentStore, added here.
export const DOCUMENT_STORES = ['postgres'] as const;
export type DocumentsConfig = { store: (typeof DOCUMENT_STORES)[number]; keys: KeyRing };

export function readDocumentsConfig(env: NodeJS.ProcessEnv = process.env): DocumentsConfig {
  const store = readString(env, 'DOCUMENT_STORE', 'postgres');
  if (!DOCUMENT_STORES.includes(store as DocumentsConfig['store']))
    throw new ConfigError(`DOCUMENT_STORE=${store} is not one of: ${DOCUMENT_STORES.join(', ')}`);
  return { store: store as DocumentsConfig['store'], keys: readDocumentKeys(env) };
}
