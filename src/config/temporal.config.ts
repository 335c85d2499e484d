import { readHostPort, readInt, readString } from './env';

export type TemporalConfig = {
  address: string;
  namespace: string;
  taskQueue: string;
  // staff messages (one workflow per email or gateway message) run on a task queue of their own, so a burst of
  // mail after a thousand deadlines never queues a case's own work behind it
  messageTaskQueue: string;
  // how long the API waits on the engine for one call (an Update's outcome, a start, a query) before it answers
  // 503 ENGINE_TIMEOUT: the SDK itself polls an accepted Update's outcome with no end of its own
  callTimeoutMs: number;
};

export function readTemporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const taskQueue = readString(env, 'TEMPORAL_TASK_QUEUE', 'rujukan-cases');
  return {
    address: readHostPort(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    namespace: readString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue,
    messageTaskQueue: readString(env, 'TEMPORAL_MESSAGE_TASK_QUEUE', `${taskQueue}-messages`),
    // at most 5 minutes: an HTTP client (undici's headers timeout) gives up there
    callTimeoutMs: readInt(env, 'TEMPORAL_CALL_TIMEOUT_MS', 30_000, 1_000, 300_000),
  };
}

// The worker's own tuning. Unset: the SDK's defaults (a sticky cache sized from the V8 heap limit, about 2,300
// workflows with Node's default heap on this machine). bench/worker-memory measures what each cached case costs.
export type WorkerTuning = {
  maxCachedWorkflows?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  workflowThreadPoolSize?: number;
};

export function readWorkerTuning(env: NodeJS.ProcessEnv = process.env): WorkerTuning {
  const optional = (name: string, min: number, max: number) =>
    env[name]?.trim() ? readInt(env, name, 0, min, max) : undefined;
  return {
    maxCachedWorkflows: optional('WORKER_MAX_CACHED_WORKFLOWS', 2, 1_000_000),
    maxConcurrentActivityTaskExecutions: optional('WORKER_MAX_CONCURRENT_ACTIVITIES', 1, 10_000),
    maxConcurrentWorkflowTaskExecutions: optional('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', 2, 10_000),
    workflowThreadPoolSize: optional('WORKER_WORKFLOW_THREADS', 1, 64),
  };
}
