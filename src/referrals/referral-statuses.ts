// The statuses of a referral as the API names them (no imports beyond types: the case DTOs read it too).
import type { ReferralStatus } from '../../workflows/types';

// PENDING_APPROVAL and REJECTED: a referral that waits for, or was refused, a supervisor's approval; staff see them,
// a partner never does (it has not been sent to them)
export const REFERRAL_STATUSES = [
  'SENT',
  'ACKNOWLEDGED',
  'ACCEPTED',
  'DECLINED',
  'COMPLETED',
  'REVOKED',
  'PENDING_APPROVAL',
  'REJECTED',
] as const satisfies readonly ReferralStatus[];
// what a partner is shown: a referral once it went out
export const SENT_STATUSES = REFERRAL_STATUSES.filter((s) => s !== 'PENDING_APPROVAL' && s !== 'REJECTED');
