// `npm run stack:cluster`: Rujukan's production topology on one machine, without Docker: the Temporal server (not the
// dev server) built from the Go module proxy, its schema set up on PostgreSQL by its own SQL tool, two workers and
// one API. Then it shows a failover: worker 1 is killed with SIGKILL and worker 2 carries on with the same cases.
// It maps one to one onto docker-compose.yml (see the README). With --check it stops everything after the failover
// and exits 0 or 1 (the fault tests run it so); without, it keeps running until Ctrl-C.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { readPayloadKeys } from '../src/config/payload-keys.config';
import { ConfigError, readInt } from '../src/config/env';
import { runMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/database/seed';
import { EncryptionCodec } from '../src/temporal/payload-codec';
import { caseWorkflowId } from '../workflows/types';
import { dataDir } from './infra/paths';
import { DEV_DB_PASSWORD, DEV_DB_USER, ensureDatabase, startEmbeddedPostgres } from './infra/postgres';
import { assertPortFree, InfraError, isRunning, stopList, type Managed } from './infra/processes';
import { appEnv, startApp } from './infra/stack';
import {
  ensureNamespace,
  ensureTemporalServer,
  setupTemporalSchema,
  startTemporalServer,
  temporalServerConfig,
  TEMPORAL_SERVER_VERSION,
} from './infra/temporal-server';

const say = (line: string) => process.stdout.write(`cluster: ${line}\n`);
const check = process.argv.includes('--check');

async function main(): Promise<void> {
  const { started, stopAll } = stopList(say);

  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const pgPort = readInt(env, 'RUJUKAN_CLUSTER_PG_PORT', 54339, 1, 65535);
    // the membership ports sit 400 below the frontend, the metrics port 700 above; all stay at or under 32767, because
    // the server records its services' ports in cluster_membership.rpc_port, a PostgreSQL smallint (a higher port makes
    // every heartbeat fail with "out of range for type smallint" and the server never becomes ready)
    const frontend = readInt(env, 'RUJUKAN_CLUSTER_TEMPORAL_PORT', 7333, 1424, 32067);
    const apiPort = readInt(env, 'RUJUKAN_CLUSTER_API_PORT', 3100, 1, 65535);
    const ports = {
      frontend,
      history: frontend + 1,
      matching: frontend + 2,
      worker: frontend + 6,
      http: frontend + 10,
      membershipBase: frontend - 400,
      metrics: frontend + 700,
    };
    const data = env.RUJUKAN_CLUSTER_DATA_DIR || join(dataDir(), 'cluster');
    mkdirSync(data, { recursive: true });
    for (const [port, what, name] of [
      [pgPort, 'PostgreSQL', 'RUJUKAN_CLUSTER_PG_PORT'],
      [apiPort, 'the API', 'RUJUKAN_CLUSTER_API_PORT'],
      ...[
        ports.frontend,
        ports.history,
        ports.matching,
        ports.worker,
        ports.http,
        ports.metrics,
        ports.membershipBase,
        ports.membershipBase + 1,
        ports.membershipBase + 2,
        ports.membershipBase + 3,
      ].map((p) => [p, 'the Temporal server', 'RUJUKAN_CLUSTER_TEMPORAL_PORT'] as const),
    ] as const) {
      await assertPortFree(port, what, name);
    }

    // 1. the Temporal server and its SQL tool (built once, cached)
    const bins = await ensureTemporalServer(say);
    say(`Temporal server ${TEMPORAL_SERVER_VERSION}: ${bins.server}`);

    // 2. PostgreSQL: Temporal's two databases and Rujukan's
    say(`starting PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${join(data, 'postgres')}`);
    const pg = await startEmbeddedPostgres({ dataDirectory: join(data, 'postgres'), port: pgPort });
    started.push({ name: 'PostgreSQL', stop: pg.stop });
    for (const db of ['temporal', 'temporal_visibility', 'rujukan']) await ensureDatabase(pg.url('postgres'), db);
    const sql = { host: '127.0.0.1', port: pgPort, user: DEV_DB_USER, password: DEV_DB_PASSWORD };
    await setupTemporalSchema(bins, sql, say);

    // 3. the Temporal server: frontend, history, matching and worker services in one process
    say(`starting the Temporal server on 127.0.0.1:${ports.frontend}`);
    const server = await startTemporalServer(
      bins,
      join(data, 'temporal-server.yaml'),
      temporalServerConfig(sql, ports),
      ports.frontend,
    );
    started.push({ name: 'Temporal server', stop: server.stop });
    await ensureNamespace(server.address, 'default', 7, say);

    // 4. Rujukan: migrate, seed, two workers and one API
    env.DATABASE_URL = pg.url('rujukan');
    const applied = await runMigrations(env.DATABASE_URL);
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    await seedDemoData(env.DATABASE_URL);
    const appEnvironment = appEnv(env, {
      databaseUrl: env.DATABASE_URL,
      temporalAddress: server.address,
      taskQueue: env.TEMPORAL_TASK_QUEUE || 'rujukan-cases',
      port: apiPort,
    });
    // each worker is ready when the server lists it among its task queue's pollers
    const app = await startApp({ env: appEnvironment, workers: 2, logDir: join(data, 'logs'), echo: 'stderr' });
    started.push({ name: 'workers and API', stop: app.stop });
    const { baseUrl: base, workers } = app;
    say(
      `ready: API ${base}/api/v1, Temporal ${server.address}, workers pid ` +
        `${workers.map((w) => w.child.pid).join(' and ')}`,
    );

    // 5. the failover
    const ok = await failover(base, appEnvironment, workers);
    if (check) return void stopAll(ok ? 0 : 1);
    say('press Ctrl-C to stop everything');
  } catch (err) {
    const message =
      err instanceof InfraError || err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err));
    process.stderr.write(`cluster: ${message}\n`);
    await stopAll(1);
  }
}

