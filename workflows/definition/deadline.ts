// When a step falls due, from the SLA policy and the working-day calendar.
import { addWorkingDays, type HolidayCalendar } from './calendar';
import {
  DEFAULT_LEVEL2_PERCENT,
  DEFAULT_REMINDER_PERCENTS,
  DEFAULT_SLA_POLICY,
  type SlaDuration,
  type SlaPolicy,
  type SlaStepKey,
} from './sla-policy';
import type { RiskTier } from './steps';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

// PROCESS.md: "HIGH runs on a 24/7 clock; MEDIUM and LOW on working days after the first 24 h". Read as:
// - HIGH: plain elapsed time, weekends and holidays included.
// - MEDIUM/LOW, 'hours' or 'days': the first 24 h are plain elapsed time (so 1 h to 24 h deadlines never wait for
//   Monday); the rest counts only time on working days, 24 h per working day (72 h = 24 h + 2 working days,
//   N days = 24 h + N-1 working days; a remainder that starts on a weekend begins at the next working day's midnight).
// - 'workingDays' (any tier): N working days counted from the start itself, with no 24 h head start.
// - 'calendarDays' (any tier): plain elapsed days; limits set in law or an SOP.
// - slaTimeScale != 1 (dev and tests): the plain 24/7 span times the scale; the calendar does not scale.
// Working days begin and end at midnight in the calendar's offset: the office's zone (calendarInZone).
// Returns null when the policy gives the step no deadline for that tier.
export function deadlineFor(
  step: SlaStepKey,
  tier: RiskTier,
  startedAt: Date,
  calendar: HolidayCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
  slaTimeScale = 1,
): Date | null {
  if (!(slaTimeScale > 0) || !Number.isFinite(slaTimeScale)) {
    throw new RangeError(`slaTimeScale must be a positive number, got ${slaTimeScale}`);
  }
  if (Number.isNaN(startedAt.getTime())) throw new RangeError('startedAt is not a valid date');
  const byTier = policy.deadlines[step];
  // A policy loaded from a province file could lack a step: fail loudly rather than run the step with no deadline.
  if (!byTier) throw new Error(`SLA policy ${policy.version} has no entry for step ${step}`);
  const sla = byTier[tier];
  if (!sla) return null;

  const start = startedAt.getTime();
  const spanMs = durationMs(sla);
  if (slaTimeScale !== 1) return new Date(start + Math.round(spanMs * slaTimeScale));
  if (sla.unit === 'workingDays') return addWorkingDays(calendar, startedAt, sla.amount);
  if (sla.unit === 'calendarDays') return new Date(start + spanMs);
  if (tier === 'HIGH' || spanMs <= DAY_MS) return new Date(start + spanMs);
  return addWorkingDays(calendar, new Date(start + DAY_MS), (spanMs - DAY_MS) / DAY_MS);
}

export type DeadlineFractions = {
  firstReminderAt: Date; // 50 %: reminder to the assignee
  secondReminderAt: Date; // 80 %: reminder to the assignee
  overdueAt: Date; // 100 %: OVERDUE, level-1 escalation
  level2EscalationAt: Date; // 200 %: level-2 escalation
};

// Fractions of the elapsed span from start to due (not of working time), as PROCESS.md "What happens when a deadline
// passes" sets them.
export function deadlineFractions(startedAt: Date, dueAt: Date): DeadlineFractions {
  const start = startedAt.getTime();
  const span = dueAt.getTime() - start;
  if (!(span >= 0)) throw new RangeError('dueAt must be a valid date not before startedAt');
  const at = (fraction: number) => new Date(start + Math.round(span * fraction));
  return { firstReminderAt: at(0.5), secondReminderAt: at(0.8), overdueAt: at(1), level2EscalationAt: at(2) };
}

// Where a clock's milestones fall, as percentages of its span: the reminders, then the breach at 100 %, then level 2.
export type MilestonePercents = { readonly reminders: readonly number[]; readonly level2: number };

// PROCESS.md's fixed points (50 %, 80 %, 200 %): what every run before policy-reminders (patches.ts) runs under.
export const FIXED_MILESTONES: MilestonePercents = {
  reminders: DEFAULT_REMINDER_PERCENTS,
  level2: DEFAULT_LEVEL2_PERCENT,
};

// The points a policy sets; a policy stored before it had them reads as the defaults.
export function policyMilestones(policy: SlaPolicy): MilestonePercents {
  return {
    reminders: policy.reminderPercents ?? DEFAULT_REMINDER_PERCENTS,
    level2: policy.level2Percent ?? DEFAULT_LEVEL2_PERCENT,
  };
}

export function sameMilestones(a: MilestonePercents, b: MilestonePercents): boolean {
  return (
    a.level2 === b.level2 &&
    a.reminders.length === b.reminders.length &&
    a.reminders.every((p, i) => p === b.reminders[i])
  );
}

// The instants (ms) of a clock's milestones, in the order they fire, reckoned as deadlineFractions does: the
// reminders, the breach at the deadline itself, level 2.
export function milestoneTimes(startedAt: number, dueAt: number, at: MilestonePercents): number[] {
  const span = dueAt - startedAt;
  if (!(span >= 0)) throw new RangeError('dueAt must be a valid date not before startedAt');
  // span * (percent / 100): the very numbers deadlineFractions gives for 50, 80 and 200 (0.8 is 80 / 100)
  const point = (percent: number) => startedAt + Math.round(span * (percent / 100));
  return [...at.reminders.map(point), dueAt, point(at.level2)];
}

// A working day counts as 24 h here: only the scaled (dev and tests) path reads a working-day span this way.
function durationMs({ amount, unit }: SlaDuration): number {
  return amount * (unit === 'hours' ? HOUR_MS : DAY_MS);
}
