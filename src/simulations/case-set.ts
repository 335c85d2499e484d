// The cases a what-if runs (issue 20): who the returnees are (tier, category), how their partners behave, and how long
// each person takes at each stage, drawn with a seeded generator, so that the same request gives the same set. Pure:
// no clock, no database; the timings' distributions come from the read model (simulation-timings.ts) or defaults.
import { STEP_IDS, type CaseCategory, type RiskTier, type StepId } from '../../workflows/definition';

// What a person does at a stage of the case, and how long it takes them, from the moment it became theirs to do.
//   a step's id        the caseworker (or the supervisor, for CLOSURE) completes the step
//   PARTNER_ACK        the partner agency acknowledges a referral, from its sending
//   PARTNER_DECISION   the partner accepts (or declines) it, from the acknowledgement
//   SUPERVISOR         a supervisor confirms what needs them (a TPPO report, a closure), from its asking
//   SILENCE_PATIENCE   how long a caseworker waits on a silent partner before referring elsewhere
//   FOLLOW_UP_LATENESS a monitoring follow-up made this long after it fell due (negative: before)
type StepStage = Exclude<StepId, 'MONITORING' | 'CLOSURE'>;
export type ActorStage =
  StepStage | 'PARTNER_ACK' | 'PARTNER_DECISION' | 'SUPERVISOR' | 'SILENCE_PATIENCE' | 'FOLLOW_UP_LATENESS';
export const STEP_STAGES = STEP_IDS.filter((s): s is StepStage => s !== 'MONITORING' && s !== 'CLOSURE');
export const ACTOR_STAGES: readonly ActorStage[] = [
  ...STEP_STAGES,
  'PARTNER_ACK',
  'PARTNER_DECISION',
  'SUPERVISOR',
  'SILENCE_PATIENCE',
  'FOLLOW_UP_LATENESS',
];

export type PartnerBehaviour = 'ANSWERS' | 'SILENT' | 'DECLINES';

export type SimCase = {
  tier: RiskTier;
  category: CaseCategory;
  // the first partner referred to; a silent or declining one is followed by a second agency, which answers
  partner: PartnerBehaviour;
  // the returnee cannot be reached at the monitoring follow-ups
  unreachable: boolean;
  // ms each stage takes; a stage not given is not taken (a step the case does not go through)
  takes: Partial<Record<ActorStage, number>>;
  // rehabilitation reviews before it completes (30 days apart)
  rehabilitationReviews: number;
};

// A stage's distribution of times: the median and the 90th percentile (ms), as a log-normal between them.
export type Spread = { median: number; p90: number };
export type ActorTimings = Record<ActorStage, Record<RiskTier, Spread>>;

