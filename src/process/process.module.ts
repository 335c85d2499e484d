import { Global, Module } from '@nestjs/common';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { ProcessDefinitionController } from './process-definition.controller';
import { SlaPolicyService } from './sla-policy.service';

// The process data a new case starts with (SLA policy, holiday calendar), for every module that starts one.
@Global()
@Module({
  controllers: [ProcessDefinitionController],
  providers: [SlaPolicyService, HolidayCalendarService],
  exports: [SlaPolicyService, HolidayCalendarService],
})
export class ProcessModule {}
