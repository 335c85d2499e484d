// The activities every workflow of this bundle calls, proxied once with one retry policy.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../src/activities/case.activities';

export const acts = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // PostgreSQL may be down for a while: keep retrying, with backoff, rather than lose a write.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
