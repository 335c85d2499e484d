// The case workflow's activities doing nothing: the benches' bare baselines and the case workflow without PostgreSQL.
import type { CaseActivities } from '../../src/activities/case.activities';

export const noopCaseActivities: CaseActivities = {
  async applyCaseEffects() {
    return { caseNumber: 'BENCH' };
  },
  async recordReferral() {},
  async resendReferralNotice() {},
  async queueNotifications() {},
};
