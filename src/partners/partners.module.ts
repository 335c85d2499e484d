import { Module } from '@nestjs/common';
import { NotificationsController, PartnerAgenciesController } from './partners.controller';
import { PartnerAgenciesService } from './partner-agencies.service';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [PartnerAgenciesController, NotificationsController],
  providers: [PartnerAgenciesService, NotificationsService],
})
export class PartnersModule {}
