// The changes of what a running case does, each behind Temporal's patched(): a case started before a change replays
// (and runs on, until its next continue-as-new) under the rules it started with; a case started after it, or carried
// into a new run, takes the change. One id a change; never rename or remove one while a case that ran before it may
// still be open. The workflow asks patched() for each, once, when a run starts; the machine reads the answers.
export const PROCESS_PATCHES = [
  // PROCESS.md: without a consent only a supervisor may refer, on vital interest, whatever basis is claimed
  'consent-gate-every-basis',
  // PROCESS.md "What happens when a deadline passes": every reminder, breach and escalation names who must hear of it
  'alert-recipients',
  // PROCESS.md: the tier is re-checked at each step's completion; raising is automatic, lowering a supervisor's
  'tier-recheck-at-step',
  // PROCESS.md step 6: a 7-day stay extendable to 14 days in all, placing has its own deadline, refusal of extension
  'shelter-14-days-in-all',
  // PROCESS.md step 9: the handover is due from arrival home (HIGH) or fit-to-travel (MEDIUM)
  'handover-from-arrival',
  // PROCESS.md step 10: reintegration (LOW) within one year of the return date, not 365 days from the step's start
  'reintegration-from-return',
  // the handover of a case to the home-region office: transfer-case, accept-transfer, return-transfer
  'office-transfer',
  // propose-closure with a reason code, at any open step (died, migrated again, unreachable, duplicate, rule 13)
  'early-closure',
  // PROCESS.md 5a: a caseworker's referral for a child or without consent waits for a supervisor's approval
  'referral-approval',
  // an EXTEND of a partner's escalation (silent, unreachable) moves the referral's own deadline (issue 16, rule 4)
  'extend-partner-deadline',
  // PROCESS.md step 4: a supervisor confirms the caseworker's TPPO report; it starts the 7-day service clock
  'tppo-report-approval',
  // reminders and level 2 at the points of the case's SLA policy (reminderPercents, level2Percent), not 50/80/200 %
  'policy-reminders',
] as const;
export type ProcessPatch = (typeof PROCESS_PATCHES)[number];
export type ProcessPatches = Readonly<Record<ProcessPatch, boolean>>;

// Every change on: what a new case runs under, and what unit tests drive.
export const ALL_PATCHES: ProcessPatches = Object.fromEntries(PROCESS_PATCHES.map((p) => [p, true])) as Record<
  ProcessPatch,
  boolean
>;
// Not here: moving a case to another SLA policy version (migrateSlaPolicy, sla-migration.ts) is a new Update, not a
// change of what a run does: no history before it holds that Update, so every one replays as it ran, and a case
// started before it can be moved as well (the replay test holds a history recorded with a move).
