// Closure (step 12): the caseworker proposes, a supervisor approves or rejects; a closed case can be reopened.
import { TASK_TITLES } from '../../definition';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

const proposed = (m: CaseMachine) => (m.state.closureProposed ? null : 'closure has not been proposed');

export const closureActions = {
  'propose-closure': {
    available: (m) => (m.state.closureProposed ? 'closure is already proposed' : null),
    apply(m, p, actor) {
      m.state.closureProposed = true;
      m.event('closure.proposed', actor, { reason: p.reason ?? null });
      m.openTask('APPROVAL', TASK_TITLES.closure, 'SUPERVISOR', null, null, null);
    },
  },

  'reject-closure': {
    available: proposed,
    apply(m, p, actor) {
      m.state.closureProposed = false;
      m.closeTasks((t) => t.kind === 'APPROVAL', 'DONE');
      m.event('closure.rejected', actor, { reason: p.reason ?? null });
    },
  },

  'approve-closure': {
    available: proposed,
    apply(m, _p, actor) {
      const s = m.state;
      s.closureProposed = false;
      s.status = 'CLOSED';
      m.dropClocks(() => true);
      m.closeTasks(() => true, 'DONE');
      m.resolveOpenEscalations('CASE_CLOSED');
      m.event('case.closed', actor, {});
      m.notify('case.closed', null, {});
    },
  },

  reopen: {
    apply(m, p, actor) {
      m.state.status = 'OPEN';
      m.state.closureProposed = false;
      const to = p.step ?? 'MONITORING';
      m.event('case.reopened', actor, { reason: p.reason ?? null, step: to });
      m.enterStep(to, m.now());
    },
  },
} satisfies Partial<ActionHandlers>;
