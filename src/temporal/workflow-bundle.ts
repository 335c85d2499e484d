// The one way the workflows are bundled (the worker, the tests, the benches): the workflows of `workflowsPath` with
// the bundle's workflow interceptors (workflows/simulation.interceptors.ts: a what-if's activities run locally).
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
