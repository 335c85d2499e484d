// Return home and handover (step 9), reintegration (step 10) and monitoring (step 11).
import { FAILED_FOLLOW_UPS_BEFORE_ESCALATION } from '../../definition';
import type { StaffActor } from '../../types';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

export const returnHomeActions = {
  'record-handover': {
    apply(m, p, actor) {
      if (m.state.shelter) {
        m.dropClocks((c) => c.kind === 'SHELTER_STAY');
        m.state.shelter = null;
      }
      m.event('handover.completed', actor, {
        handedTo: p.handedTo,
        ...(p.documentId ? { documentId: p.documentId } : {}),
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
