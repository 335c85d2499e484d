// The retry schedule of an agency's queue (issue 21): the one Temporal's retry policy gave the notification
// workflow's activity, 24 h by default.
import { readPartnersConfig } from '../../src/config/partners.config';
import { nextAttemptAt, type WebhookRetryPolicy } from '../../src/partners/delivery-backoff';

describe('partner delivery backoff', () => {
  const policy: WebhookRetryPolicy = { budgetMs: 60_000, firstRetryMs: 1000, maxIntervalMs: 8000, timeoutMs: 10_000 };

  it('should double the wait after each failed attempt, up to the longest interval', () => {
    const waits = [1, 2, 3, 4, 5, 6, 40].map((n) => nextAttemptAt(policy, n, 0, 10_000)! - 10_000);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('should give up (FAILED) when the next attempt would start past the budget from the queuing', () => {
    expect(nextAttemptAt(policy, 3, 0, 56_000)).toBe(60_000);
    expect(nextAttemptAt(policy, 3, 0, 56_001)).toBeNull();
    // the budget counts from when the delivery was queued, not from the first failure
    expect(nextAttemptAt(policy, 1, 100_000, 158_000)).toBe(159_000);
    expect(nextAttemptAt(policy, 1, 100_000, 159_500)).toBeNull();
  });

  it('should retry for 24 h by default, every hour at most, 50 webhooks at once per agency', () => {
    const config = readPartnersConfig({});
    const defaults: WebhookRetryPolicy = {
      budgetMs: config.webhookRetryBudgetSeconds * 1000,
      firstRetryMs: config.webhookFirstRetrySeconds * 1000,
      maxIntervalMs: config.webhookMaxRetryIntervalSeconds * 1000,
      timeoutMs: config.webhookTimeoutMs,
    };
    let at = 0;
    let attempts = 1;
    for (
      let next = nextAttemptAt(defaults, attempts, 0, at);
      next !== null;
      next = nextAttemptAt(defaults, attempts, 0, at)
    ) {
      at = next;
      attempts += 1;
    }
    // 5 s, 10 s ... 2560 s, then hourly: the last attempt within the day, the next one would be past it
    expect(at).toBeLessThanOrEqual(86_400_000);
    expect(at + 3_600_000).toBeGreaterThan(86_400_000);
    expect(attempts).toBe(33);
    expect(config.webhookConcurrencyPerAgency).toBe(50);
    expect(readPartnersConfig({ WEBHOOK_CONCURRENCY_PER_AGENCY: '4' }).webhookConcurrencyPerAgency).toBe(4);
    expect(() => readPartnersConfig({ WEBHOOK_CONCURRENCY_PER_AGENCY: '0' })).toThrow(/WEBHOOK_CONCURRENCY_PER_AGENCY/);
  });
});
