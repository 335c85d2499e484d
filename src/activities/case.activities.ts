import { ApplicationFailure } from '@temporalio/common';
import type { CaseRecordsService } from '../cases/case-records.service';
import { CaseRecordsError } from '../cases/case-records.service';

// Activities are plain functions closed over Nest providers; the worker builds them from its application context.
// Their type is what workflows import (with `import type`) to proxy them. A business rejection is non-retryable;
// anything else (Postgres down, a timeout) retries.
export function createCaseActivities(records: CaseRecordsService) {
  return {
    async registerCase(args: Parameters<CaseRecordsService['registerCase']>[0]): Promise<{ caseNumber: string }> {
      return { caseNumber: await nonRetryableOnDomainError(() => records.registerCase(args)) };
    },
    async recordStepOverdue(args: Parameters<CaseRecordsService['recordStepOverdue']>[0]): Promise<void> {
      await records.recordStepOverdue(args);
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
