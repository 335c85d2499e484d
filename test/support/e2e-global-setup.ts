import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMigrations } from '../../src/database/migrate';
import { seedDemoData } from '../../src/database/seed';
import { ensureDatabase, startEmbeddedPostgres } from '../../scripts/infra/postgres';
import { freePort } from '../../scripts/infra/processes';
import { startTemporalDevServer } from '../../scripts/infra/temporal';
import { bundleWorkflowsOnce } from './workflow-bundle';

export const TEMPLATE_DB = 'rujukan_template';

// Once per run: a fresh PostgreSQL cluster with the schema migrated once into a template database (each test
// file clones it), a Temporal dev server (in memory), and the workflow bundle the spawned workers load.
export default async function e2eGlobalSetup(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'src', 'main.js'))) {
    throw new Error('dist/ is missing: the end-to-end tests run the built API and worker; run `npm test` (it builds first)');
  }
  const log = (line: string) => process.stderr.write(`[e2e setup] ${line}\n`);
  const dataDirectory = join(mkdtempSync(join(tmpdir(), 'rujukan-e2e-')), 'pg');
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDirectory, port: pgPort }),
    startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: null, log }),
    bundleWorkflowsOnce(),
  ]);
  (globalThis as Record<string, unknown>).__rujukanE2e = { pg, temporal, dataDirectory };

  await ensureDatabase(pg.url('postgres'), TEMPLATE_DB);
  await runMigrations(pg.url(TEMPLATE_DB));
  await seedDemoData(pg.url(TEMPLATE_DB));

  process.env.RUJUKAN_TEST_PG_ADMIN_URL = pg.url('postgres');
  process.env.RUJUKAN_TEST_PG_URL_PREFIX = pg.url('');
  process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS = temporal.address;
}
