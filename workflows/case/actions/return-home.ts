// Return home and handover (step 9), reintegration (step 10) and monitoring (step 11).
import { deadlineFor, FAILED_FOLLOW_UPS_BEFORE_ESCALATION, type RiskTier } from '../../definition';
import type { StaffActor } from '../../types';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

// PROCESS.md step 9: the handover record is due within 24 h of arrival home (HIGH), 3 working days after the returnee
// is declared fit to travel (MEDIUM), 7 days from the step's start (LOW). The step's clock starts over from the
// event its tier counts from; a breach of the clock as it ran before is settled by the new count.
function countHandoverFrom(m: CaseMachine, tier: RiskTier, at: number): void {
  const s = m.state;
  if (!m.takes('handover-from-arrival') || m.effectiveTier !== tier) return;
  const due = deadlineFor('RETURN_HANDOVER', tier, new Date(at), s.calendar, s.policy, s.slaTimeScale);
  const clock = s.clocks.find((c) => c.kind === 'STEP' && c.step === 'RETURN_HANDOVER');
  if (!due || !clock) return;
  m.resolveOpenEscalations('DEADLINE_RECOUNTED', (e) => e.clockId === clock.id);
  m.rearm((c) => c.id === clock.id, due.getTime(), at);
}

// When it happened: the time sent (not later than now), else now.
function happenedAt(m: CaseMachine, at: string | undefined): number {
  return at ? Math.min(Date.parse(at), m.now()) : m.now();
}

const notInFuture = (m: CaseMachine, at: string | undefined) =>
  at !== undefined && !(Date.parse(at) <= m.now()) ? 'payload.at must not be in the future' : null;

// Arrival home and fit-to-travel: when it happened, kept for the handover's count (and reintegration's year).
function returnEvent(field: 'arrivedAt' | 'fitToTravelAt', type: string, countsFor: RiskTier) {
  return {
    guard: (m: CaseMachine, p: { at?: string }) => notInFuture(m, p.at),
    apply(m: CaseMachine, p: { at?: string }, actor: StaffActor) {
      const at = happenedAt(m, p.at);
      m.state.returnHome = { ...m.state.returnHome, [field]: at };
      m.event(type, actor, { at: new Date(at).toISOString() });
      countHandoverFrom(m, countsFor, at);
    },
  };
}

export const returnHomeActions = {
  'record-arrival-home': returnEvent('arrivedAt', 'return.arrived_home', 'HIGH'),
  'record-fit-to-travel': returnEvent('fitToTravelAt', 'return.fit_to_travel', 'MEDIUM'),

  'record-handover': {
    apply(m, p, actor) {
      const s = m.state;
      if (s.shelter) {
        m.dropClocks((c) => c.kind === 'SHELTER_STAY');
        s.shelter = null;
      }
      // the return date reintegration counts its year from
      s.returnedAt = s.returnHome?.arrivedAt ?? m.now();
      m.event('handover.completed', actor, {
        handedTo: p.handedTo,
        ...(p.documentId ? { documentId: p.documentId } : {}),
        // the witness's name is in PostgreSQL (handover_witnesses); the timeline has its id
        ...(p.witnessId ? { witnessId: p.witnessId } : {}),
      });
      m.notify('handover.completed', null, { handedTo: p.handedTo });
      m.advance(actor);
    },
  },

  'enrol-reintegration': {
    apply(m, p, actor) {
      m.event('reintegration.enrolled', actor, { programme: p.programme ?? null });
      m.advance(actor);
    },
  },

  'record-follow-up': {
    apply(m, p, actor) {
      followUp(m, actor, Boolean(p.reached));
    },
  },
} satisfies Partial<ActionHandlers>;

// A follow-up of the monitoring schedule: reached, the next one is due; not reached, an attempt is counted, and
// after FAILED_FOLLOW_UPS_BEFORE_ESCALATION of them the supervisor is told.
function followUp(m: CaseMachine, actor: StaffActor, reached: boolean): void {
  const s = m.state;
  const mon = s.monitoring!;
  const now = m.now();
  if (!reached) {
    mon.failedAttempts += 1;
    m.event('follow_up.attempted', actor, {
      number: mon.index + 1,
      reached: false,
      failedAttempts: mon.failedAttempts,
    });
    if (mon.failedAttempts === FAILED_FOLLOW_UPS_BEFORE_ESCALATION) {
      const clock = s.clocks.find((c) => c.kind === 'FOLLOW_UP');
      m.openEscalation(
        1,
        clock?.id ?? `follow-up-${mon.index}`,
        'RETURNEE_UNREACHABLE',
        `the returnee was not reached in ${mon.failedAttempts} attempts`,
      );
    }
    return;
  }
  m.event('follow_up.recorded', actor, { number: mon.index + 1, of: mon.schedule.length, reached: true });
  const previous = s.clocks.find((c) => c.kind === 'FOLLOW_UP');
  m.dropClocks((c) => c.kind === 'FOLLOW_UP');
  if (previous) m.resolveOpenEscalations('FOLLOW_UP_RECORDED', (e) => e.clockId === previous.id);
  mon.index += 1;
  mon.failedAttempts = 0;
  if (mon.index >= mon.schedule.length) return m.advance(actor);
  m.addFollowUpClock(Math.max(now, previous?.dueAt ?? now));
  m.updateStepTaskDue();
}
