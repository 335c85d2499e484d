// A whole Rujukan for a benchmark: its own embedded PostgreSQL and in-memory Temporal dev server, migrated and
// seeded, with the built worker and API (dist/) as processes, and helpers to sign in and call the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { runMigrations } from '../../src/database/migrate';
import { seedDemoData } from '../../src/database/seed';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/infra/postgres';
import { freePort, startProcess, stopProcess, waitUntil, type Managed } from '../../scripts/infra/processes';
import { startTemporalDevServer, workerPolls, type DevServer } from '../../scripts/infra/temporal';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
// extra node flags for the API and worker, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to find a bottleneck
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export type BenchStack = {
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

export async function startBenchStack(extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchStack> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'rujukan-bench-'));
  const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  let pg: EmbeddedPostgres | null = null;
  let server: DevServer | null = null;
  let connection: Connection | null = null;
  const processes: Managed[] = [];
  const stop = async () => {
    await connection?.close();
    for (const p of processes.reverse()) await stopProcess(p, 'SIGTERM', 15000);
    await server?.stop();
    await pg?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  };
  try {
    [pg, server] = await Promise.all([
      startEmbeddedPostgres({ dataDirectory: join(dataRoot, 'pg'), port: pgPort }),
      startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: null, log }),
    ]);
    await ensureDatabase(pg.url('postgres'), 'rujukan_bench');
    const databaseUrl = pg.url('rujukan_bench');
    await runMigrations(databaseUrl);
    await seedDemoData(databaseUrl);
    const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: 'rujukan-bench', PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv };
    const startWorker = (extra: NodeJS.ProcessEnv) => startProcess('worker', process.execPath, [...NODE_ARGS, join(ROOT, 'dist', 'src', 'worker.js')], { env: { ...env, ...extra }, cwd: ROOT });
    const worker = startWorker({});
    const api = startProcess('api', process.execPath, [...NODE_ARGS, join(ROOT, 'dist', 'src', 'main.js')], { env, cwd: ROOT });
    processes.push(worker, api);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitUntil('the API answered ready', async () => (await fetch(`${baseUrl}/health/ready`).catch(() => null))?.status === 200, 90000, api);
    connection = await Connection.connect({ address: server.address });
    const temporal = new Client({ connection, dataConverter: { payloadCodecs: [new EncryptionCodec(readPayloadKeys(env))] } });
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
    const login = async (username: string) => (await post('/api/v1/auth/login', { username, password: process.env.DEMO_PASSWORD || 'rujukan-demo' })).body.accessToken as string;
    const stack: BenchStack = {
      baseUrl, databaseUrl, temporalAddress: server.address, temporal, pg, post, get, login, api, worker, stop,
      restartWorker: async (extra) => {
        await stopProcess(stack.worker, 'SIGTERM', 30000);
        const next = startWorker(extra);
        processes.splice(processes.indexOf(stack.worker), 1, next);
        stack.worker = next;
        await waitUntil('the new worker polled', () => workerPolls(connection!, 'rujukan-bench', next.child.pid), 90000, next);
        return next;
      },
    };
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}

export type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(s[s.length - 1]!), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

// A seeded generator, so that two runs of a benchmark draw the same data in the same order.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

// A registered returnee, for benchmarks that need cases.
export function benchRegistration(i: number) {
  return {
    person: { fullName: `Bench Returnee ${i}`, sex: 'F', dateOfBirth: '1990-01-01', homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' } },
    arrival: { point: 'bench', arrivedAt: new Date().toISOString(), fromCountry: 'MY' },
    category: 'DEPORTEE',
  };
}

// `concurrency` workers taking the next of `n` jobs until all are done.
export async function pool<T>(n: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

// bench/results/<name>.json and .md
export function writeResults(name: string, result: unknown, markdown: string[]): void {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), `${markdown.join('\n')}\n`);
  log(`results in bench/results/${name}.json and .md`);
}

// A benchmark's entry point: a failure is printed with its stack and exits 1.
export function runBench(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