export type SyntheticSpec = {
  cases: number;
  seed: number;
  // shares of the tiers, in percent (they need not add up to 100: they are weights)
  tiers: Record<RiskTier, number>;
  silentPartnerPercent: number;
  declinePercent: number;
  unreachablePercent: number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Used where the read model has too few closed cases to tell (fewer than MIN_SAMPLES of a stage and tier): a
// caseworker who mostly keeps to the default deadlines of PROCESS.md, with a tail past them.
export const DEFAULT_TIMINGS: ActorTimings = {
  REGISTRATION: { HIGH: spread(0.5, 1.5), MEDIUM: spread(2, 6), LOW: spread(6, 30) },
  SCREENING: { HIGH: spread(0.5, 1.5), MEDIUM: spread(1.5, 4), LOW: spread(8, 30) },
  EMERGENCY_CARE: { HIGH: spread(0.5, 2), MEDIUM: spread(0.5, 2), LOW: spread(0.5, 2) },
  TPPO_REPORT: { HIGH: spread(10, 30), MEDIUM: spread(30, 90), LOW: spread(30, 90) },
  REFERRAL: { HIGH: spread(8, 30), MEDIUM: spread(30, 90), LOW: spread(96, 400) },
  SHELTER: { HIGH: spread(24, 120), MEDIUM: spread(48, 200), LOW: spread(48, 200) },
  ASSESSMENT: { HIGH: spread(36, 96), MEDIUM: spread(72, 200), LOW: spread(150, 400) },
  REHABILITATION: { HIGH: spread(48, 200), MEDIUM: spread(72, 200), LOW: spread(72, 200) },
  RETURN_HANDOVER: { HIGH: spread(12, 36), MEDIUM: spread(36, 96), LOW: spread(72, 200) },
  REINTEGRATION: { HIGH: spread(15 * 24, 40 * 24), MEDIUM: spread(30 * 24, 70 * 24), LOW: spread(60 * 24, 200 * 24) },
  PARTNER_ACK: { HIGH: spread(1, 4), MEDIUM: spread(8, 36), LOW: spread(24, 96) },
  PARTNER_DECISION: { HIGH: spread(10, 36), MEDIUM: spread(36, 96), LOW: spread(72, 200) },
  SUPERVISOR: { HIGH: spread(2, 12), MEDIUM: spread(8, 30), LOW: spread(12, 48) },
  SILENCE_PATIENCE: { HIGH: spread(12, 36), MEDIUM: spread(72, 150), LOW: spread(120, 240) },
  FOLLOW_UP_LATENESS: { HIGH: spread(-12, 24), MEDIUM: spread(-12, 48), LOW: spread(-12, 72) },
};

function spread(medianHours: number, p90Hours: number): Spread {
  return { median: medianHours * HOUR, p90: p90Hours * HOUR };
}

const REVIEWS: Record<RiskTier, number> = { HIGH: 3, MEDIUM: 1, LOW: 0 };
const CATEGORY: Record<RiskTier, CaseCategory> = { HIGH: 'TPPO_VICTIM', MEDIUM: 'DEPORTEE', LOW: 'PMI_PURNA' };

// mulberry32: a small seeded generator, enough for drawing a case set (not for anything secret)
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A draw from the stage's distribution: log-normal through its median and 90th percentile (z = 1.2816); a spread
// whose median is not positive (a follow-up's lateness) is drawn as a normal one.
export function draw(s: Spread, random: () => number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  if (s.median <= 0 || s.p90 <= s.median) return Math.round(s.median + (z * (s.p90 - s.median)) / 1.2816);
  const sigma = Math.log(s.p90 / s.median) / 1.2816;
  return Math.round(s.median * Math.exp(sigma * z));
}

// The set the user asked for: the tiers in their shares (the largest remainders, so 1,000 cases at 20/50/30 are 200,
// 500 and 300 exactly), the partners' and returnees' behaviour drawn case by case.
export function syntheticCases(spec: SyntheticSpec, timings: ActorTimings = DEFAULT_TIMINGS): SimCase[] {
  const random = seeded(spec.seed);
  const tiers = apportion(spec.cases, spec.tiers);
  const out: SimCase[] = [];
  for (const tier of ['HIGH', 'MEDIUM', 'LOW'] as const) {
    for (let i = 0; i < tiers[tier]; i += 1) {
      const p = random() * 100;
      const partner: PartnerBehaviour =
        p < spec.silentPartnerPercent
          ? 'SILENT'
          : p < spec.silentPartnerPercent + spec.declinePercent
            ? 'DECLINES'
            : 'ANSWERS';
      const unreachable = random() * 100 < spec.unreachablePercent;
      const takes: Partial<Record<ActorStage, number>> = {};
      for (const stage of ACTOR_STAGES) {
        const ms = draw(timings[stage][tier], random);
        takes[stage] = stage === 'FOLLOW_UP_LATENESS' ? Math.max(-DAY, ms) : Math.max(60_000, ms);
      }
      out.push({ tier, category: CATEGORY[tier], partner, unreachable, takes, rehabilitationReviews: REVIEWS[tier] });
    }
  }
  return out;
}

export function apportion(total: number, weights: Record<RiskTier, number>): Record<RiskTier, number> {
  const keys = ['HIGH', 'MEDIUM', 'LOW'] as const;
  const sum = keys.reduce((n, k) => n + Math.max(0, weights[k]), 0);
  const exact = keys.map((k) => (sum > 0 ? (total * Math.max(0, weights[k])) / sum : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return { HIGH: counts[0]!, MEDIUM: counts[1]!, LOW: counts[2]! };
}

export const DEFAULT_REVIEWS = REVIEWS;
export const CATEGORY_OF_TIER = CATEGORY;
