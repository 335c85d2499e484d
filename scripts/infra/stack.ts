// The one stack builder: what `npm start`, `npm run stack:cluster`, the e2e and fault tests, the benchmarks and the
// fuzzer share. It owns the API's and workers' environment, their ports, spawning them (dist/), waiting until each
// worker polls and the API answers /health/ready, and stopping them; and, for the throw-away stacks of the tests,
// benchmarks and fuzzer, PostgreSQL and an in-memory Temporal dev server in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { runMigrations } from '../../src/database/migrate';
import { seedDemoData } from '../../src/database/seed';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { repoRoot } from './paths';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import {
  freePort,
  routeOutput,
  startProcess,
  stopProcess,
  waitUntil,
  type Managed,
  type OutputRoute,
} from './processes';
import { startTemporalDevServer, workerPolls, type DevServer } from './temporal';

// ---- the API and worker processes ----------------------------------------------------------------------------

export type AppTarget = {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  port: number;
  host?: string;
};

// The API's and workers' environment: `base` (usually process.env), where they connect, and `extra` on top.
export function appEnv(base: NodeJS.ProcessEnv, target: AppTarget, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...base,
    DATABASE_URL: target.databaseUrl,
    TEMPORAL_ADDRESS: target.temporalAddress,
    TEMPORAL_TASK_QUEUE: target.taskQueue,
    PORT: String(target.port),
    HOST: target.host ?? '127.0.0.1',
    ...extra,
  };
}

export type AppProcessOptions = {
  nodeArgs?: string[]; // default --enable-source-maps
  keepOutput?: boolean; // Managed.output() holds everything (tests)
  logDir?: string | null; // <logDir>/<name>.log gets everything the process writes
  echo?: OutputRoute['echo']; // what reaches this terminal (default: nothing)
};

// dist/src/main.js (the API) or dist/src/worker.js as a child, run from the repository.
export function startAppProcess(
  name: string,
  script: 'main' | 'worker',
  env: NodeJS.ProcessEnv,
  opts: AppProcessOptions = {},
): Managed {
  const root = repoRoot();
  const args = [...(opts.nodeArgs ?? ['--enable-source-maps']), join(root, 'dist', 'src', `${script}.js`)];
  const proc = startProcess(name, process.execPath, args, { env, cwd: root }, opts.keepOutput ?? false);
  routeOutput(proc, { logFile: opts.logDir ? join(opts.logDir, `${name}.log`) : null, echo: opts.echo ?? 'none' });
  return proc;
}

// Resolves once `worker` (by its pid: a worker's identity is "<pid>@<host>") is among the task queue's pollers.
export async function waitForWorker(
  connection: Connection,
  taskQueue: string,
  worker: Managed,
  timeoutMs = 120000,
  namespace = 'default',
): Promise<void> {
  await waitUntil(
    `${worker.name} polled its task queue`,
    () => workerPolls(connection, taskQueue, worker.child.pid, namespace),
    timeoutMs,
    worker,
  );
}

export async function waitForApi(baseUrl: string, api: Managed, timeoutMs = 120000): Promise<void> {
  await waitUntil(
    'the API answered ready',
    async () => (await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) })).status === 200,
    timeoutMs,
    api,
  );
}

export type App = {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  api: Managed;
  workers: Managed[];
  // stops that worker (SIGTERM) and starts another in its place, with `extraEnv` on top; resolves once it polls
  restartWorker: (index: number, extraEnv?: NodeJS.ProcessEnv) => Promise<Managed>;
  // the API first, then the workers
  stop: () => Promise<void>;
};

export type AppOptions = AppProcessOptions & {
  env: NodeJS.ProcessEnv; // see appEnv
  workers?: number; // default 1: named "worker"; more: "worker-1", "worker-2", ...
  timeoutMs?: number;
};

