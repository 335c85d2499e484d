// The baseline of bench/case-throughput: a bare workflow that takes the same number of Updates as a full case,
// each running one no-op activity, and nothing else.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseActivities } from '../../src/activities/case.activities';

const { queueNotifications } = proxyActivities<CaseActivities>({ startToCloseTimeout: '30 seconds' });

export const baselineStepUpdate = defineUpdate<number>('step');

export async function baselineWorkflow(updates: number): Promise<number> {
  let done = 0;
  setHandler(baselineStepUpdate, async () => {
    await queueNotifications({ caseId: 'bench', items: [] });
    done += 1;
    return done;
  });
  await condition(() => done >= updates);
  return done;
}
