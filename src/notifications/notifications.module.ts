import { Module } from '@nestjs/common';
import { MeNotificationsController } from './me-notifications.controller';
import { MeNotificationsService } from './me-notifications.service';

// Staff notifications (issue 18). Here: each person's own in-app list and their settings.
@Module({ controllers: [MeNotificationsController], providers: [MeNotificationsService] })
export class NotificationsModule {}
