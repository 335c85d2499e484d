import { Module } from '@nestjs/common';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CasesService, HolidayCalendarService] })
export class CasesModule {}
