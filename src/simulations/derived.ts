// A what-if's cases derived from an office's real closed cases (issue 20): each closed case of the period becomes a
// simulated one with its tier, its category and the times its people actually took, read from its timeline; nothing
// else of it (no name, no number, no id) goes further. The same cases give the distributions a synthetic set draws
// from (timingsOf). Pure: the rows come from simulation-inputs.repository.ts.
import type { CaseCategory, RiskTier } from '../../workflows/definition';
import {
  ACTOR_STAGES,
  CATEGORY_OF_TIER,
  DEFAULT_REVIEWS,
  DEFAULT_TIMINGS,
  draw,
  seeded,
  STEP_STAGES,
  type ActorStage,
  type ActorTimings,
  type PartnerBehaviour,
  type SimCase,
} from './case-set';

// One event of a closed case's timeline, as the repository reads it.
export type TimelineRow = {
  caseKey: number; // the case's place in the read, not its id
  tier: RiskTier;
  category: CaseCategory;
  closureReason: string | null;
  type: string;
  at: number;
  step: string | null;
  referralId: string | null;
  kind: string | null;
};

// stages measured from fewer closed cases than this keep the default distribution
export const MIN_SAMPLES = 5;

const STEPS = new Set<string>(STEP_STAGES);

export type MeasuredCase = {
  tier: RiskTier;
  category: CaseCategory;
  partner: PartnerBehaviour;
  unreachable: boolean;
  measured: Partial<Record<ActorStage, number>>;
};

export function measuredCases(rows: readonly TimelineRow[]): MeasuredCase[] {
  const byCase = new Map<number, TimelineRow[]>();
  for (const r of rows) {
    const list = byCase.get(r.caseKey) ?? [];
    list.push(r);
    byCase.set(r.caseKey, list);
  }
  return [...byCase.values()].map(measuredCase);
}

function measuredCase(rows: TimelineRow[]): MeasuredCase {
  const first = rows[0]!;
  const measured: Partial<Record<ActorStage, number>> = {};
  const keep = (stage: ActorStage, ms: number) => {
    if (ms >= 0 && measured[stage] === undefined) measured[stage] = ms;
  };
  // a step lasts from its start to the next step's start (its completion and the next start are one transition)
  const starts = rows.filter((r) => r.type === 'step.started' && r.step);
  starts.forEach((s, i) => {
    const next = starts[i + 1] ?? rows.find((r) => r.type === 'case.closed');
    if (next && STEPS.has(s.step!)) keep(s.step as ActorStage, next.at - s.at);
  });
  const sent = new Map(rows.filter((r) => r.type === 'referral.sent' && r.referralId).map((r) => [r.referralId, r.at]));
  const acked = new Map<string | null, number>();
  for (const r of rows) {
    if (r.type === 'referral.acknowledged' && sent.has(r.referralId)) {
      keep('PARTNER_ACK', r.at - sent.get(r.referralId)!);
      acked.set(r.referralId, r.at);
    }
    if ((r.type === 'referral.accepted' || r.type === 'referral.declined') && acked.has(r.referralId))
      keep('PARTNER_DECISION', r.at - acked.get(r.referralId)!);
  }
  const proposed = rows.find((r) => r.type === 'closure.proposed');
  const closed = rows.find((r) => r.type === 'case.closed');
  if (proposed && closed) keep('SUPERVISOR', closed.at - proposed.at);
  const partner: PartnerBehaviour = rows.some((r) => r.type === 'referral.declined')
    ? 'DECLINES'
    : rows.some((r) => r.type === 'escalation.opened' && r.kind === 'PARTNER_SILENT')
      ? 'SILENT'
      : 'ANSWERS';
  const unreachable = first.closureReason === 'UNREACHABLE' || rows.some((r) => r.type === 'follow_up.attempted');
  return { tier: first.tier, category: first.category, partner, unreachable, measured };
}

// The distributions of the measured times, per stage and tier, where enough cases measured them; the defaults
// elsewhere. `samples` says how many cases each rests on (0: the default).
export function timingsOf(cases: readonly MeasuredCase[]): {
  timings: ActorTimings;
  samples: Record<ActorStage, Record<RiskTier, number>>;
} {
  const timings = structuredClone(DEFAULT_TIMINGS);
  const samples = Object.fromEntries(ACTOR_STAGES.map((s) => [s, { HIGH: 0, MEDIUM: 0, LOW: 0 }])) as Record<
    ActorStage,
    Record<RiskTier, number>
  >;
  for (const stage of ACTOR_STAGES) {
    for (const tier of ['HIGH', 'MEDIUM', 'LOW'] as const) {
      const values = cases
        .filter((c) => c.tier === tier && c.measured[stage] !== undefined)
        .map((c) => c.measured[stage]!)
        .sort((a, b) => a - b);
      if (values.length < MIN_SAMPLES) continue;
      const q = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))]!;
      const median = Math.max(60_000, q(0.5));
      timings[stage][tier] = { median, p90: Math.max(median + 60_000, q(0.9)) };
      samples[stage][tier] = values.length;
    }
  }
  return { timings, samples };
}

// The simulated cases of a derived set: each real case's own times, and a draw from the distributions for what its
// timeline does not tell (a stage it never went through under its own policy, the caseworker's patience).
export function derivedCases(cases: readonly MeasuredCase[], seed: number): SimCase[] {
  const { timings } = timingsOf(cases);
  const random = seeded(seed);
  return cases.map((c) => {
    const takes: Partial<Record<ActorStage, number>> = {};
    for (const stage of ACTOR_STAGES) {
      const ms = c.measured[stage] ?? draw(timings[stage][c.tier], random);
      takes[stage] = stage === 'FOLLOW_UP_LATENESS' ? Math.max(-86_400_000, ms) : Math.max(60_000, ms);
    }
    return {
      tier: c.tier,
      category: c.category ?? CATEGORY_OF_TIER[c.tier],
      partner: c.partner,
      unreachable: c.unreachable,
      takes,
      rehabilitationReviews: DEFAULT_REVIEWS[c.tier],
    };
  });
}
