// One notification to one partner agency: a signed webhook, retried with exponential backoff for the retry budget
// (24 h by default), every attempt recorded by the activity. Then the case is told: delivered, or the partner is
// unreachable (the case opens a supervisor escalation; an admin or supervisor can replay the delivery).
import { ActivityFailure, getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../src/activities/notification.activities';
import { notificationSignal } from './messages';

export type NotificationWorkflowInput = {
  eventId: string;
  caseWorkflowId: string;
  retry: { budgetMs: number; firstRetryMs: number; maxIntervalMs: number; timeoutMs: number };
};

export type NotificationOutcome = 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT' | 'MISSING';

const bookkeeping = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function notificationWorkflow(input: NotificationWorkflowInput): Promise<NotificationOutcome> {
  const target = await bookkeeping.deliveryTarget(input.eventId);
  if (!target) return 'MISSING';
  if (!target.hasEndpoint || !target.agencyId) {
    // the agency has no webhook: nothing to send; the row says so
    await bookkeeping.finishDelivery({ eventId: input.eventId, outcome: 'NO_ENDPOINT' });
    return 'NO_ENDPOINT';
  }
  const webhook = proxyActivities<NotificationActivities>({
    startToCloseTimeout: input.retry.timeoutMs + 5000,
    scheduleToCloseTimeout: input.retry.budgetMs,
    retry: {
      initialInterval: input.retry.firstRetryMs,
      backoffCoefficient: 2,
      maximumInterval: input.retry.maxIntervalMs,
    },
  });
  let outcome: 'DELIVERED' | 'FAILED' = 'DELIVERED';
  try {
    await webhook.sendWebhook(input.eventId);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    outcome = 'FAILED';
  }
  const { attempts, lastError } = await bookkeeping.finishDelivery({ eventId: input.eventId, outcome });
  try {
    await getExternalWorkflowHandle(input.caseWorkflowId).signal(notificationSignal, {
      kind: 'NOTIFICATION',
      eventId: input.eventId,
      deliveryId: target.deliveryId,
      type: target.type,
      agencyId: target.agencyId,
      outcome,
      attempts,
      error: lastError,
    });
  } catch (err) {
    // the case has ended (closed and past its reopening window): the delivery row still says what happened
    log.warn('the case of a notification has ended', { eventId: input.eventId, error: (err as Error).message });
  }
  return outcome;
}
