// The default deadlines of PROCESS.md ("Steps and default deadlines") as versioned data. A province overrides them with
// its own policy and version; a running case keeps the version it started with.
import type { RiskTier, StepId } from './steps';

// calendarDays: a limit set in law or an SOP in plain days (shelter 7 d, rehabilitation within 7 d, reintegration
// within a year), which must not stretch over weekends and holidays the way a working-day deadline does.
export type SlaUnit = 'hours' | 'days' | 'workingDays' | 'calendarDays';
export type SlaDuration = { readonly amount: number; readonly unit: SlaUnit };

// The referral step has three clocks (5a, 5b, 5c): sending it, the partner acknowledging, the partner deciding.
export type SlaStepKey = StepId | 'REFERRAL_ACK' | 'REFERRAL_DECISION';

// null: the step does not apply to that tier, or has no single deadline
// (monitoring runs on a schedule, closure on none).
// reminderPercents and level2Percent: what a draft edits and a published version stores (percent of a deadline's span).
// Optional, so that a policy stored or carried in a case's input before them reads as the defaults below. The case
// workflow reminds and escalates at them from policy-reminders on (patches.ts); a run from before, at the defaults.
export type SlaPolicy = {
  readonly version: string;
  readonly deadlines: Readonly<Record<SlaStepKey, Readonly<Record<RiskTier, SlaDuration | null>>>>;
  readonly reminderPercents?: readonly number[];
  readonly level2Percent?: number;
};

// PROCESS.md "What happens when a deadline passes": reminders at 50 % and 80 %, level 2 at 200 %.
export const DEFAULT_REMINDER_PERCENTS: readonly number[] = [50, 80];
export const DEFAULT_LEVEL2_PERCENT = 200;

const hours = (amount: number): SlaDuration => ({ amount, unit: 'hours' });
const days = (amount: number): SlaDuration => ({ amount, unit: 'days' });
const workingDays = (amount: number): SlaDuration => ({ amount, unit: 'workingDays' });
const calendarDays = (amount: number): SlaDuration => ({ amount, unit: 'calendarDays' });

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: 'id-default-2026.1',
  deadlines: {
    REGISTRATION: { HIGH: hours(1), MEDIUM: hours(4), LOW: hours(24) },
    SCREENING: { HIGH: hours(1), MEDIUM: hours(3), LOW: hours(24) },
    EMERGENCY_CARE: { HIGH: hours(1), MEDIUM: null, LOW: null },
    TPPO_REPORT: { HIGH: hours(24), MEDIUM: hours(72), LOW: null },
    REFERRAL: { HIGH: hours(24), MEDIUM: hours(72), LOW: days(14) },
    REFERRAL_ACK: { HIGH: hours(2), MEDIUM: hours(24), LOW: workingDays(3) },
    REFERRAL_DECISION: { HIGH: hours(24), MEDIUM: workingDays(3), LOW: days(7) },
    // Placing the returnee in a shelter (the step's clock). The stay is a clock of its own: 7 d, extendable to 14 d in
    // all with a supervisor's approval (local SOPs; SHELTER_STAY_DAYS, SHELTER_MAX_STAY_DAYS in process.ts).
    SHELTER: { HIGH: calendarDays(7), MEDIUM: calendarDays(7), LOW: calendarDays(7) },
    ASSESSMENT: { HIGH: days(3), MEDIUM: days(7), LOW: days(14) },
    // Start within 7 d of the request (UU 21/2007 Pasal 52); the 30-day reviews are scheduled, not a deadline.
    REHABILITATION: { HIGH: calendarDays(7), MEDIUM: calendarDays(7), LOW: calendarDays(7) },
    RETURN_HANDOVER: { HIGH: hours(24), MEDIUM: workingDays(3), LOW: days(7) },
    REINTEGRATION: { HIGH: days(30), MEDIUM: days(60), LOW: calendarDays(365) },
    MONITORING: { HIGH: null, MEDIUM: null, LOW: null },
    CLOSURE: { HIGH: null, MEDIUM: null, LOW: null },
  },
};
