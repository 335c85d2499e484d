import { Module } from '@nestjs/common';
import { CaseRecordsModule } from './cases/case-records.module';
import { RujukanConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';

// What the worker process hosts besides the Temporal Worker itself: the providers its activities close over.
@Module({ imports: [RujukanConfigModule, DatabaseModule, CaseRecordsModule] })
export class WorkerModule {}
