import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../config/database.config';
import { dataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...dataSourceOptions(config.getOrThrow<DatabaseConfig>('database')),
        // Boot checks reachability first and fails with one clear line; no silent retry loop here.
        retryAttempts: 0,
      }),
    }),
  ],
})
export class DatabaseModule {}
