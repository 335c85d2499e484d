import { Module } from '@nestjs/common';
import { SlaMigrationsController } from './sla-migrations.controller';
import { SlaMigrationsService } from './sla-migrations.service';

// Moving running cases to another SLA policy version (issue 20): preview, move, progress (its repository is the read
// model's, for the worker's fan-out activities too).
@Module({
  controllers: [SlaMigrationsController],
  providers: [SlaMigrationsService],
})
export class SlaMigrationsModule {}
