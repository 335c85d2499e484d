import { Module } from '@nestjs/common';
import { CaseRecordsService } from './case-records.service';

// The write side of the case read model, used by the worker's activities.
@Module({ providers: [CaseRecordsService], exports: [CaseRecordsService] })
export class CaseRecordsModule {}
