// The activities every workflow of this bundle calls, proxied once with one retry policy.
// Not local activities: applyCaseEffects is idempotent by (case, seq), which holds only because an activity's input
// is fixed in the history before it runs. A local activity runs before anything is recorded; when its workflow task
// is lost (the fault test restarting Temporal did this), the retried task can order the case's messages differently
// and write other content under a seq already written: a case.closed event came out twice.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../src/activities/case.activities';

export const acts = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // PostgreSQL may be down for a while: keep retrying, with backoff, rather than lose a write.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
