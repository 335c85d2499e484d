import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { SlaSimulationsController } from './sla-simulations.controller';
import { SlaSimulationsService } from './sla-simulations.service';

// What-if runs of a draft SLA policy (issue 20): the API's side (the request, progress, results); the worker runs
// them (sla-simulation.runner.ts, with the engine of engine.ts).
@Module({
  imports: [AdminModule],
  controllers: [SlaSimulationsController],
  providers: [SlaSimulationsService],
})
export class SlaSimulationsModule {}
