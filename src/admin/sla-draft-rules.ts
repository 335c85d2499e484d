// A draft SLA policy: what an edit must satisfy before it is stored, and how it differs from the policy in force.
// Pure, no framework imports (the unit test drives it directly).
import {
  DEFAULT_LEVEL2_PERCENT,
  DEFAULT_REMINDER_PERCENTS,
  RISK_TIERS,
  type RiskTier,
  type SlaDuration,
  type SlaPolicy,
  type SlaStepKey,
  type SlaUnit,
} from '../../workflows/definition';
import type { FieldProblem } from './admin.exception';
import { checkSlaDeadlines, SLA_STEP_KEYS } from './sla-policy-check';

export type Deadlines = SlaPolicy['deadlines'];
// What a draft holds and a publish stores: the deadlines, the reminders and the level-2 threshold, all explicit.
export type DraftPolicy = { deadlines: Deadlines; reminderPercents: number[]; level2Percent: number };

// A year at most, whatever the unit: a longer deadline is a typing slip (the longest of PROCESS.md is 365 days).
export const MAX_DRAFT_AMOUNT: Readonly<Record<SlaUnit, number>> = {
  hours: 365 * 24,
  days: 365,
  workingDays: 365,
  calendarDays: 365,
};
const MAX_REMINDERS = 5;
export const LEVEL2_RANGE = { above: 100, atMost: 1000 } as const;

const HOUR_MS = 3_600_000;
// The length compared between tiers and in the diff: a day of any kind counts 24 h. A working-day deadline runs
// longer in real time than this says; the comparison is of what the office typed, not of a calendar.
export function nominalMs({ amount, unit }: SlaDuration): number {
  return amount * (unit === 'hours' ? HOUR_MS : 24 * HOUR_MS);
}

// The policy a draft starts from: the version in force, with the reminders and threshold made explicit.
export function draftOf(policy: SlaPolicy): DraftPolicy {
  return {
    deadlines: policy.deadlines,
    reminderPercents: [...(policy.reminderPercents ?? DEFAULT_REMINDER_PERCENTS)],
    level2Percent: policy.level2Percent ?? DEFAULT_LEVEL2_PERCENT,
  };
}

// Every problem at once, each naming its field; a tier inversion is a problem only when not confirmed.
export function checkDraft(
  draft: { deadlines: unknown; reminderPercents: unknown; level2Percent: unknown },
  confirmTierInversions = false,
): { policy: DraftPolicy } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (field: string, problem: string) => problems.push({ field, problems: [problem] });
  const base = checkSlaDeadlines(draft.deadlines);
  if ('problems' in base) problems.push(...base.problems);
  else {
    for (const step of SLA_STEP_KEYS)
      for (const tier of RISK_TIERS) {
        const sla = base.deadlines[step][tier];
        if (!sla) continue;
        const field = `deadlines.${step}.${tier}.amount`;
        if (!Number.isInteger(sla.amount)) at(field, 'must be a whole number');
        else if (sla.amount > MAX_DRAFT_AMOUNT[sla.unit])
          at(field, `must be at most ${MAX_DRAFT_AMOUNT[sla.unit]} ${sla.unit} (a year)`);
      }
    if (!problems.length && !confirmTierInversions)
      for (const inversion of tierInversions(base.deadlines))
        at(
          `deadlines.${inversion.step}`,
          `${inversion.higher} (${show(inversion.higherSla)}) is longer than ${inversion.lower} ` +
            `(${show(inversion.lowerSla)}): a more urgent tier gets more time; send confirmTierInversions: true if meant`,
        );
  }
  const reminders = draft.reminderPercents;
  if (
    !Array.isArray(reminders) ||
    reminders.length < 1 ||
    reminders.length > MAX_REMINDERS ||
    !reminders.every((p) => Number.isInteger(p) && (p as number) > 0 && (p as number) < 100)
  )
    at('reminderPercents', `must be 1 to ${MAX_REMINDERS} whole percentages, each above 0 and below 100`);
  else if (reminders.some((p, i) => i > 0 && (p as number) <= (reminders[i - 1] as number)))
    at('reminderPercents', 'must be strictly increasing (e.g. [50, 80])');
  const level2 = draft.level2Percent;
  if (!Number.isInteger(level2) || (level2 as number) <= LEVEL2_RANGE.above || (level2 as number) > LEVEL2_RANGE.atMost)
    at(
      'level2Percent',
      `must be a whole percentage above ${LEVEL2_RANGE.above} and at most ${LEVEL2_RANGE.atMost} (the default is 200)`,
    );
  if (problems.length || 'problems' in base) return { problems };
  return {
    policy: {
      deadlines: base.deadlines,
      reminderPercents: reminders as number[],
      level2Percent: level2 as number,
    },
  };
}

