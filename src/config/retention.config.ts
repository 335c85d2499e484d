import { readInt } from './env';

export type RetentionConfig = { retentionDays: number; checkEveryHours: number };

// How long a closed case keeps the returnee's personal data before it is anonymised (unless on legal hold), and
// how often the Temporal Schedule looks for such cases.
export function readRetentionConfig(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  return {
    retentionDays: readInt(env, 'RETENTION_DAYS', 1825, 0, 36500),
    checkEveryHours: readInt(env, 'RETENTION_CHECK_EVERY_HOURS', 24, 1, 24 * 30),
  };
}
