// `npm run bench:actions`: how long a case action takes over HTTP (POST /api/v1/cases/{id}/actions: token check,
// payload validation, office scoping, the Update, the read-model write by the worker's activity, the case read back)
// at 20 concurrent clients, against a raw `executeUpdate` of the very same Update on the same Temporal server, worker,
// PostgreSQL and cases, in the same run. The ratio is what the API adds on top of Temporal and the activity.
// Phases alternate (HTTP, raw, HTTP, raw) so drift on a shared machine falls on both sides.
// Results: bench/results/action-latency.json and .md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { runMigrations } from '../src/database/migrate';
import { DEMO_AGENCIES, DEMO_USERS, seedDemoData } from '../src/database/seed';
import { ensureDatabase, startEmbeddedPostgres } from '../scripts/infra/postgres';
import { freePort, startProcess, stopProcess, waitUntil, type Managed } from '../scripts/infra/processes';
import { startTemporalDevServer } from '../scripts/infra/temporal';
import { performActionUpdate } from '../workflows/messages';
import { caseWorkflowId, type CaseAction } from '../workflows/types';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const ACTIONS_PER_PHASE = Number(process.env.BENCH_ACTIONS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ROOT = resolve(__dirname, '..', '..');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

// A repeatable action with real effects: a consent row, a case event, the case projection.
const consentPayload = () => ({
  givenBy: 'SELF',
  method: 'WRITTEN',
  purpose: 'REFERRAL',
  recipientAgencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
  dataCategories: ['IDENTITY', 'HEALTH'],
  expiresAt: new Date(Date.now() + 90 * 86400000).toISOString(),
});

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number; perSecond: number };

function stats(ms: number[], seconds: number): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(s[s.length - 1]!), mean: r(s.reduce((a, b) => a + b, 0) / s.length), perSecond: r(s.length / seconds) };
}

// `clients` workers, each taking the next job until `total` are done; every job timed.
async function timed(total: number, clients: number, job: (client: number, i: number) => Promise<void>): Promise<{ ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await job(client, i);
        ms.push(performance.now() - start);
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'rujukan-bench-'));
  const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDirectory: join(dataRoot, 'pg'), port: pgPort }),
    startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: null, log }),
  ]);
  const processes: Managed[] = [];
  let connection: Connection | null = null;
  try {
    await ensureDatabase(pg.url('postgres'), 'rujukan_bench');
    const databaseUrl = pg.url('rujukan_bench');
    await runMigrations(databaseUrl);
    await seedDemoData(databaseUrl);
    const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'rujukan-bench', PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const worker = startProcess('worker', process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], { env, cwd: ROOT });
    const api = startProcess('api', process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { env, cwd: ROOT });
    processes.push(worker, api);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitUntil('the API answered ready', async () => (await fetch(`${baseUrl}/health/ready`).catch(() => null))?.status === 200, 90000, api);
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });

    const post = async (path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const token = (await post('/api/v1/auth/login', { username: 'cw.palu', password: process.env.DEMO_PASSWORD || 'rujukan-demo' })).body.accessToken as string;

    // one open case per client, registered and screened over HTTP
    const caseIds: string[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const created = await post(
        '/api/v1/cases',
        {
          person: { fullName: `Bench Returnee ${i}`, sex: 'F', dateOfBirth: '1990-01-01', homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' } },
          arrival: { point: 'bench', arrivedAt: new Date().toISOString(), fromCountry: 'MY' },
          category: 'DEPORTEE',
        },
        token,
      );
      if (created.status !== 201) throw new Error(`registration failed: ${created.status} ${JSON.stringify(created.body)}`);
      const id = created.body.id as string;
      await post(`/api/v1/cases/${id}/actions`, { type: 'complete-registration' }, token);
      await post(`/api/v1/cases/${id}/actions`, { type: 'complete-screening', payload: { indicators: [], flags: {} } }, token);
      caseIds.push(id);
    }

    const http = (c: number) => async () => {
      const res = await post(`/api/v1/cases/${caseIds[c]!}/actions`, { type: 'record-consent', payload: consentPayload() }, token);
      if (res.status !== 200) throw new Error(`action failed: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const actor = { userId: DEMO_USERS.cwPalu!.id, role: 'CASEWORKER' } as const;
    const raw = (c: number) => async () => {
      const action: CaseAction = { type: 'record-consent', payload: consentPayload(), actor };
      await client.workflow.getHandle(caseWorkflowId(caseIds[c]!)).executeUpdate(performActionUpdate, { args: [action] });
    };

    // warm-up of both paths (JIT, connection pools, sticky caches)
    await timed(CLIENTS * 3, CLIENTS, (c) => http(c)());
    await timed(CLIENTS * 3, CLIENTS, (c) => raw(c)());

    const httpMs: number[] = [];
    const rawMs: number[] = [];
    let httpSeconds = 0;
    let rawSeconds = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const h = await timed(ACTIONS_PER_PHASE, CLIENTS, (c) => http(c)());
      httpMs.push(...h.ms);
      httpSeconds += h.seconds;
      const r = await timed(ACTIONS_PER_PHASE, CLIENTS, (c) => raw(c)());
      rawMs.push(...r.ms);
      rawSeconds += r.seconds;
      log(`round ${round + 1}/${ROUNDS}: HTTP p50 ${stats(h.ms, h.seconds).p50} ms, raw p50 ${stats(r.ms, r.seconds).p50} ms`);
    }
    const viaHttp = stats(httpMs, httpSeconds);
    const viaUpdate = stats(rawMs, rawSeconds);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      clients: CLIENTS,
      actionsPerPhase: ACTIONS_PER_PHASE,
      rounds: ROUNDS,
      action: 'record-consent (a consent row, a case event and the case projection written by the worker activity)',
      http: viaHttp,
      rawExecuteUpdate: viaUpdate,
      ratio: { p50: ratio(viaHttp.p50, viaUpdate.p50), p95: ratio(viaHttp.p95, viaUpdate.p95), p99: ratio(viaHttp.p99, viaUpdate.p99), throughput: ratio(viaHttp.perSecond, viaUpdate.perSecond) },
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'action-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
    const row = (name: string, s: Stats) => `| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${s.perSecond} |`;
    writeFileSync(
      join(dir, 'action-latency.md'),
      [
        `# Action latency (${result.date.slice(0, 10)}, ${CLIENTS} concurrent clients, ${cpus().length} CPUs, dev server in memory, real worker and PostgreSQL)`,
        '',
        `The action: ${result.action}. Each path ran ${ROUNDS} × ${ACTIONS_PER_PHASE} actions, alternating.`,
        '',
        '| path | actions | p50 ms | p95 ms | p99 ms | max ms | actions/s |',
        '|---|---|---|---|---|---|---|',
        row('HTTP `POST /api/v1/cases/{id}/actions`', viaHttp),
        row('baseline: raw `executeUpdate` (same Update, same server)', viaUpdate),
        '',
        `HTTP ÷ raw: p50 **${result.ratio.p50}×**, p95 **${result.ratio.p95}×**, p99 **${result.ratio.p99}×**; throughput ${result.ratio.throughput}×.`,
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await connection?.close();
    for (const p of processes.reverse()) await stopProcess(p, 'SIGTERM', 15000);
    await temporal.stop();
    await pg.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
