import { ConfigError, readInt, readOptional, readPositiveNumber } from './env';

export type PartnersConfig = {
  // encrypts the agencies' webhook signing secrets at rest (AES-256-GCM)
  secretsKey: string;
  // how long a rotated-out signing secret still signs beside the new one
  secretGraceHours: number;
  // a webhook not answered with a 2xx is retried with exponential backoff for this long, then FAILED
  webhookRetryBudgetSeconds: number;
  webhookFirstRetrySeconds: number;
  webhookMaxRetryIntervalSeconds: number;
  webhookTimeoutMs: number;
  // webhooks in flight at once to one agency (its queue's limit: a slow partner holds up only its own deliveries)
  webhookConcurrencyPerAgency: number;
};

// Development default only, refused in production: a real deployment sets RUJUKAN_SECRETS_KEY.
export const DEV_SECRETS_KEY = 'rujukan-development-only-secrets-key';

export function readPartnersConfig(env: NodeJS.ProcessEnv = process.env): PartnersConfig {
  const key = readOptional(env, 'RUJUKAN_SECRETS_KEY');
  if (!key && env.NODE_ENV === 'production')
    throw new ConfigError('RUJUKAN_SECRETS_KEY is not set: production needs a key of 32 characters or more');
  if (key && key.length < 32) throw new ConfigError('RUJUKAN_SECRETS_KEY must be at least 32 characters');
  return {
    secretsKey: key ?? DEV_SECRETS_KEY,
    secretGraceHours: readInt(env, 'SECRET_ROTATION_GRACE_HOURS', 24, 0, 24 * 30),
    webhookRetryBudgetSeconds: readPositiveNumber(env, 'WEBHOOK_RETRY_BUDGET_SECONDS', 24 * 60 * 60),
    webhookFirstRetrySeconds: readPositiveNumber(env, 'WEBHOOK_FIRST_RETRY_SECONDS', 5),
    webhookMaxRetryIntervalSeconds: readPositiveNumber(env, 'WEBHOOK_MAX_RETRY_INTERVAL_SECONDS', 60 * 60),
    webhookTimeoutMs: readInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    webhookConcurrencyPerAgency: readInt(env, 'WEBHOOK_CONCURRENCY_PER_AGENCY', 50, 1, 500),
  };
}
