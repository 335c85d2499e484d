import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { UnreportedOutcome } from '../partners/notification-delivery.repository';
import type { NotificationDeliveryService } from '../partners/notification-delivery.service';

// Deliveries an agency's round attempts at most (a round is one activity), and outcomes it reports at most.
const ROUND = 200;
const REPORTS = 500;

// The activities of the notification workflow (sendWebhook is one attempt: a failure throws, retryable, and the
// workflow's retry policy is the backoff) and of an agency's partner deliveries workflow (a round of its queue).
export function createNotificationActivities(delivery: NotificationDeliveryService) {
  return {
    // One round of an agency's queue: mark the outcomes the previous round told the cases of, send what is due,
    // and return the outcomes to tell and when to look again: at once (more), at the next retry (in ms), or when
    // something is queued (null).
    async deliverPartnerNotifications(args: {
      agencyId: string;
      reported: string[];
    }): Promise<{ outcomes: UnreportedOutcome[]; more: boolean; nextDueInMs: number | null }> {
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), 2000);
      try {
        await delivery.reported(args.reported);
        const { more } = await delivery.deliverDue(args.agencyId, ROUND);
        const outcomes = await delivery.unreported(args.agencyId, REPORTS);
        if (more || outcomes.length === REPORTS) return { outcomes, more: true, nextDueInMs: null };
        return { outcomes, more: false, nextDueInMs: await delivery.nextDueInMs(args.agencyId) };
      } finally {
        clearInterval(beat);
      }
    },
    async deliveryTarget(eventId: string) {
      return delivery.target(eventId);
    },
    async sendWebhook(eventId: string): Promise<{ statusCode: number; attempts: number }> {
      const result = await delivery.attempt(eventId);
      if (!result.ok)
        throw ApplicationFailure.retryable(
          `the partner did not accept the webhook: ${result.error}`,
          'WEBHOOK_NOT_ACCEPTED',
        );
      return { statusCode: result.statusCode, attempts: result.attempts };
    },
    async finishDelivery(args: { eventId: string; outcome: 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT' }) {
      return delivery.finish(args.eventId, args.outcome);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
