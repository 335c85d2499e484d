import { ensureTestServer, startTestServer } from '../../scripts/infra/test-server';
import { freePort } from '../../scripts/infra/processes';
import { bundleWorkflowsOnce } from './workflow-bundle';

type JestConfig = { maxWorkers: number };

// One time-skipping test server per jest worker: time skipping is global to a server, so two test files must
// never share one. Started here, once, because a cold JVM can miss the SDK's start-up window; each test file's
// TestWorkflowEnvironment then attaches to "its" port through the wrapper script.
export default async function workflowGlobalSetup(globalConfig: JestConfig): Promise<void> {
  const log = (line: string) => process.stderr.write(`[workflow setup] ${line}\n`);
  const [{ classpath, wrapper }] = await Promise.all([ensureTestServer(log), bundleWorkflowsOnce()]);
  const count = Math.max(1, globalConfig.maxWorkers);
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const servers = await Promise.all(ports.map((port) => startTestServer(classpath, port)));
  (globalThis as Record<string, unknown>).__rujukanTestServers = servers;
  process.env.RUJUKAN_TEST_SERVER_PORTS = ports.join(',');
  process.env.RUJUKAN_TEST_SERVER_WRAPPER = wrapper;
}
