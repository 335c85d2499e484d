import { Module } from '@nestjs/common';
import { StaffMessagesService } from '../notifications/staff-messages.service';
import { CaseRecordsService } from './case-records.service';

// The write side of the case read model, used by the worker's activities, and the staff messages its alerts queue.
@Module({ providers: [CaseRecordsService, StaffMessagesService], exports: [CaseRecordsService, StaffMessagesService] })
export class CaseRecordsModule {}
