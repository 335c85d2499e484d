// A supervisor's (or the head's) resolution of an open escalation: reassign, take over, extend or acknowledge.
import type { EscalationRecord, EscalationResolution } from '../types';
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
      extendPartner(m, e, Date.parse(r.newDueAt!));
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

// A partner's escalation extended: the referral's own deadline (in its workflow) moves to the new due time, so its
// level 2 follows the extension rather than the old deadline. A silent partner's escalation is keyed by the
// referral; an unreachable one by the delivery, whose agency has at most one referral under way.
function extendPartner(m: CaseMachine, e: EscalationRecord, dueAt: number): void {
  if (!m.takes('extend-partner-deadline')) return;
  const s = m.state;
  const live = (r: (typeof s.referrals)[number]) =>
    r.status === 'SENT' || r.status === 'ACKNOWLEDGED' || r.status === 'ACCEPTED';
  const agencyId = e.kind === 'PARTNER_UNREACHABLE' ? s.unreachable?.[e.clockId] : undefined;
  const referral =
    e.kind === 'PARTNER_SILENT'
      ? s.referrals.find((r) => r.id === e.clockId && live(r))
      : agencyId
        ? s.referrals.find((r) => r.agencyId === agencyId && live(r))
        : undefined;
  if (referral) m.extendReferral(referral.id, dueAt);
}
