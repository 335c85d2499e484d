import { ApplicationFailure } from '@temporalio/common';
import type { CaseRecordsService } from '../cases/case-records.service';
import { CaseRecordsError } from '../cases/case-records.service';

// Starts the delivery of queued notifications (a notification workflow each; starting one twice is a no-op).
// `resend`: the round of a re-sending of a delivered notification (a silent partner's referral.sent, issue 16).
export type DeliveryStarter = (caseId: string, eventIds: readonly string[], resend?: number) => Promise<void>;
// Starts the sending of queued staff messages (a staff message workflow each; starting one twice is a no-op).
export type MessageStarter = (messageIds: readonly string[]) => Promise<void>;

// Activities are plain functions closed over Nest providers; the worker builds them from its application context.
// Their type is what workflows import (with `import type`) to proxy them. A business rejection is non-retryable;
// anything else (PostgreSQL down, a timeout) retries. A notification is started only after its row is committed,
// and a retry of the activity starts whatever the first try did not.
export function createCaseActivities(
  records: CaseRecordsService,
  startDeliveries: DeliveryStarter,
  startMessages: MessageStarter = async () => {},
) {
  return {
    // every effect of one case transition, in one transaction; on the first, the case row too
    async applyCaseEffects(
      args: Parameters<CaseRecordsService['applyCaseEffects']>[0],
    ): Promise<{ caseNumber: string }> {
      const { caseNumber, notifications, messages } = await nonRetryableOnDomainError(() =>
        records.applyCaseEffects(args),
      );
      await Promise.all([startDeliveries(args.caseId, notifications), startMessages(messages)]);
      return { caseNumber };
    },
    async recordReferral(args: Parameters<CaseRecordsService['recordReferral']>[0]): Promise<void> {
      await records.recordReferral(args);
    },
    // a silent partner's referral.sent again, as the same event (same id, same body): its receiver dedupes on the id
    async resendReferralNotice(args: { caseId: string; referralId: string; round: number }): Promise<void> {
      await startDeliveries(args.caseId, await records.referralNotices(args.caseId, args.referralId), args.round);
    },
    async queueNotifications(args: Parameters<CaseRecordsService['queueNotifications']>[0]): Promise<void> {
      const { notifications } = await records.queueNotifications(args);
      await startDeliveries(args.caseId, notifications);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;

async function nonRetryableOnDomainError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CaseRecordsError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}
