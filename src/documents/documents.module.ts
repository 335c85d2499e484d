import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { documentStoreProvider } from './document-store.provider';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [CasesModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, documentStoreProvider],
})
export class DocumentsModule {}
