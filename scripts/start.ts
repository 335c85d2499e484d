// `npm start`: Rujukan on its embedded defaults, in one command.
// Starts PostgreSQL and the Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere (fetching the
// Temporal CLI first when it is not in the cache), migrates, seeds the demo data, starts the worker and the API, and
// prints where they are. The terminal shows only these `rujukan:` lines: what the servers, the API and the worker
// write goes to <data folder>/logs/, and also to the terminal when LOG_LEVEL is set. Ctrl-C (SIGINT) or SIGTERM
// stops everything it started, in reverse order.
import { join } from 'node:path';
import { checkPostgres, checkTemporal } from '../src/common/boot';
import { readAppConfig } from '../src/config/app.config';
import { ConfigError, readInt, readUrl } from '../src/config/env';
import { runMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/database/seed';
import { dataDir } from './infra/paths';
import { ensureDatabase, startEmbeddedPostgres } from './infra/postgres';
import { assertPortFree, InfraError, stopList } from './infra/processes';
import { startApp, type App } from './infra/stack';
import { resolveTemporalCli, startTemporalDevServer } from './infra/temporal';

const say = (line: string) => process.stdout.write(`rujukan: ${line}\n`);

async function main(): Promise<void> {
  const { started, stopAll, stopping } = stopList(say);
  const data = dataDir();
  const logDir = join(data, 'logs');
  // the processes' own lines reach the terminal only when LOG_LEVEL asks for them
  const echo = process.env.LOG_LEVEL ? 'all' : 'none';

  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const app = readAppConfig(env);
    const pgPort = readInt(env, 'RUJUKAN_PG_PORT', 54329, 1, 65535);
    const temporalPort = readInt(env, 'RUJUKAN_TEMPORAL_PORT', 7233, 1, 65535);
    const uiPort = readInt(env, 'RUJUKAN_TEMPORAL_UI_PORT', 8233, 1, 65535);

    await assertPortFree(app.port, 'the API', 'PORT');
    if (!env.DATABASE_URL) await assertPortFree(pgPort, 'PostgreSQL', 'RUJUKAN_PG_PORT');
    if (!env.TEMPORAL_ADDRESS) {
      await assertPortFree(temporalPort, 'Temporal', 'RUJUKAN_TEMPORAL_PORT');
      await assertPortFree(uiPort, 'the Temporal UI', 'RUJUKAN_TEMPORAL_UI_PORT');
    }
    // only what this run starts is fetched, and before anything is started
    const cli = env.TEMPORAL_ADDRESS ? null : await resolveTemporalCli(say);

    if (!env.DATABASE_URL) {
      say(`starting PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${join(data, 'postgres')}`);
      const pg = await startEmbeddedPostgres({
        dataDirectory: join(data, 'postgres'),
        port: pgPort,
        output: { logFile: join(logDir, 'postgres.log'), echo },
      });
      started.push({ name: 'PostgreSQL', stop: pg.stop });
      await ensureDatabase(pg.url('postgres'), 'rujukan');
      env.DATABASE_URL = pg.url('rujukan');
    }
    await checkPostgres(env);

    let temporalUi: string | null = null;
    if (!env.TEMPORAL_ADDRESS) {
      say(`starting the Temporal dev server on 127.0.0.1:${temporalPort}, state in ${join(data, 'temporal.sqlite')}`);
      // the UI's codec server for everyone; without it, each supervisor pastes a personal link (POST
      // /api/v1/codec-links)
      const uiCodecEndpoint = env.TEMPORAL_UI_CODEC_ENDPOINT
        ? readUrl(env, 'TEMPORAL_UI_CODEC_ENDPOINT', ['http', 'https'])
        : null;
      const temporal = await startTemporalDevServer({
        port: temporalPort,
        uiPort,
        uiCodecEndpoint,
        dbFile: join(data, 'temporal.sqlite'),
        log: say,
        cli,
        output: { logFile: join(logDir, 'temporal.log'), echo },
      });
      started.push({ name: 'Temporal', stop: temporal.stop });
      env.TEMPORAL_ADDRESS = temporal.address;
      temporalUi = temporal.uiUrl;
    }
    await checkTemporal(env);

    const applied = await runMigrations(env.DATABASE_URL!);
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    await seedDemoData(env.DATABASE_URL!);

    say(`starting the worker and the API (their logs: ${logDir})`);
    let running: App | null = null;
    // stopped in reverse order: the API, then the worker, then Temporal and PostgreSQL
    started.push({ name: 'worker and API', stop: async () => running?.stop() });
    running = await startApp({ env, logDir, echo });

    const base = running.baseUrl;
    say('ready');
    const demo = env.DEMO_PASSWORD ? 'the password in DEMO_PASSWORD' : 'rujukan-demo';
    say(`  console      ${base}/  (demo users cw.palu, spv.palu, head.palu; ${demo})`);
    say(`  API          ${base}/api/v1`);
    say(`  Swagger UI   ${base}/api/docs`);
    say(`  health       ${base}/health/ready`);
    say(`  Temporal UI  ${temporalUi ?? '(external Temporal: see its own UI)'}`);
    say(
      `  its codec    POST ${base}/api/v1/codec-links as a supervisor, ` +
        "paste the endpoint into the UI's codec server setting",
    );
    say(`  logs         ${logDir}`);
    say(
      env.SMTP_URL
        ? `  email        on, through ${new URL(env.SMTP_URL).host} (SMTP_URL)`
        : '  email        off: set SMTP_URL=smtp://host:port to mail reminders and escalations',
    );
    say('press Ctrl-C to stop everything');

    // A child that dies on its own takes the whole stack down, rather than leave half of it running.
    const children = [running.api, ...running.workers];
    void Promise.race(children.map((p) => p.exited.then(() => p))).then((p) => {
      if (!stopping()) {
        say(`${p.name} exited unexpectedly (its log: ${join(logDir, `${p.name}.log`)}), last lines:\n${p.tail()}`);
        void stopAll(1);
      }
    });
  } catch (err) {
    const message =
      err instanceof InfraError || err instanceof ConfigError ? err.message : ((err as Error).message ?? String(err));
    process.stderr.write(`rujukan: ${message}\n`);
    if (started.length) process.stderr.write(`rujukan: the logs are in ${logDir}\n`);
    await stopAll(1);
  }
}

void main();
