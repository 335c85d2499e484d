// The queue of one partner agency (issue 21): its notifications are rows in notification_deliveries, and this
// workflow drains the due ones in rounds, an activity each (sign, POST, record the attempt and what follows from it:
// DELIVERED, the next attempt of the backoff, or FAILED past the retry budget), then tells each case of the round's
// outcomes in one signal. One workflow per agency and task queue, woken when deliveries are queued, asleep until the
// next retry is due, so a burst costs a few engine tasks per round instead of a workflow per notification; a slow
// partner holds up only its own queue. A case is told of an outcome once: the next round marks what this one told.
import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { NotificationActivities } from '../src/activities/notification.activities';
import { deliveriesQueuedSignal, notificationsSignal } from './messages';
import { caseWorkflowId, type NotificationSignal } from './types';

export const PARTNER_DELIVERIES_WORKFLOW_TYPE = 'partnerDeliveriesWorkflow';
// the rounds' history is carried into a fresh run past this
const HISTORY_EVENTS_BEFORE_CONTINUE = 5000;
const MIN_WAIT_MS = 50;

export type PartnerDeliveriesInput = {
  agencyId: string;
  // the deliveries whose outcome the previous run told the cases of, not yet marked so
  reported?: string[];
};

export function partnerDeliveriesWorkflowId(taskQueue: string, agencyId: string): string {
  return `partner-deliveries-${taskQueue}-${agencyId}`;
}

const acts = proxyActivities<NotificationActivities>({
  // a round sends at most a few hundred webhooks; the heartbeat brings a round a killed worker had back soon
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function partnerDeliveriesWorkflow(input: PartnerDeliveriesInput): Promise<void> {
  // started (or woken) by the queuing of a delivery: a look at the queue at once
  let queued = true;
  setHandler(deliveriesQueuedSignal, () => {
    queued = true;
  });
  let reported = input.reported ?? [];
  for (;;) {
    queued = false;
    const round = await acts.deliverPartnerNotifications({ agencyId: input.agencyId, reported });
    reported = round.outcomes.map((o) => o.deliveryId);
    await tellCases(round.outcomes);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_BEFORE_CONTINUE) break;
    if (round.more) continue;
    if (round.nextDueInMs === null) await condition(() => queued);
    // (at least a moment: the database's clock decides what is due, and may run a little behind the engine's)
    else await condition(() => queued, Math.max(MIN_WAIT_MS, round.nextDueInMs));
  }
  await continueAsNew<typeof partnerDeliveriesWorkflow>({ agencyId: input.agencyId, reported });
}

async function tellCases(outcomes: readonly (Omit<NotificationSignal, 'kind'> & { caseId: string })[]): Promise<void> {
  const byCase = new Map<string, NotificationSignal[]>();
  for (const { caseId, ...o } of outcomes) {
    const signals = byCase.get(caseId) ?? [];
    signals.push({ kind: 'NOTIFICATION', ...o });
    byCase.set(caseId, signals);
  }
  await Promise.all(
    [...byCase].map(async ([caseId, signals]) => {
      try {
        await getExternalWorkflowHandle(caseWorkflowId(caseId)).signal(notificationsSignal, signals);
      } catch (err) {
        // the case has ended (closed and past its reopening window): the delivery rows still say what happened
        log.warn('the case of a notification has ended', { caseId, error: (err as Error).message });
      }
    }),
  );
}
