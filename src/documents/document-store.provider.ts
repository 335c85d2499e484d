import type { Provider } from '@nestjs/common';
import { readDocumentsConfig } from '../config/documents.config';
import { DocumentBlobRepository } from './document-blob.repository';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';

// The DocumentStore DOCUMENT_STORE names, for the API (uploads, downloads) and the worker (retention).
// postgres is the only store so far; an S3-compatible one is another case here.
export const documentStoreProvider: Provider = {
  provide: DOCUMENT_STORE,
  inject: [DocumentBlobRepository],
  useFactory: (postgres: DocumentBlobRepository): DocumentStore => {
    readDocumentsConfig();
    return postgres;
  },
};
