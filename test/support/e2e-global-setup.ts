import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareDatabase, startScratchServices } from '../../scripts/infra/stack';
import { bundleWorkflowsOnce } from './workflow-bundle';

export const TEMPLATE_DB = 'rujukan_template';

// Once per run: a fresh PostgreSQL cluster with the schema migrated once into a template database (each test
// file clones it), a Temporal dev server (in memory), and the workflow bundle the spawned workers load.
export default async function e2eGlobalSetup(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'src', 'main.js'))) {
    throw new Error(
      'dist/ is missing: the end-to-end tests run the built API and worker; run `npm test` (it builds first)',
    );
  }
  const log = (line: string) => process.stderr.write(`[e2e setup] ${line}\n`);
  const { pg, temporal, dataRoot } = await startScratchServices('e2e', log, [bundleWorkflowsOnce()]);
  // what the global teardown stops and removes
  (globalThis as Record<string, unknown>).__rujukanE2e = { pg, temporal, dataDirectory: join(dataRoot, 'pg') };

  await prepareDatabase(pg.url('postgres'), pg.url(TEMPLATE_DB), TEMPLATE_DB);

  process.env.RUJUKAN_TEST_PG_ADMIN_URL = pg.url('postgres');
  process.env.RUJUKAN_TEST_PG_URL_PREFIX = pg.url('');
  process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS = temporal.address;
}
