// The one way the workflows are bundled (the worker, the tests, the benches): the workflows of `workflowsPath` with
// the bundle's workflow interceptors (workflows/simulation.interceptors.ts: a what-if's activities run locally).
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';

export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../../workflows/simulation.interceptors')];

export async function bundleWorkflows(workflowsPath: string, logger?: BundleOptions['logger']): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger,
  });
  return code;
}

// The bundle as a file, for a process that runs it apart from this one (the what-if's, what-if-process.ts): its own
// file when it has one, else the code written once to the temporary folder under its hash.
export function bundleFile(bundle: { codePath: string } | { code: string }): string {
  if ('codePath' in bundle) return bundle.codePath;
  const path = join(
    tmpdir(),
    `rujukan-workflows-${createHash('sha256').update(bundle.code).digest('hex').slice(0, 16)}.js`,
  );
  if (!existsSync(path)) {
    writeFileSync(`${path}.${process.pid}`, bundle.code);
    renameSync(`${path}.${process.pid}`, path);
  }
  return path;
}
