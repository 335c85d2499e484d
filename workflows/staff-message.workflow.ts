// One message to one person (an email, or a WhatsApp/SMS through the office's gateway): an attempt at a time,
// retried with exponential backoff for the retry budget (24 h by default), each attempt recorded by the activity.
// Past the budget the message is FAILED, for an administrator to see and send again. The activity never sends a
// message already sent, so a retry, a replay or a resend racing a retry sends nothing twice.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { StaffMessageActivities } from '../src/activities/staff-message.activities';

export const STAFF_MESSAGE_WORKFLOW_TYPE = 'staffMessageWorkflow';

export type StaffMessageWorkflowInput = {
  messageId: string;
  retry: { budgetMs: number; firstRetryMs: number; maxIntervalMs: number };
};

export type StaffMessageOutcome = 'SENT' | 'ALREADY_SENT' | 'FAILED';

const bookkeeping = proxyActivities<StaffMessageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export function staffMessageWorkflowId(messageId: string, round = 0): string {
  return round ? `staff-message-${messageId}-resend-${round}` : `staff-message-${messageId}`;
}

export async function staffMessageWorkflow(input: StaffMessageWorkflowInput): Promise<StaffMessageOutcome> {
  const sender = proxyActivities<StaffMessageActivities>({
    // an attempt holds a connection to the mail server or the gateway: a dead one fails it, not hangs it
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: input.retry.budgetMs,
    retry: {
      initialInterval: input.retry.firstRetryMs,
      backoffCoefficient: 2,
      maximumInterval: input.retry.maxIntervalMs,
    },
  });
  try {
    return await sender.sendStaffMessage(input.messageId);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await bookkeeping.failStaffMessage(input.messageId);
    return 'FAILED';
  }
}
