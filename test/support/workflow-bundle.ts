import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflows } from '../../src/temporal/workflow-bundle';

// Bundles workflows/ once per test run, so that no test file (or spawned worker) pays for webpack again.
export async function bundleWorkflowsOnce(): Promise<string> {
  if (process.env.WORKFLOW_BUNDLE_PATH) return process.env.WORKFLOW_BUNDLE_PATH;
  const code = await bundleWorkflows(resolve(__dirname, '..', '..', 'workflows'), {
    log: () => undefined,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (m) => process.stderr.write(`${m}\n`),
  });
  const path = join(tmpdir(), `rujukan-workflow-bundle-${process.pid}.js`);
  writeFileSync(path, code);
  process.env.WORKFLOW_BUNDLE_PATH = path;
  return path;
}
