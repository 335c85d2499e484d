// What a what-if found, counted from the events the simulated cases wrote (engine.ts): per policy, and per stage and
// tier, the deadlines set, reminders, breaches, level-1 and level-2 escalations, and the median time to close. Pure.
import type { RiskTier } from '../../workflows/definition';
import type { CaseEventDraft } from '../../workflows/types';

// A stage of the table: a step's own deadline (its id), a partner's (REFERRAL_ACK, REFERRAL_DECISION), or another
// clock of the case by its kind (FOLLOW_UP, REHAB_REVIEW, SHELTER_STAY, TPPO_SERVICE, ...).
export type StageCounts = {
  stage: string;
  tier: RiskTier;
  deadlines: number;
  reminders: number;
  breaches: number;
  escalations1: number;
  escalations2: number;
};

export type PolicyOutcome = {
  label: string;
  version: string;
  cases: number;
  closed: number;
  failed: number;
  // why those cases stopped, the same reason once with its count (at most 5)
  failures: { reason: string; count: number }[];
  // from registration to closure, of the closed cases (null: none closed)
  medianDaysToClose: number | null;
  totals: Omit<StageCounts, 'stage' | 'tier'>;
  stages: StageCounts[];
};

// One simulated case, as the engine kept it: its tier, its events, and the partners' deadlines (from the referral
// workflows' writes and reminders).
export type CaseRecord = {
  policy: string;
  tier: RiskTier;
  startedAt: number;
  events: CaseEventDraft[];
  partner: PartnerRecord[];
  failed?: string;
};
export type PartnerRecord =
  | { kind: 'DEADLINE'; phase: 'ACK' | 'DECISION' }
  | { kind: 'REMINDER'; phase: 'ACK' | 'DECISION' }
  | { kind: 'SILENCE'; phase: 'ACK' | 'DECISION'; level: 1 | 2 };

const DAY = 24 * 3_600_000;
const TIERS: readonly RiskTier[] = ['HIGH', 'MEDIUM', 'LOW'];

export function countOutcomes(records: readonly CaseRecord[], policies: readonly { label: string; version: string }[]) {
  return policies.map((p) =>
    outcomeOf(
      p,
      records.filter((r) => r.policy === p.label),
    ),
  );
}

function outcomeOf(p: { label: string; version: string }, records: readonly CaseRecord[]): PolicyOutcome {
  const rows = new Map<string, StageCounts>();
  const row = (stage: string, tier: RiskTier): StageCounts => {
    const key = `${stage}|${tier}`;
    let r = rows.get(key);
    if (!r) {
      r = { stage, tier, deadlines: 0, reminders: 0, breaches: 0, escalations1: 0, escalations2: 0 };
      rows.set(key, r);
    }
    return r;
  };
  const closeTimes: number[] = [];
  for (const rec of records) {
    for (const e of rec.events) {
      const d = e.data as { step?: string; kind?: string; dueAt?: string | null; level?: number };
      const stage = d.kind === undefined || d.kind === 'STEP' ? (d.step ?? e.step) : d.kind;
      if (e.type === 'step.started' && d.dueAt) row(d.step ?? e.step, rec.tier).deadlines += 1;
      else if (e.type === 'sla.reminder') row(stage, rec.tier).reminders += 1;
      else if (e.type === 'sla.breached') row(stage, rec.tier).breaches += 1;
      else if (e.type === 'escalation.opened' && d.kind !== 'PARTNER_SILENT') {
        // a step's escalation belongs to the step it was opened at
        const r = row(d.kind === 'STEP' ? e.step : (d.kind ?? e.step), rec.tier);
        if (d.level === 2) r.escalations2 += 1;
        else r.escalations1 += 1;
      } else if (e.type === 'case.closed') closeTimes.push(Date.parse(e.occurredAt) - rec.startedAt);
    }
    for (const x of rec.partner) {
      const r = row(`REFERRAL_${x.phase}`, rec.tier);
      if (x.kind === 'DEADLINE') r.deadlines += 1;
      else if (x.kind === 'REMINDER') r.reminders += 1;
      else if (x.level === 1) {
        r.breaches += 1;
        r.escalations1 += 1;
      } else r.escalations2 += 1;
    }
  }
  const stages = [...rows.values()].sort(
    (a, b) => stageOrder(a.stage) - stageOrder(b.stage) || TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier),
  );
  const totals = { deadlines: 0, reminders: 0, breaches: 0, escalations1: 0, escalations2: 0 };
  for (const s of stages) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
  return {
    label: p.label,
    version: p.version,
    cases: records.length,
    closed: closeTimes.length,
    failed: records.filter((r) => r.failed).length,
    failures: failuresOf(records),
    medianDaysToClose: closeTimes.length ? Math.round((median(closeTimes) / DAY) * 10) / 10 : null,
    totals,
    stages,
  };
}

function failuresOf(records: readonly CaseRecord[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.failed) counts.set(r.failed, (counts.get(r.failed) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 5);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ORDER = [
  'REGISTRATION',
  'SCREENING',
  'EMERGENCY_CARE',
  'TPPO_REPORT',
  'TPPO_SERVICE',
  'REFERRAL',
  'REFERRAL_APPROVAL',
  'REFERRAL_ACK',
  'REFERRAL_DECISION',
  'SHELTER',
  'SHELTER_STAY',
  'ASSESSMENT',
  'REHABILITATION',
  'REHAB_REVIEW',
  'REHAB_YEAR_LIMIT',
  'RETURN_HANDOVER',
  'REINTEGRATION',
  'MONITORING',
  'FOLLOW_UP',
  'CLOSURE',
];

function stageOrder(stage: string): number {
  const i = ORDER.indexOf(stage);
  return i === -1 ? ORDER.length : i;
}
