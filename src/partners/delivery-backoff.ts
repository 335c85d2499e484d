// The retry schedule of a partner webhook (DESIGN.md "Partner webhooks"), as Temporal's retry policy gave it to the
// notification workflow's activity: the n-th retry waits firstRetry × 2^(n−1), at most maxInterval, and no retry
// starts past the budget counted from the moment the delivery was queued. No framework imports.
export type WebhookRetryPolicy = { budgetMs: number; firstRetryMs: number; maxIntervalMs: number; timeoutMs: number };

// After `attempts` failed attempts (the one just made included): when to try again, or null: FAILED.
export function nextAttemptAt(
  policy: WebhookRetryPolicy,
  attempts: number,
  queuedAt: number,
  now: number,
): number | null {
  const wait = Math.min(policy.firstRetryMs * 2 ** Math.max(0, attempts - 1), policy.maxIntervalMs);
  const at = now + wait;
  return at > queuedAt + policy.budgetMs ? null : at;
}
