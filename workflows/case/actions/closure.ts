// Closure (step 12): the caseworker proposes, a supervisor approves or rejects; a closed case can be reopened.
// From early closure on, a proposal carries a reason code: COMPLETED at step 12, or an early closure at any open step
// (the returnee died, migrated again, could not be reached, is a duplicate of another case, or asked only for
// information: rule 13). Approval closes everything the case has running, and revokes its referrals.
import {
  FAILED_FOLLOW_UPS_BEFORE_ESCALATION,
  TASK_TITLES,
  type ActionPayload,
  type ClosureReasonCode,
} from '../../definition';
import type { CaseMachine } from '../machine';
import { isTerminal } from '../state';
import type { ActionHandlers } from './handler';
import { cancelTransfer } from './transfer';

const proposed = (m: CaseMachine) => (m.state.closureProposed ? null : 'closure has not been proposed');

// When each reason may close the case; null when it may now.
const REASON_RULES: Readonly<Record<ClosureReasonCode, (m: CaseMachine) => string | null>> = {
  COMPLETED: (m) => (m.state.step === 'CLOSURE' ? null : 'a case closes as COMPLETED only at step CLOSURE'),
  DIED: () => null,
  MIGRATED_AGAIN: () => null,
  // PROCESS.md: the returnee is unreachable after the failed follow-ups that escalate (monitoring)
  UNREACHABLE: (m) =>
    (m.state.monitoring?.failedAttempts ?? 0) >= FAILED_FOLLOW_UPS_BEFORE_ESCALATION
      ? null
      : `UNREACHABLE needs ${FAILED_FOLLOW_UPS_BEFORE_ESCALATION} failed follow-ups in a row`,
  DUPLICATE: () => null,
  // rule 13: a LOW returnee who needs no service closes at the referral step, with no referral under way
  INFORMATION_ONLY: (m) => {
    const s = m.state;
    if (s.tier !== 'LOW') return 'INFORMATION_ONLY is for a LOW case';
    if (s.step !== 'REFERRAL') return 'INFORMATION_ONLY closes a case at step REFERRAL';
    if (s.referrals.some((r) => !isTerminal(r.status))) return 'a referral is under way';
    return null;
  },
};

function reasonSays(m: CaseMachine, p: ActionPayload<'propose-closure'>): string | null {
  const code = p.reasonCode ?? 'COMPLETED';
  if (code === 'DUPLICATE') {
    if (!p.duplicateOfCaseId) return 'DUPLICATE needs duplicateOfCaseId';
    if (p.duplicateOfCaseId === m.state.caseId) return 'a case is not a duplicate of itself';
  } else if (p.duplicateOfCaseId) return 'duplicateOfCaseId goes only with DUPLICATE';
  return REASON_RULES[code](m);
}

const proposable = (m: CaseMachine): string | null =>
  m.state.closureProposed
    ? 'closure is already proposed'
    : !m.takes('early-closure') && m.state.step !== 'CLOSURE'
      ? `propose-closure is not possible at step ${m.state.step}`
      : null;

export const closureActions = {
  'propose-closure': {
    available: proposable,
    guard(m, p) {
      const why = proposable(m);
      if (why || !m.takes('early-closure')) return why;
      return reasonSays(m, p);
    },
    apply(m, p, actor) {
      m.state.closureProposed = true;
      if (!m.takes('early-closure')) {
        m.event('closure.proposed', actor, { reason: p.reason ?? null });
      } else {
        const closure = { reasonCode: p.reasonCode ?? 'COMPLETED', duplicateOfCaseId: p.duplicateOfCaseId ?? null };
        m.state.closure = closure;
        m.event('closure.proposed', actor, { reason: p.reason ?? null, ...closure });
      }
      m.openTask('APPROVAL', TASK_TITLES.closure, 'SUPERVISOR', null, null, null);
    },
  },

  'reject-closure': {
    available: proposed,
    apply(m, p, actor) {
      m.state.closureProposed = false;
      m.state.closure = null;
      m.closeTasks((t) => t.kind === 'APPROVAL', 'DONE');
      m.event('closure.rejected', actor, { reason: p.reason ?? null });
    },
  },

  'approve-closure': {
    available: proposed,
    apply(m, _p, actor) {
      const s = m.state;
      s.closureProposed = false;
      const closure = s.closure ?? null;
      if (closure && closure.reasonCode !== 'COMPLETED') {
        // an early closure ends the services too: each partner is told its referral is revoked (a completed case
        // closes as it always has: its referrals end with the partners' own answers)
        for (const r of s.referrals.filter((x) => !isTerminal(x.status))) {
          m.revokeReferral(r.id, 'the case is closed', actor);
        }
      }
      if (m.takes('office-transfer')) cancelTransfer(m, actor);
      s.status = 'CLOSED';
      m.dropClocks(() => true);
      m.closeTasks(() => true, 'DONE');
      m.resolveOpenEscalations('CASE_CLOSED');
      m.event('case.closed', actor, closure ? { ...closure } : {});
      m.notify('case.closed', null, {});
    },
  },

  reopen: {
    apply(m, p, actor) {
      m.state.status = 'OPEN';
      m.state.closureProposed = false;
      m.state.closure = null;
      const to = p.step ?? 'MONITORING';
      m.event('case.reopened', actor, { reason: p.reason ?? null, step: to });
      m.enterStep(to, m.now());
    },
  },
} satisfies Partial<ActionHandlers>;
