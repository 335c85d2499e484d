// Run by the Temporal Schedule the worker keeps (src/worker.ts): anonymises closed cases past their retention
// period, a batch at a time, until none is left.
import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../src/activities/retention.activities';

const { anonymiseExpiredCases } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function retentionWorkflow(): Promise<{ anonymised: number }> {
  let total = 0;
  for (;;) {
    const { anonymised } = await anonymiseExpiredCases();
    total += anonymised;
    if (anonymised < 1000) return { anonymised: total };
  }
}
