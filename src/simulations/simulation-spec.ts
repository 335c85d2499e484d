// What a what-if is asked for (kept in sla_simulations.spec) and what it found (results), shared by the API, the
// repository and the worker's run.
import type { RiskTier } from '../../workflows/definition';
import type { PolicyOutcome } from './results';

export type SyntheticSimulationSpec = {
  source: 'SYNTHETIC';
  cases: number;
  seed: number;
  tiers: Record<RiskTier, number>;
  silentPartnerPercent: number;
  declinePercent: number;
  unreachablePercent: number;
};

// the closed cases of the draft's province (every office for the national policy) that arrived in [from, to)
export type DerivedSimulationSpec = { source: 'DERIVED'; from: string; to: string; seed: number };

export type SimulationSpec = SyntheticSimulationSpec | DerivedSimulationSpec;

export type SimulationResults = {
  cases: number;
  // the simulated span, from the first arrival to the last case's end
  simulatedDays: number;
  // the run's own time on the worker
  seconds: number;
  // where the people's timings came from: closed cases of the read model (per stage and tier, with at least 5
  // cases), or the defaults elsewhere; how many stage-and-tier pairs rest on real cases, of all
  timingsMeasured: number;
  timingsTotal: number;
  inForce: PolicyOutcome;
  draft: PolicyOutcome;
};

// the most cases one run takes (twice that many workflows: one per policy)
export const MAX_SIMULATION_CASES = 2000;
