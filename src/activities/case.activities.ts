import { ApplicationFailure } from '@temporalio/common';
import type { CaseRecordsService } from '../cases/case-records.service';
import { CaseRecordsError } from '../cases/case-records.service';

// Activities are plain functions closed over Nest providers; the worker builds them from its application context.
// Their type is what workflows import (with `import type`) to proxy them. A business rejection is non-retryable;
// anything else (PostgreSQL down, a timeout) retries.
export function createCaseActivities(records: CaseRecordsService) {
  return {
    // every effect of one case transition, in one transaction; on the first, the case row too
    async applyCaseEffects(args: Parameters<CaseRecordsService['applyCaseEffects']>[0]): Promise<{ caseNumber: string }> {
      return nonRetryableOnDomainError(() => records.applyCaseEffects(args));
    },
    async recordReferral(args: Parameters<CaseRecordsService['recordReferral']>[0]): Promise<void> {
      await records.recordReferral(args);
    },
    // requests for partner notifications; their delivery (signed webhooks) is a separate concern
    async queueNotifications(args: Parameters<CaseRecordsService['queueNotifications']>[0]): Promise<void> {
      await records.queueNotifications(args);
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
