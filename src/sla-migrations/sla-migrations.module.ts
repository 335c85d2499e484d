import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SlaMigrationRepository } from './sla-migration.repository';
import { SlaMigrationsController } from './sla-migrations.controller';
import { SlaMigrationsService } from './sla-migrations.service';

// Moving running cases to another SLA policy version (issue 20): preview, move, progress. The repository is built
// on the DataSource, as the worker builds it for the fan-out's activities.
@Module({
  controllers: [SlaMigrationsController],
  providers: [
    SlaMigrationsService,
    {
      provide: SlaMigrationRepository,
      useFactory: (ds: DataSource) => new SlaMigrationRepository(ds),
      inject: [DataSource],
    },
  ],
})
export class SlaMigrationsModule {}
