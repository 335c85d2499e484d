import { readInt, readUrl } from './env';

export type DatabaseConfig = { url: string; poolSize: number };

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    url: readUrl(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    poolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
  };
}
