// The deadlines a case's workflow watches, by kind, and what a breach of each means. Every clock reminds at 50 %
// and 80 %, breaches at 100 % and escalates to level 2 at 200 % (deadline.ts).
export const CLOCK_KINDS = [
  'STEP',
  'FOLLOW_UP',
  'REHAB_REVIEW',
  'REHAB_YEAR_LIMIT',
  'SHELTER_STAY',
  'SUPERVISOR_REVIEW',
  'TRANSFER_APPROVAL',
  'REFERRAL_APPROVAL',
  'TPPO_SERVICE',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

// The reason an escalation gives when a clock of that kind passes its deadline.
export const BREACH_REASONS: Readonly<Record<ClockKind, string>> = {
  STEP: 'the step is overdue',
  FOLLOW_UP: 'a follow-up was not recorded in its window',
  REHAB_REVIEW: 'the 30-day rehabilitation review is overdue',
  REHAB_YEAR_LIMIT: 'rehabilitation has reached one year from arrival',
  SHELTER_STAY: 'the shelter stay is past its limit',
  SUPERVISOR_REVIEW: 'the supervisor review is overdue',
  TRANSFER_APPROVAL: 'the receiving office has not decided on the transfer',
  REFERRAL_APPROVAL: 'the approval of a referral is overdue',
  TPPO_SERVICE: 'no service has started within 7 days of the TPPO report (UU 21/2007 Pasal 52)',
};
