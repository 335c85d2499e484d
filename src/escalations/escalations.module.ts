import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EscalationsController } from './escalations.controller';
import { EscalationsService } from './escalations.service';

// The office's escalation queue; resolving one answers with the case, so it builds on the cases module.
@Module({
  imports: [CasesModule],
  controllers: [EscalationsController],
  providers: [EscalationsService],
  exports: [EscalationsService],
})
export class EscalationsModule {}
