import { Module } from '@nestjs/common';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

// The office's staff list for supervisors and heads (the accounts themselves are the administration's).
@Module({ controllers: [StaffController], providers: [StaffService] })
export class StaffModule {}
