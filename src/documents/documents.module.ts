import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { readDocumentsConfig } from '../config/documents.config';
import { DocumentBlobRepository } from './document-blob.repository';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [CasesModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    {
      provide: DOCUMENT_STORE,
      inject: [DocumentBlobRepository],
      // DOCUMENT_STORE=postgres is the only store for now; an S3-compatible one is another case here
      useFactory: (postgres: DocumentBlobRepository): DocumentStore => {
        readDocumentsConfig();
        return postgres;
      },
    },
  ],
})
export class DocumentsModule {}
