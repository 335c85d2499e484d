// A whole Rujukan for a benchmark: its own embedded PostgreSQL and in-memory Temporal dev server, migrated and
// seeded, with the built worker and API (dist/) as processes, and helpers to sign in and call the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { runMigrations } from '../../src/database/migrate';
import { seedDemoData } from '../../src/database/seed';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/infra/postgres';
import { freePort, startProcess, stopProcess, waitUntil, type Managed } from '../../scripts/infra/processes';
import { startTemporalDevServer, type DevServer } from '../../scripts/infra/temporal';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

export type BenchStack = {
  baseUrl: string;
  databaseUrl: string;
  temporal: Client;
  pg: EmbeddedPostgres;
  post: (path: string, body: unknown, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  login: (username: string) => Promise<string>;
  api: Managed;
  worker: Managed;
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
    const worker = startProcess('worker', process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], { env, cwd: ROOT });
    const api = startProcess('api', process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { env, cwd: ROOT });
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
    const login = async (username: string) => (await post('/api/v1/auth/login', { username, password: process.env.DEMO_PASSWORD || 'rujukan-demo' })).body.accessToken as string;
    return { baseUrl, databaseUrl, temporal, pg, post, login, api, worker, stop };
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
