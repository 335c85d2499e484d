// Preloaded (node --require) into the what-if's process, and so into each of its threads, the SDK's workflow threads
// among them (a thread runs the process's preloads before its own code). The SDK installs a V8 promise hook in every
// workflow thread that captures and formats a stack trace for each promise a workflow makes, kept only to answer the
// __stack_trace query (what a stuck workflow is waiting on); there is no option to leave it out, and in the what-if
// it took about 30 % of the workflow threads' time. Nobody asks a simulated case where it is stuck, and the run is
// thrown away at the end: in this process only, that one hook is not installed. Every other promise hook is (Node's
// own async_hooks, which AsyncLocalStorage needs, are created through the same function). The workflows, their tasks
// and their results are the same; a stack-trace query on a simulated case would answer with no stacks.
// Never loaded by the API or the worker, where the query helps to find a stuck case.
import v8 from 'node:v8';

const hooks = v8.promiseHooks as unknown as { createHook: (callbacks: unknown) => () => void };
const createHook = hooks.createHook.bind(hooks);
hooks.createHook = (callbacks) => {
  const caller = new Error().stack ?? '';
  if (/@temporalio[\\/]worker[\\/]lib[\\/]workflow[\\/]vm-shared/.test(caller)) return () => undefined;
  return createHook(callbacks);
};
