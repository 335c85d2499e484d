import { ApplicationFailure } from '@temporalio/common';
import type { NotificationDeliveryService } from '../partners/notification-delivery.service';

// The activities of the notification workflow. sendWebhook is one attempt: a failure throws (retryable), and the
// workflow's retry policy is the backoff.
export function createNotificationActivities(delivery: NotificationDeliveryService) {
  return {
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
