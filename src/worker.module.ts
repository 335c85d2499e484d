import { Module } from '@nestjs/common';
import { CaseRecordsModule } from './cases/case-records.module';
import { RujukanConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ReadModelModule } from './database/read-model.module';
import { NotificationDeliveryService } from './partners/notification-delivery.service';
import { RetentionService } from './retention/retention.service';
import { documentStoreProvider } from './documents/document-store.provider';
import { TemporalModule } from './temporal/temporal.module';
import { SlaSimulationRunner } from './simulations/sla-simulation.runner';

// What the worker process hosts besides the Temporal Worker itself: the providers its activities close over, and a
// Temporal client to start notification deliveries with.
@Module({
  imports: [RujukanConfigModule, DatabaseModule, ReadModelModule, TemporalModule, CaseRecordsModule],
  providers: [NotificationDeliveryService, RetentionService, documentStoreProvider, SlaSimulationRunner],
})
export class WorkerModule {}
