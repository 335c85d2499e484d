import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from '../../scripts/infra/processes';
import { ensureTestServer, startTestServer } from '../../scripts/infra/test-server';

// Quiet SDK logs in tests: warnings and errors only. The runtime is installed once per jest worker process.
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier test file in this worker
  }
}

// The time-skipping environment of this jest worker (see workflow-global-setup.ts).
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const ports = (process.env.RUJUKAN_TEST_SERVER_PORTS ?? '').split(',').filter(Boolean).map(Number);
  const wrapper = process.env.RUJUKAN_TEST_SERVER_WRAPPER;
  if (!ports.length || !wrapper) throw new Error('the workflow global setup did not run');
  const index = (Number(process.env.JEST_WORKER_ID ?? '1') - 1) % ports.length;
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: wrapper }, port: ports[index] },
  });
}

export function workflowBundle(): { codePath: string } {
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!codePath) throw new Error('the workflow global setup did not bundle the workflows');
  return { codePath };
}

// A time-skipping server of the test file's own, for a test that moves the clock far ahead (env.sleep): on the
// worker's shared server, a workflow left running by an earlier file (a referral, whose parent close policy is
// ABANDON) keeps a task pending that no worker will take, and the server does not skip time past it.
export async function createOwnTimeSkippingEnv(): Promise<{ env: TestWorkflowEnvironment; stop: () => Promise<void> }> {
  quietRuntime();
  const wrapper = process.env.RUJUKAN_TEST_SERVER_WRAPPER;
  if (!wrapper) throw new Error('the workflow global setup did not run');
  const { classpath } = await ensureTestServer(() => undefined);
  const server = await startTestServer(classpath, await freePort());
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: wrapper }, port: server.port },
  });
  return {
    env,
    // the server stops even when the environment's teardown fails (a worker a timed-out test left running)
    stop: async () => {
      try {
        await env.teardown();
      } finally {
        await server.stop();
      }
    },
  };
}
