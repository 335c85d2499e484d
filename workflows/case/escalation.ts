// A supervisor's (or the head's) resolution of an open escalation: reassign, take over, extend or acknowledge.
import type { EscalationResolution } from '../types';
import type { CaseMachine } from './machine';
import { ActionRejected } from './rejected';

export function resolveEscalation(m: CaseMachine, r: EscalationResolution): void {
  const s = m.state;
  const now = m.now();
  const e = s.escalations.find((x) => x.id === r.escalationId);
  if (!e || e.status !== 'OPEN') throw new ActionRejected('no open escalation with that id', []);
  if (r.actor.role !== 'SUPERVISOR' && r.actor.role !== 'HEAD')
    throw new ActionRejected('only a supervisor or the head resolves an escalation', []);
  if (e.level === 2 && r.actor.role !== 'HEAD')
    throw new ActionRejected('a level-2 escalation is resolved by the head of office', []);
  if (r.resolution === 'REASSIGN' && !r.assigneeId) throw new ActionRejected('REASSIGN needs assigneeId', []);
  if (r.resolution === 'EXTEND') {
    const due = r.newDueAt ? Date.parse(r.newDueAt) : NaN;
    if (!(due > now)) throw new ActionRejected('EXTEND needs a newDueAt in the future', []);
    if (!r.reason) throw new ActionRejected('EXTEND needs a reason', []);
  }
  switch (r.resolution) {
    case 'REASSIGN':
      m.assign(r.assigneeId!);
      break;
    case 'TAKE_OVER':
      m.assign(r.actor.userId);
      break;
    case 'EXTEND':
      // the clock starts over from now, so its reminders fire again before the new deadline
      m.rearm((c) => c.id === e.clockId, Date.parse(r.newDueAt!), now);
      break;
    case 'ACKNOWLEDGE':
      break;
  }
  e.status = 'RESOLVED';
  e.resolution = r.resolution;
  e.resolvedAt = new Date(now).toISOString();
  e.resolvedBy = r.actor.userId;
  m.saveEscalation(e);
  const assigneeId = r.resolution === 'REASSIGN' ? r.assigneeId : r.resolution === 'TAKE_OVER' ? r.actor.userId : null;
  m.event('escalation.resolved', r.actor, {
    escalationId: e.id,
    level: e.level,
    resolution: r.resolution,
    reason: r.reason ?? null,
    newDueAt: r.newDueAt ?? null,
    assigneeId,
  });
}