export type TierInversion = {
  step: SlaStepKey;
  higher: RiskTier;
  higherSla: SlaDuration;
  lower: RiskTier;
  lowerSla: SlaDuration;
};

// HIGH longer than MEDIUM, or MEDIUM longer than LOW, for one step (a tier without a deadline compares with none).
export function tierInversions(deadlines: Deadlines): TierInversion[] {
  const found: TierInversion[] = [];
  for (const step of SLA_STEP_KEYS)
    for (let i = 0; i + 1 < RISK_TIERS.length; i++) {
      const higher = RISK_TIERS[i]!;
      const lower = RISK_TIERS[i + 1]!;
      const higherSla = deadlines[step][higher];
      const lowerSla = deadlines[step][lower];
      if (higherSla && lowerSla && nominalMs(higherSla) > nominalMs(lowerSla))
        found.push({ step, higher, higherSla, lower, lowerSla });
    }
  return found;
}

// added: the tier had no deadline and gets one; removed: the reverse; sameLength: another unit of the same length.
export type Direction = 'longer' | 'shorter' | 'sameLength' | 'added' | 'removed';
export type DeadlineChange = {
  step: SlaStepKey;
  tier: RiskTier;
  old: SlaDuration | null;
  new: SlaDuration | null;
  direction: Direction;
};
export type PolicyDiff = {
  deadlines: DeadlineChange[];
  reminderPercents: { old: number[]; new: number[]; changed: boolean };
  level2Percent: { old: number; new: number; changed: boolean };
};

// What publishing the draft would change, step by step and tier by tier (only what changes), in the table's order.
export function diffPolicies(inForce: SlaPolicy, draft: DraftPolicy): PolicyDiff {
  const old = draftOf(inForce);
  const deadlines: DeadlineChange[] = [];
  for (const step of SLA_STEP_KEYS)
    for (const tier of RISK_TIERS) {
      const before = old.deadlines[step]?.[tier] ?? null;
      const after = draft.deadlines[step][tier];
      if (before?.amount === after?.amount && before?.unit === after?.unit) continue;
      deadlines.push({ step, tier, old: before, new: after, direction: direction(before, after) });
    }
  const sameReminders =
    old.reminderPercents.length === draft.reminderPercents.length &&
    old.reminderPercents.every((p, i) => p === draft.reminderPercents[i]);
  return {
    deadlines,
    reminderPercents: { old: old.reminderPercents, new: draft.reminderPercents, changed: !sameReminders },
    level2Percent: {
      old: old.level2Percent,
      new: draft.level2Percent,
      changed: old.level2Percent !== draft.level2Percent,
    },
  };
}

function direction(before: SlaDuration | null, after: SlaDuration | null): Direction {
  if (!before) return 'added';
  if (!after) return 'removed';
  const delta = nominalMs(after) - nominalMs(before);
  return delta > 0 ? 'longer' : delta < 0 ? 'shorter' : 'sameLength';
}

function show({ amount, unit }: SlaDuration): string {
  return `${amount} ${unit}`;
}

// The version a publish gives: `<province>-<year>.<n>`, the province in lower case with dashes ("sulawesi-tengah",
// "id" for the national policy), n one more than the highest of that province and year.
export function publishedVersionName(province: string, year: number, taken: readonly string[]): string {
  const slug =
    province
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'region';
  const prefix = `${slug}-${year}.`;
  const used = taken
    .filter((v) => v.startsWith(prefix))
    .map((v) => Number(v.slice(prefix.length)))
    .filter((n) => Number.isInteger(n) && n > 0);
  return `${prefix}${Math.max(0, ...used) + 1}`;
}
