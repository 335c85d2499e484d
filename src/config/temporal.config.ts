import { readHostPort, readString } from './env';

export type TemporalConfig = { address: string; namespace: string; taskQueue: string };

export function readTemporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  return {
    address: readHostPort(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    namespace: readString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue: readString(env, 'TEMPORAL_TASK_QUEUE', 'rujukan-cases'),
  };
}
