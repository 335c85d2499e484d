// A new SLA policy version, checked field by field before it is stored: the deadline code of the workflow trusts
// it (a step without an entry throws there), so nothing malformed may reach a case. Pure, no framework imports.
import {
  DEFAULT_SLA_POLICY,
  RISK_TIERS,
  type SlaDuration,
  type SlaPolicy,
  type SlaStepKey,
  type SlaUnit,
} from '../../workflows/definition';
import type { FieldProblem } from './admin.exception';

// Every step key the process has a deadline entry for (the default policy lists them all).
export const SLA_STEP_KEYS = Object.keys(DEFAULT_SLA_POLICY.deadlines) as SlaStepKey[];
// the units of workflows/definition/sla-policy.ts, and the longest span each may have (ten years)
const MAX_AMOUNT: Record<SlaUnit, number> = { hours: 24 * 3660, days: 3660, workingDays: 3660, calendarDays: 3660 };
const UNITS = Object.keys(MAX_AMOUNT) as SlaUnit[];

type Deadlines = SlaPolicy['deadlines'];

export function checkSlaDeadlines(deadlines: unknown): { deadlines: Deadlines } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (field: string, problem: string) => problems.push({ field: `deadlines.${field}`, problems: [problem] });
  if (!isRecord(deadlines))
    return { problems: [{ field: 'deadlines', problems: ['must be an object: step -> tier -> duration'] }] };
  for (const key of Object.keys(deadlines))
    if (!(SLA_STEP_KEYS as string[]).includes(key))
      at(key, `is not a step of the process (${SLA_STEP_KEYS.join(', ')})`);
  const checked: Record<string, Record<string, SlaDuration | null>> = {};
  for (const step of SLA_STEP_KEYS) {
    const byTier = deadlines[step];
    if (!isRecord(byTier)) {
      at(step, `must give the deadline of each tier (${RISK_TIERS.join(', ')}), null where none applies`);
      continue;
    }
    for (const key of Object.keys(byTier))
      if (!(RISK_TIERS as readonly string[]).includes(key))
        at(`${step}.${key}`, 'is not a risk tier (HIGH, MEDIUM, LOW)');
    checked[step] = {};
    for (const tier of RISK_TIERS) {
      const field = `${step}.${tier}`;
      const sla = byTier[tier];
      if (sla === null) {
        checked[step][tier] = null;
        continue;
      }
      if (!isRecord(sla) || Object.keys(sla).some((k) => k !== 'amount' && k !== 'unit')) {
        at(field, 'must be {amount, unit} or null (no deadline for this tier)');
        continue;
      }
      const { amount, unit } = sla;
      if (!(UNITS as unknown[]).includes(unit)) at(`${field}.unit`, `must be one of ${UNITS.join(', ')}`);
      else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
        at(`${field}.amount`, 'must be a positive number');
      else if (amount > MAX_AMOUNT[unit as SlaUnit])
        at(`${field}.amount`, `must be at most ${MAX_AMOUNT[unit as SlaUnit]}`);
      else checked[step][tier] = { amount, unit: unit as SlaUnit };
    }
  }
  return problems.length ? { problems } : { deadlines: checked as Deadlines };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
