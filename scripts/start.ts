// `npm start`: Rujukan on its embedded defaults, in one command.
// Starts PostgreSQL and the Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, migrates,
// seeds the demo data, starts the worker and the API, and prints where they are. Ctrl-C (SIGINT) or SIGTERM stops
// everything it started, in reverse order.
import { join, resolve } from 'node:path';
import { checkPostgres, checkTemporal } from '../src/common/boot';
import { readAppConfig } from '../src/config/app.config';
import { ConfigError, readInt, readUrl } from '../src/config/env';
import { runMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/database/seed';
import { dataDir } from './infra/paths';
import { ensureDatabase, startEmbeddedPostgres } from './infra/postgres';
import { assertPortFree, InfraError, startNodeScript, stopList, stopProcess, waitUntil } from './infra/processes';
import { startTemporalDevServer } from './infra/temporal';

const say = (line: string) => process.stdout.write(`rujukan: ${line}\n`);

async function healthReady(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.status === 200;
}

async function main(): Promise<void> {
  const { started, stopAll, stopping } = stopList(say);

  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const app = readAppConfig(env);
    const pgPort = readInt(env, 'RUJUKAN_PG_PORT', 54329, 1, 65535);
    const temporalPort = readInt(env, 'RUJUKAN_TEMPORAL_PORT', 7233, 1, 65535);
    const uiPort = readInt(env, 'RUJUKAN_TEMPORAL_UI_PORT', 8233, 1, 65535);
    const data = dataDir();

    await assertPortFree(app.port, 'the API', 'PORT');
    if (!env.DATABASE_URL) await assertPortFree(pgPort, 'PostgreSQL', 'RUJUKAN_PG_PORT');
    if (!env.TEMPORAL_ADDRESS) {
      await assertPortFree(temporalPort, 'Temporal', 'RUJUKAN_TEMPORAL_PORT');
      await assertPortFree(uiPort, 'the Temporal UI', 'RUJUKAN_TEMPORAL_UI_PORT');
    }

    if (!env.DATABASE_URL) {
      say(`starting PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${join(data, 'postgres')}`);
      const pg = await startEmbeddedPostgres({ dataDirectory: join(data, 'postgres'), port: pgPort });
      started.push({ name: 'PostgreSQL', stop: pg.stop });
      await ensureDatabase(pg.url('postgres'), 'rujukan');
      env.DATABASE_URL = pg.url('rujukan');
    }
    await checkPostgres(env);

    let temporalUi: string | null = null;
    if (!env.TEMPORAL_ADDRESS) {
      say(`starting the Temporal dev server on 127.0.0.1:${temporalPort}, state in ${join(data, 'temporal.sqlite')}`);
      // the UI's codec server for everyone; without it, each supervisor pastes a personal link (POST /api/v1/codec-links)
      const uiCodecEndpoint = env.TEMPORAL_UI_CODEC_ENDPOINT ? readUrl(env, 'TEMPORAL_UI_CODEC_ENDPOINT', ['http', 'https']) : null;
      const temporal = await startTemporalDevServer({ port: temporalPort, uiPort, uiCodecEndpoint, dbFile: join(data, 'temporal.sqlite'), log: say });
      started.push({ name: 'Temporal', stop: temporal.stop });
      env.TEMPORAL_ADDRESS = temporal.address;
      temporalUi = temporal.uiUrl;
    }
    await checkTemporal(env);

    const applied = await runMigrations(env.DATABASE_URL!);
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    await seedDemoData(env.DATABASE_URL!);

    const dist = resolve(__dirname, '..');
    const worker = startNodeScript('worker', join(dist, 'src', 'worker.js'), env);
    started.push({ name: 'worker', stop: () => stopProcess(worker, 'SIGTERM', 20000) });
    const api = startNodeScript('api', join(dist, 'src', 'main.js'), env);
    started.push({ name: 'API', stop: () => stopProcess(api, 'SIGTERM', 10000) });

    const base = `http://${app.host === '0.0.0.0' ? '127.0.0.1' : app.host}:${app.port}`;
    await waitUntil('the worker polled its task queue', async () => worker.tail().includes('"polling"'), 120000, worker);
    await waitUntil('the API answered ready', () => healthReady(`${base}/health/ready`), 120000, api);

    say('ready');
    say(`  API          ${base}/api/v1`);
    say(`  Swagger UI   ${base}/api/docs`);
    say(`  health       ${base}/health/ready`);
    say(`  Temporal UI  ${temporalUi ?? '(external Temporal: see its own UI)'}`);
    say(`  its codec    POST ${base}/api/v1/codec-links as a supervisor, paste the endpoint into the UI's codec server setting`);
    say('press Ctrl-C to stop everything');

    // A child that dies on its own takes the whole stack down, rather than leave half of it running.
    void Promise.race([worker.exited.then(() => worker), api.exited.then(() => api)]).then((p) => {
      if (!stopping()) {
        say(`${p.name} exited unexpectedly:\n${p.tail()}`);
        void stopAll(1);
      }
    });
  } catch (err) {
    const message = err instanceof InfraError || err instanceof ConfigError ? err.message : (err as Error).message ?? String(err);
    process.stderr.write(`rujukan: ${message}\n`);
    await stopAll(1);
  }
}

void main();
