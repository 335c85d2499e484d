import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { readAppConfig } from '../config/app.config';
import { readDatabaseConfig } from '../config/database.config';
import { ConfigError } from '../config/env';
import { readTemporalConfig } from '../config/temporal.config';
import { RequestAwareLogger } from './request-context';

// What a process checks before Nest starts, so that each way to misconfigure it ends in one line that names the
// problem and the fix, and a non-zero exit: not a stack trace, not a retry loop.

export class BootError extends Error {}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(): ConsoleLogger {
  const level = readAppConfig().logLevel;
  return new RequestAwareLogger({ json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1) });
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export async function checkPostgres(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { url } = readDatabaseConfig(env);
  const where = describeUrl(url);
  const client = new PgClient({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const why =
      e.code === 'ECONNREFUSED'
        ? 'connection refused'
        : e.code === 'ENOTFOUND'
          ? 'unknown host'
          : e.code === '28P01' || e.code === '28000'
            ? 'the user or password was refused'
            : e.code === '3D000'
              ? 'that database does not exist'
              : (e.message ?? 'no answer');
    throw new BootError(`PostgreSQL at ${where} cannot be used (${why}): start it, or fix DATABASE_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkTemporal(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { address, namespace } = readTemporalConfig(env);
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
    await connection.withDeadline(Date.now() + 5000, () =>
      connection!.workflowService.describeNamespace({ namespace }),
    );
  } catch (err) {
    const msg = (err as Error).message ?? '';
    const why = /NOT_FOUND|not found/i.test(msg) ? `namespace "${namespace}" does not exist` : 'no answer';
    throw new BootError(
      `Temporal at ${address} cannot be used (${why}): ` +
        'start it (npm start does), or fix TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE',
    );
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

export function describeBootError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof BootError) return err.message;
  const e = err as { code?: string; port?: number; address?: string; message?: string };
  if (e?.code === 'EADDRINUSE') {
    return `port ${e.port ?? ''} is already in use: stop what holds it, or set PORT`.replace('port  is', 'the port is');
  }
  if (e?.code === 'EACCES') return `not allowed to listen on port ${e.port ?? ''}: choose another PORT`;
  return `failed to start: ${e?.message ?? String(err)}`;
}

// Runs a process's main function; a boot failure prints one line to stderr and exits 1.
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`rujukan ${name}: ${describeBootError(err)}\n`);
    process.exit(1);
  });
}
