// The process of PROCESS.md as data and pure functions: the risk tier a screening gives, which steps apply to a
// case, and the monitoring schedule. Imports nothing outside this folder.
import { STEPS, type RiskTier, type StepId } from './steps';

export const TRAFFICKING_INDICATORS = [
  'DECEPTION',
  'DEBT_BONDAGE',
  'CONFISCATED_DOCUMENTS',
  'CONFINEMENT',
  'VIOLENCE',
  'SEXUAL_EXPLOITATION',
] as const;
export type TraffickingIndicator = (typeof TRAFFICKING_INDICATORS)[number];

export const SCREENING_FLAGS = [
  'medical',
  'safety',
  'child',
  'pregnant',
  'disability',
  'noFamily',
  'elderly',
  'withChildren',
  'distress',
  'rightsClaim',
  'afterDetention',
  'illness',
  'needsShelter',
  'goesStraightHome',
] as const;
export type ScreeningFlag = (typeof SCREENING_FLAGS)[number];
export type ScreeningFlags = Partial<Record<ScreeningFlag, boolean>>;

// PROCESS.md "Risk tiers": the highest tier any one finding calls for.
export function computeRiskTier(indicators: readonly string[], flags: ScreeningFlags): RiskTier {
  if (
    indicators.length > 0 ||
    flags.medical ||
    flags.safety ||
    flags.child ||
    flags.pregnant ||
    flags.noFamily ||
    flags.disability
  ) {
    return 'HIGH';
  }
  if (
    flags.illness ||
    flags.elderly ||
    flags.withChildren ||
    flags.distress ||
    flags.rightsClaim ||
    flags.afterDetention
  ) {
    return 'MEDIUM';
  }
  return 'LOW';
}

export const TIER_RANK: Readonly<Record<RiskTier, number>> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

export function higherTier(a: RiskTier, b: RiskTier): RiskTier {
  return TIER_RANK[a] >= TIER_RANK[b] ? a : b;
}

// What decides which steps a case takes.
export type CasePlan = {
  tier: RiskTier;
  indicators: readonly string[];
  flags: ScreeningFlags;
  rehabilitation: boolean | null; // from the assessment's plan; null until then
  reintegration: boolean | null;
  refused: boolean; // a signed refusal of rehabilitation
};

export function stepApplies(step: StepId, plan: CasePlan): boolean {
  switch (step) {
    case 'EMERGENCY_CARE':
      return plan.tier === 'HIGH' && Boolean(plan.flags.medical || plan.flags.safety);
    case 'TPPO_REPORT':
      return plan.indicators.length > 0;
    case 'SHELTER':
      if (plan.flags.goesStraightHome) return false;
      return Boolean(plan.flags.needsShelter || plan.flags.noFamily || plan.flags.safety || plan.indicators.length > 0);
    case 'REHABILITATION':
      return !plan.refused && (plan.rehabilitation ?? plan.tier !== 'LOW');
    case 'REINTEGRATION':
      // LOW: only on request (PROCESS.md); a refusal goes straight from return to monitoring.
      return !plan.refused && (plan.reintegration ?? plan.tier !== 'LOW');
    default:
      return true;
  }
}

// The step after `current` that applies to this case; CLOSURE always applies, so there always is one.
export function nextStep(current: StepId, plan: CasePlan): StepId {
  const order = STEPS.findIndex((s) => s.id === current);
  for (const step of STEPS.slice(order + 1)) {
    if (stepApplies(step.id, plan)) return step.id;
  }
  return 'CLOSURE';
}

const DAY = 24 * 60 * 60 * 1000;

// PROCESS.md step 11: when follow-ups are due, counted from the start of monitoring.
// HIGH: weekly in month 1, then monthly to month 6; MEDIUM: day 14, months 1, 3, 6; LOW: months 1, 3.
export const MONITORING_SCHEDULE_DAYS: Readonly<Record<RiskTier, readonly number[]>> = {
  HIGH: [7, 14, 21, 28, 60, 90, 120, 150, 180],
  MEDIUM: [14, 30, 90, 180],
  LOW: [30, 90],
};

export function monitoringSchedule(tier: RiskTier, startedAt: number, slaTimeScale = 1): number[] {
  return MONITORING_SCHEDULE_DAYS[tier].map((d) => startedAt + Math.round(d * DAY * slaTimeScale));
}

export const REHABILITATION_REVIEW_DAYS = 30;
export const REHABILITATION_MAX_DAYS = 365; // from arrival (Perban BP2MI 6/2023)
export const FAILED_FOLLOW_UPS_BEFORE_ESCALATION = 3;
// Before the change 'shelter-14-days-in-all' an extension could add up to 14 days to the 7 (21 in all).
export const SHELTER_MAX_EXTENSION_DAYS = 14;
// Local SOPs: a stay of 7 days, extendable to 14 days in all.
export const SHELTER_STAY_DAYS = 7;
export const SHELTER_MAX_STAY_DAYS = 14;
export const VITAL_INTEREST_REVIEW_HOURS = 24;
// A referral waiting for a supervisor's approval (a child, or without consent): 4 h for a HIGH case, else 24 h.
// UU 21/2007 Pasal 52: a trafficking victim receives services within 7 (calendar) days of the report.
export const TPPO_SERVICE_DAYS = 7;
export const REFERRAL_APPROVAL_HOURS: Readonly<Record<RiskTier, number>> = { HIGH: 4, MEDIUM: 24, LOW: 24 };

// PROCESS.md step 10: "within 1 year of return": the same date and time a year later (366 days across a 29 February),
// not 365 days. A scaled clock (dev and tests) scales 365 days.
export function oneYearAfter(at: number, slaTimeScale = 1): number {
  if (slaTimeScale !== 1) return at + Math.round(365 * DAY * slaTimeScale);
  const d = new Date(at);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  // 29 February has no twin in the next year: the year ends on 28 February, not 1 March
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.getTime();
}

// The step table as a Mermaid flowchart: an arrow from each step to every step it can be followed by (past the
// conditional steps in between), dotted and labelled where the next step depends on the case.
export function processDiagram(): string {
  const conditional: Partial<Record<StepId, string>> = {
    EMERGENCY_CARE: 'HIGH with a medical or safety flag',
    TPPO_REPORT: 'trafficking indicators',
    SHELTER: 'shelter needed',
    REHABILITATION: 'rehabilitation in the plan',
    REINTEGRATION: 'reintegration (LOW: on request)',
  };
  const lines = ['flowchart TD'];
  for (const s of STEPS) lines.push(`  ${s.id}["${s.order}. ${s.title}"]`);
  STEPS.forEach((from, i) => {
    for (const to of STEPS.slice(i + 1)) {
      const label = conditional[to.id];
      lines.push(label ? `  ${from.id} -. "${label}" .-> ${to.id}` : `  ${from.id} --> ${to.id}`);
      if (!label) break; // an unconditional step is never skipped
    }
  });
  lines.push('  ASSESSMENT -- "signed refusal" --> RETURN_HANDOVER');
  lines.push('  REHABILITATION -- "signed refusal" --> RETURN_HANDOVER');
  lines.push('  CLOSURE -- "reopen" --> MONITORING');
  return lines.join('\n');
}
