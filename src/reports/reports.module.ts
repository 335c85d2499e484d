import { Module } from '@nestjs/common';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

// KPI reports of an office or the country, read from the read model (offices come from the global read-model module).
@Module({ controllers: [ReportsController], providers: [ReportsService, ReportRepository] })
export class ReportsModule {}
