import { Module } from '@nestjs/common';
import { CaseActionsService } from './case-actions.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyService } from './idempotency.service';
import { EscalationsController, InboxController } from './work-queues.controller';
import { WorkQueuesService } from './work-queues.service';

@Module({ controllers: [CasesController, InboxController, EscalationsController], providers: [CasesService, CaseActionsService, WorkQueuesService, IdempotencyService], exports: [IdempotencyService] })
export class CasesModule {}
