// Arrival, screening and triage (steps 1 to 4), and a change of the risk tier at any step.
import {
  computeRiskTier,
  deadlineFor,
  TASK_TITLES,
  TIER_RANK,
  TPPO_SERVICE_DAYS,
  type RiskTier,
  type ScreeningFlags,
} from '../../definition';
import type { Actor, StaffActor } from '../../types';
import type { CaseMachine } from '../machine';
import { isSupervisor, type ActionHandlers } from './handler';

const DAY = 24 * 60 * 60 * 1000;

export const intakeActions = {
  'complete-registration': {
    apply(m, _p, actor) {
      m.event('registration.completed', actor, {});
      m.advance(actor);
    },
  },

  'complete-screening': {
    guard(m, p, actor) {
      const requested = p.riskTier;
      const computed = computeRiskTier(p.indicators ?? [], withChild(m, p.flags ?? {}));
      if (requested && TIER_RANK[requested] < TIER_RANK[computed] && !isSupervisor(actor)) {
        return `the screening gives ${computed}; only a supervisor may set a lower tier`;
      }
      return null;
    },
    apply(m, p, actor) {
      const s = m.state;
      const indicators = [...new Set(p.indicators ?? [])];
      const flags = p.flags ?? {};
      const computed = computeRiskTier(indicators, withChild(m, flags));
      const tier = p.riskTier ?? computed;
      s.indicators = indicators;
      s.flags = flags;
      s.tier = tier;
      m.event('screening.completed', actor, { riskTier: tier, computedTier: computed, indicators, flags });
      m.advance(actor);
    },
  },

  'record-emergency-care': {
    apply(m, p, actor) {
      m.event('emergency_care.recorded', actor, { facilityKind: p.facilityKind ?? null });
      m.advance(actor);
    },
  },

  'file-tppo-report': {
    available: (m) => (m.state.tppoReportFiled ? 'the report waits for a supervisor to confirm it' : null),
    apply(m, p, actor) {
      const reportedTo = p.reportedTo ?? [];
      if (!m.takes('tppo-report-approval')) {
        m.event('tppo.reported', actor, { reportedTo });
        // Starts the 7-day service clock (UU 21/2007 Pasal 52) at the police and task force.
        m.notify('tppo.identified', null, { reportedTo });
        return m.advance(actor);
      }
      // a supervisor's own report goes out at once; a caseworker's waits for one to confirm it
      if (isSupervisor(actor)) return reportTppo(m, actor, reportedTo);
      m.state.tppoReportFiled = { reportedTo: [...reportedTo] };
      m.event('tppo.report_filed', actor, { reportedTo });
      m.openTask('APPROVAL', TASK_TITLES.tppoReport, 'SUPERVISOR', null, m.dueAt(), null);
    },
  },

  'approve-tppo-report': {
    available: (m) => (m.state.tppoReportFiled ? null : 'no TPPO report waits for a confirmation'),
    apply(m, _p, actor) {
      const reportedTo = m.state.tppoReportFiled?.reportedTo ?? [];
      m.state.tppoReportFiled = null;
      m.closeTasks((t) => t.kind === 'APPROVAL' && t.title === TASK_TITLES.tppoReport, 'DONE');
      reportTppo(m, actor, reportedTo);
    },
  },

  'change-risk-tier': {
    // a caseworker may only raise it: at HIGH there is nothing left for them to change
    available: (m, role) =>
      role === 'CASEWORKER' && m.effectiveTier === 'HIGH' ? 'only a supervisor may lower a risk tier' : null,
    guard(m, p, actor) {
      const to = p.riskTier;
      if (to === m.effectiveTier) return `the tier is already ${to}`;
      if (TIER_RANK[to] < TIER_RANK[m.effectiveTier] && !isSupervisor(actor))
        return 'only a supervisor may lower a risk tier';
      return null;
    },
    apply(m, p, actor) {
      changeTier(m, actor, p.riskTier, String(p.reason ?? ''));
    },
  },
} satisfies Partial<ActionHandlers>;

// The screening's flags as the tier sees them: a returnee under 18 by date of birth is a child whatever was ticked.
// Only the tier reads this; the case keeps the flags as screened.
function withChild(m: CaseMachine, flags: ScreeningFlags): ScreeningFlags {
  return m.state.childByBirth ? { ...flags, child: true } : flags;
}

export function changeTier(m: CaseMachine, actor: Actor, to: RiskTier, reason: string): void {
  const s = m.state;
  const from = m.effectiveTier;
  s.tier = to;
  // a person's decision: the re-check at a step's completion raises only on findings beyond these
  if (actor.role !== 'SYSTEM') s.tierBasis = m.findingsTier();
  m.event('risk_tier.changed', actor, { from, to, reason });
  // The current step's deadline is computed again from the step's start under the new tier.
  for (const clock of s.clocks.filter((c) => c.kind === 'STEP')) {
    const due = deadlineFor(clock.step, to, new Date(clock.startedAt), s.calendar, s.policy, s.slaTimeScale);
    if (due) clock.dueAt = due.getTime();
  }
  m.updateStepTaskDue();
}

// The report goes out (tppo.identified to the police and the task force) and the 7-day service clock of UU 21/2007
// Pasal 52 starts; a partner accepting a referral satisfies it (signals.ts).
function reportTppo(m: CaseMachine, actor: StaffActor, reportedTo: string[]): void {
  const now = m.now();
  m.event('tppo.reported', actor, { reportedTo, confirmedBy: actor.userId });
  m.notify('tppo.identified', null, { reportedTo });
  m.advance(actor);
  const due = now + Math.round(TPPO_SERVICE_DAYS * DAY * m.state.slaTimeScale);
  m.addClock('TPPO_SERVICE', m.state.step, now, due);
}
