// The partner's deadlines of a referral (PROCESS.md 5b and 5c) as its workflow counts them: acknowledging from the
// sending, deciding from the acknowledgement (a decision without one acknowledges at once), by the SLA policy the
// case runs on and the case's risk tier. The workflow keeps its clocks to itself; the read model keeps when the
// partner answered (the case's timeline), so the console can show each deadline and how late an answer came.
// Not counted here: a supervisor's EXTEND of a silent partner's escalation, which moves only the workflow's clock.
import { deadlineFor, type HolidayCalendar, type RiskTier, type SlaPolicy } from '../../workflows/definition';

export type PartnerAnswerTimes = {
  status: string;
  sentAt: Date;
  acknowledgedAt: Date | null;
  decidedAt: Date | null;
};

export type PartnerDeadline = { dueAt: string | null; answeredAt: string | null };
export type PartnerDeadlines = { acknowledge: PartnerDeadline; decide: PartnerDeadline };

export type DeadlineBasis = {
  tier: RiskTier | null;
  calendar: HolidayCalendar;
  policy: SlaPolicy;
  slaTimeScale: number;
};

// A referral waiting for, or refused, a supervisor's approval was never sent: the partner has no deadline.
const NEVER_SENT: ReadonlySet<string> = new Set(['PENDING_APPROVAL', 'REJECTED']);

export function partnerDeadlines(r: PartnerAnswerTimes, basis: DeadlineBasis): PartnerDeadlines | null {
  if (NEVER_SENT.has(r.status)) return null;
  const due = (key: 'REFERRAL_ACK' | 'REFERRAL_DECISION', from: Date | null): string | null => {
    if (!from || !basis.tier || !basis.policy.deadlines[key]) return null;
    return deadlineFor(key, basis.tier, from, basis.calendar, basis.policy, basis.slaTimeScale)?.toISOString() ?? null;
  };
  return {
    acknowledge: { dueAt: due('REFERRAL_ACK', r.sentAt), answeredAt: r.acknowledgedAt?.toISOString() ?? null },
    decide: { dueAt: due('REFERRAL_DECISION', r.acknowledgedAt), answeredAt: r.decidedAt?.toISOString() ?? null },
  };
}
