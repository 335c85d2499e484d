import { DataSource, type DataSourceOptions } from 'typeorm';
import { readDatabaseConfig, type DatabaseConfig } from '../config/database.config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// One description of the database, shared by Nest (TypeOrmModule), the worker, the migration runner and the
// TypeORM CLI (which loads the default export).
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: config.poolSize, connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(env: NodeJS.ProcessEnv = process.env): DataSource {
  return new DataSource(dataSourceOptions(readDatabaseConfig(env)));
}
