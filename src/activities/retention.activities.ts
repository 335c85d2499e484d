import type { RetentionService } from '../retention/retention.service';

export function createRetentionActivities(retention: RetentionService) {
  return {
    async anonymiseExpiredCases(): Promise<{ anonymised: number }> {
      return retention.anonymiseExpired();
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
