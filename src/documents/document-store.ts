// Where the encrypted bytes of documents live, by key (the document's id). The embedded default keeps them in
// PostgreSQL (document-blob.repository.ts); a production S3-compatible store implements the same three calls.
// Only ciphertext is ever handed to a store.
export type DocumentStore = {
  put(key: string, sealed: Buffer): Promise<void>;
  // null when there is nothing under the key
  get(key: string): Promise<Buffer | null>;
  // destroys the bytes; nothing under the key is not an error
  delete(key: string): Promise<void>;
};

export const DOCUMENT_STORE = Symbol('DocumentStore');