// Cases are started and moved while both workers poll; worker 1 is killed with SIGKILL; the same cases are moved on.
// Every action must succeed, and the workflow tasks after the kill must have been run by worker 2.
async function failover(base: string, env: NodeJS.ProcessEnv, workers: Managed[]): Promise<boolean> {
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = await call('/api/v1/auth/login', {
    username: 'cw.palu',
    password: env.DEMO_PASSWORD || 'rujukan-demo',
  });
  const token = login.accessToken as string;
  const ids: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const c = await call(
      '/api/v1/cases',
      {
        person: {
          fullName: `Cluster Demo ${i}`,
          sex: 'F',
          dateOfBirth: '1990-01-01',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
        },
        arrival: {
          point: 'Bandara Mutiara SIS Al-Jufri, Palu',
          arrivedAt: new Date().toISOString(),
          fromCountry: 'MY',
        },
        category: 'DEPORTEE',
      },
      token,
    );
    ids.push(c.id as string);
    await call(`/api/v1/cases/${c.id as string}/actions`, { type: 'complete-registration' }, token);
  }
  say(`10 cases registered and moved to screening with both workers polling`);

  const [victim, survivor] = workers as [Managed, Managed];
  victim.child.kill('SIGKILL');
  await victim.exited;
  const killedAt = Date.now();
  say(`killed ${victim.name} (pid ${victim.child.pid}) with SIGKILL`);

  const times: number[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const t0 = Date.now();
      const c = await call(
        `/api/v1/cases/${id}/actions`,
        { type: 'complete-screening', payload: { indicators: [], flags: {} } },
        token,
      );
      times.push(Date.now() - t0);
      if (c.currentStep !== 'REFERRAL') throw new Error(`case ${id} is at ${String(c.currentStep)} after screening`);
    }),
  );
  say(
    `all 10 cases screened after the kill; the slowest action took ${Math.max(...times)} ms ` +
      '(a workflow task the server had just handed to the dead worker is retried after its 10 s timeout)',
  );

  // who completed the workflow tasks after the kill (identity "<pid>@<host>"); a task the server handed to the dead
  // worker just as it died times out and goes to the other
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS! });
  const client = new Client({
    connection,
    dataConverter: { payloadCodecs: [new EncryptionCodec(readPayloadKeys(env))] },
  });
  const identities = new Set<string>();
  let timedOut = 0;
  try {
    for (const id of ids) {
      const history = await client.workflow.getHandle(caseWorkflowId(id)).fetchHistory();
      for (const e of history.events ?? []) {
        const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
        if (at < killedAt) continue;
        if (e.workflowTaskCompletedEventAttributes)
          identities.add(String(e.workflowTaskCompletedEventAttributes.identity));
        if (e.workflowTaskTimedOutEventAttributes) timedOut += 1;
      }
    }
  } finally {
    await connection.close();
  }
  const survivorIdentity = [...identities].every((i) => i.startsWith(`${survivor.child.pid}@`));
  say(
    `workflow tasks completed after the kill by: ${[...identities].join(', ')} (${survivor.name} is pid ` +
      `${survivor.child.pid}); ${timedOut} task(s) handed to the dead worker timed out and were retried`,
  );
  const ok = survivorIdentity && identities.size > 0 && isRunning(survivor);
  say(ok ? `failover: ${survivor.name} took over every case` : 'failover: FAILED');
  return ok;
}

void main();
