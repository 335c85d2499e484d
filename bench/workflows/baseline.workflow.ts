// The baseline of bench/case-throughput: a bare workflow that takes the same number of Updates as a full case,
// each running one no-op activity, and nothing else.
import { condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
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

// The baseline of bench/escalation-lag: a bare workflow whose one timer fires at `fireAt` (ms since the epoch), as a
// case's deadline does, then runs one activity that notes when it ran (the bare counterpart of the escalation's
// read-model write).
export type TimerActivities = { timerFired(fireAt: number, workflowTime: number): Promise<void> };

const { timerFired } = proxyActivities<TimerActivities>({ startToCloseTimeout: '30 seconds' });

export async function baselineTimerWorkflow(fireAt: number): Promise<void> {
  await sleep(Math.max(1, fireAt - Date.now()));
  await timerFired(fireAt, Date.now());
}
