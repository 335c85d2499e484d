import { Module } from '@nestjs/common';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';
import { OfficesController } from './offices.controller';
import { OfficesService } from './offices.service';
import { SlaDraftsController } from './sla-drafts.controller';
import { SlaDraftsService } from './sla-drafts.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

// The administration API (ADMIN; some reads for staff, see the access matrix): accounts, offices, the holiday
// calendar by year, SLA policy versions by province and their drafts (registered before the versions: GET
// /sla-policies/drafts must not be read as the version "drafts"). The tables belong to their features (auth, offices, calendar,
// process), whose repositories this module uses; every change is audited through its access-matrix row.
@Module({
  controllers: [UsersController, OfficesController, HolidaysController, SlaDraftsController, SlaPoliciesController],
  providers: [UsersService, OfficesService, HolidaysService, SlaPoliciesService, SlaDraftsService],
  // the what-if (simulations/) reaches a draft as the drafts' own routes do
  exports: [SlaDraftsService],
})
export class AdminModule {}