// The workers and the API, started in that order; resolves once every worker polls and the API answers ready. On a
// failure everything it started is stopped and the error (with the dead process's last lines) is thrown.
export async function startApp(opts: AppOptions): Promise<App> {
  const { env } = opts;
  // the worker's own defaults (src/config/temporal.config.ts)
  const taskQueue = env.TEMPORAL_TASK_QUEUE || 'rujukan-cases';
  const namespace = env.TEMPORAL_NAMESPACE || 'default';
  const count = opts.workers ?? 1;
  const workerName = (i: number) => (count === 1 ? 'worker' : `worker-${i + 1}`);
  const workers = Array.from({ length: count }, (_, i) => startAppProcess(workerName(i), 'worker', env, opts));
  const api = startAppProcess('api', 'main', env, opts);
  const host = env.HOST === '0.0.0.0' || !env.HOST ? '127.0.0.1' : env.HOST;
  const baseUrl = `http://${host}:${env.PORT ?? '3000'}`;
  const stop = async () => {
    await stopProcess(api, 'SIGTERM', 10000);
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGTERM', 20000)));
  };
  const timeoutMs = opts.timeoutMs ?? 120000;
  const withConnection = async <T>(fn: (c: Connection) => Promise<T>): Promise<T> => {
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS! });
    try {
      return await fn(connection);
    } finally {
      await connection.close();
    }
  };
  try {
    await withConnection(async (c) => {
      for (const w of workers) await waitForWorker(c, taskQueue, w, timeoutMs, namespace);
    });
    await waitForApi(baseUrl, api, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  const app: App = {
    baseUrl,
    env,
    api,
    workers,
    stop,
    restartWorker: async (index, extraEnv = {}) => {
      const old = workers[index]!;
      await stopProcess(old, 'SIGTERM', 30000);
      const next = startAppProcess(old.name, 'worker', { ...env, ...extraEnv }, opts);
      workers[index] = next;
      await withConnection((c) => waitForWorker(c, taskQueue, next, timeoutMs, namespace));
      return next;
    },
  };
  return app;
}

// Migrates and seeds `database` (created when missing); resolves with the migrations it applied.
export async function prepareDatabase(adminUrl: string, databaseUrl: string, database: string): Promise<string[]> {
  await ensureDatabase(adminUrl, database);
  const applied = await runMigrations(databaseUrl);
  await seedDemoData(databaseUrl);
  return applied;
}

// ---- throw-away services: the tests, benchmarks and fuzzer ------------------------------------------------------

export type ScratchServices = {
  dataRoot: string;
  pg: EmbeddedPostgres;
  temporal: DevServer;
  stop: () => Promise<void>;
};

// PostgreSQL and an in-memory, headless Temporal dev server on free ports, their data in a new temporary folder
// (`label` names it), removed by stop().
export async function startScratchServices(
  label: string,
  log: (line: string) => void,
  also: Promise<unknown>[] = [],
): Promise<ScratchServices> {
  const dataRoot = mkdtempSync(join(tmpdir(), `rujukan-${label}-`));
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDirectory: join(dataRoot, 'pg'), port: pgPort }),
    startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: null, log }),
    ...also,
  ]);
  const [pgResult, temporalResult] = started as [
    PromiseSettledResult<EmbeddedPostgres>,
    PromiseSettledResult<DevServer>,
  ];
  const pg = pgResult.status === 'fulfilled' ? pgResult.value : null;
  const temporal = temporalResult.status === 'fulfilled' ? temporalResult.value : null;
  const stop = async () => {
    await temporal?.stop();
    await pg?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  };
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { dataRoot, pg: pg!, temporal: temporal!, stop };
}

// ---- a whole Rujukan of its own: benchmarks and the fuzzer ------------------------------------------------------

export type LocalStack = {
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  temporal: Client;
  pg: EmbeddedPostgres;
  post: (path: string, body: unknown, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  get: (path: string, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  login: (username: string) => Promise<string>;
  api: Managed;
  worker: Managed;
  // stops the worker (SIGTERM) and starts a new one with these variables on top; resolves once it polls
  restartWorker: (extraEnv: NodeJS.ProcessEnv) => Promise<Managed>;
  stop: () => Promise<void>;
};

export type LocalStackOptions = {
  label: string; // names the temporary folder
  database: string;
  taskQueue: string;
  nodeArgs?: string[];
  log: (line: string) => void;
};

// Embedded PostgreSQL and an in-memory Temporal dev server, migrated and seeded, the built worker and API as
// processes, and helpers to sign in and call the API. `extraEnv` goes on top of the processes' environment.
export async function startLocalStack(extraEnv: NodeJS.ProcessEnv, opts: LocalStackOptions): Promise<LocalStack> {
  const services = await startScratchServices(opts.label, opts.log);
  let connection: Connection | null = null;
  let app: App | null = null;
  const stop = async () => {
    await connection?.close();
    await app?.stop();
    await services.stop();
  };
  try {
    const { pg, temporal: server } = services;
    const databaseUrl = pg.url(opts.database);
    await prepareDatabase(pg.url('postgres'), databaseUrl, opts.database);
    const env = appEnv(
      process.env,
      { databaseUrl, temporalAddress: server.address, taskQueue: opts.taskQueue, port: await freePort() },
      extraEnv,
    );
    app = await startApp({ env, nodeArgs: opts.nodeArgs });
    connection = await Connection.connect({ address: server.address });
    const temporal = new Client({
      connection,
      dataConverter: { payloadCodecs: [new EncryptionCodec(readPayloadKeys(env))] },
    });
    const { baseUrl } = app;
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const get = async (path: string, token?: string) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const login = async (username: string) =>
      (await post('/api/v1/auth/login', { username, password: process.env.DEMO_PASSWORD || 'rujukan-demo' })).body
        .accessToken as string;
    const started = app;
    const stack: LocalStack = {
      baseUrl,
      databaseUrl,
      temporalAddress: server.address,
      temporal,
      pg,
      post,
      get,
      login,
      api: started.api,
      worker: started.workers[0]!,
      stop,
      restartWorker: async (extra) => {
        stack.worker = await started.restartWorker(0, extra);
        return stack.worker;
      },
    };
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}

// A returnee to register, for benchmarks and the fuzzer that need cases (`point`: the arrival point).
export function sampleRegistration(i: number, point: string) {
  return {
    person: {
      fullName: `Bench Returnee ${i}`,
      sex: 'F',
      dateOfBirth: '1990-01-01',
      homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
    },
    arrival: { point, arrivedAt: new Date().toISOString(), fromCountry: 'MY' },
    category: 'DEPORTEE',
  };
}
