import { Module } from '@nestjs/common';
import { StaffMessagesController } from './staff-messages.controller';
import { StaffMessagesAdminService } from './staff-messages-admin.service';

// Messages to staff as an administrator sees them: the failed ones, sending again, the offices' gateways. The
// sending itself is the worker's (src/activities/staff-message.activities.ts).
@Module({ controllers: [StaffMessagesController], providers: [StaffMessagesAdminService] })
export class StaffMessagesModule {}
