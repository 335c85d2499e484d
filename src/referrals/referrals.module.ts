import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({ imports: [CasesModule], controllers: [ReferralsController], providers: [ReferralsService] })
export class ReferralsModule {}
