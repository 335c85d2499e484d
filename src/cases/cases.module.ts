import { Module } from '@nestjs/common';
import { CaseActionsService } from './case-actions.service';
import { CaseNotesService } from './case-notes.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyService } from './idempotency.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { PersonFileService } from './person-file.service';

@Module({
  controllers: [CasesController, InboxController],
  providers: [CasesService, CaseActionsService, CaseNotesService, PersonFileService, InboxService, IdempotencyService],
  exports: [CasesService, IdempotencyService],
})
export class CasesModule {}
