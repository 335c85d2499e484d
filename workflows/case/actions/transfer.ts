// The handover of a case between BP3MI offices (PROCESS.md: the home-region office does steps 9-11): the office that
// has the case asks, the receiving office's supervisor accepts it (and takes over its tasks, deadlines and
// escalations) or returns it with a reason. Until then the receiving office has an approval task with its own
// deadline: 24 h for a HIGH case (its clock runs 24/7), one working day otherwise.
import { addWorkingDays, TASK_TITLES } from '../../definition';
import type { StaffActor } from '../../types';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

const HOUR_MS = 60 * 60 * 1000;

function approvalDue(m: CaseMachine, from: number): number {
  const s = m.state;
  if (m.effectiveTier === 'HIGH' || s.slaTimeScale !== 1) return from + Math.round(24 * HOUR_MS * s.slaTimeScale);
  return addWorkingDays(s.calendar, new Date(from), 1).getTime();
}

const pending = (m: CaseMachine) =>
  !m.takes('office-transfer') ? 'this case runs without handovers' : m.state.transfer ? null : 'no transfer is pending';

// The receiving office decides: a user of another office (the API sends the actor's office) may not.
function receivingOfficeSays(m: CaseMachine, actor: StaffActor): string | null {
  const why = pending(m);
  if (why) return why;
  if (actor.officeId && actor.officeId !== m.state.transfer!.toOfficeId) return 'only the receiving office decides';
  return null;
}

// The decision ends the approval: its task, its clock and whatever escalation that clock opened.
function endApproval(m: CaseMachine): { toOfficeId: string; fromOfficeId: string } {
  const s = m.state;
  const t = s.transfer!;
  m.dropClocks((c) => c.id === t.clockId);
  m.resolveOpenEscalations('TRANSFER_DECIDED', (e) => e.clockId === t.clockId);
  m.closeTasks((x) => x.clockId === t.clockId, 'DONE');
  s.transfer = null;
  return { toOfficeId: t.toOfficeId, fromOfficeId: s.officeId };
}

const transferable = (m: CaseMachine): string | null =>
  !m.takes('office-transfer')
    ? 'this case runs without handovers'
    : m.state.transfer
      ? 'a transfer to another office is already pending'
      : null;

export const transferActions = {
  'transfer-case': {
    available: transferable,
    guard(m, p) {
      const why = transferable(m);
      if (why) return why;
      if (p.toOfficeId === m.state.officeId) return 'the case is already at that office';
      return null;
    },
    apply(m, p, actor) {
      const s = m.state;
      const now = m.now();
      const due = approvalDue(m, now);
      const clock = m.addClock('TRANSFER_APPROVAL', s.step, now, due);
      s.transfer = { toOfficeId: p.toOfficeId, requestedAt: now, requestedBy: actor.userId, clockId: clock.id };
      m.openTask('APPROVAL', TASK_TITLES.transfer, 'SUPERVISOR', null, due, clock.id, undefined, p.toOfficeId);
      m.event('case.transfer_requested', actor, {
        fromOfficeId: s.officeId,
        toOfficeId: p.toOfficeId,
        reason: p.reason ?? null,
        dueAt: new Date(due).toISOString(),
      });
    },
  },

  'accept-transfer': {
    available: pending,
    guard: (m, _p, actor) => receivingOfficeSays(m, actor),
    apply(m, p, actor) {
      const s = m.state;
      const { fromOfficeId, toOfficeId } = endApproval(m);
      s.officeId = toOfficeId;
      s.offices = [...(s.offices ?? [fromOfficeId]), toOfficeId];
      // the case's work moves to the new office's queue (or to the caseworker its supervisor chose); the deadlines
      // run on: the case has not started over, and the returnee still waits
      const assigneeId = p.assigneeId ?? null;
      s.assigneeId = assigneeId;
      for (const t of s.tasks) {
        t.officeId = toOfficeId;
        t.assigneeId = t.role === 'CASEWORKER' ? assigneeId : null;
        m.saveTask(t);
      }
      m.event('case.transferred', actor, { fromOfficeId, toOfficeId, assigneeId });
    },
  },

  'return-transfer': {
    available: pending,
    guard: (m, _p, actor) => receivingOfficeSays(m, actor),
    apply(m, p, actor) {
      const { fromOfficeId, toOfficeId } = endApproval(m);
      m.event('case.transfer_returned', actor, { fromOfficeId, toOfficeId, reason: p.reason });
    },
  },
} satisfies Partial<ActionHandlers>;

// A closed case hands nothing over: a pending transfer ends with it.
export function cancelTransfer(m: CaseMachine, actor: StaffActor): void {
  if (!m.state.transfer) return;
  const { fromOfficeId, toOfficeId } = endApproval(m);
  m.event('case.transfer_cancelled', actor, { fromOfficeId, toOfficeId });
}
