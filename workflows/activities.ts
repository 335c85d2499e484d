// The activities every workflow of this bundle calls, proxied once with one retry policy.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../src/activities/case.activities';

export const acts = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // PostgreSQL may be down for a while: keep retrying, with backoff, rather than lose a write.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// The same write of a case's effects as a local activity: run by the worker that runs the workflow task, with no
// activity task going through the server. Cases started since the patch `effects-as-local-activity` use it (see
// case.workflow.ts); it halves the workflow tasks of every transition. Past a minute of failures the retries wait on
// server timers rather than hold the workflow task.
export const localActs = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
