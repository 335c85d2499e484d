import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { SlaMigrationsModule } from './sla-migrations/sla-migrations.module';
import { SlaSimulationsModule } from './simulations/sla-simulations.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { RujukanConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ReadModelModule } from './database/read-model.module';
import { DocumentsModule } from './documents/documents.module';
import { EscalationsModule } from './escalations/escalations.module';
import { HealthModule } from './health/health.module';
import { LettersModule } from './letters/letters.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MetricsController } from './metrics/metrics.controller';
import { ReadModelGaugesService } from './metrics/read-model-gauges.service';
import { CodecController, CodecLinkController } from './temporal/codec.controller';
import { ProcessModule } from './process/process.module';
import { PartnersModule } from './partners/partners.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReportsModule } from './reports/reports.module';
import { StaffMessagesModule } from './notifications/staff-messages.module';
import { StaffModule } from './staff/staff.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [
    RujukanConfigModule,
    DatabaseModule,
    ReadModelModule,
    TemporalModule,
    AuthModule,
    AuditModule,
    ProcessModule,
    CasesModule,
    EscalationsModule,
    ReferralsModule,
    DocumentsModule,
    PartnersModule,
    LettersModule,
    HealthModule,
    AdminModule,
    SlaMigrationsModule,
    SlaSimulationsModule,
    StaffModule,
    StaffMessagesModule,
    NotificationsModule,
    ReportsModule,
  ],
  controllers: [MetricsController, CodecController, CodecLinkController],
  providers: [ReadModelGaugesService],
})
export class AppModule {}
