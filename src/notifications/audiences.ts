// Who must hear of what a transition did, beyond the deadlines the workflow alerts on itself (PROCESS.md; issue 18):
// a task assigned to someone else, an approval waiting, a case handed to an office, a partner's decline or silence.
// Derived in the activity from the transition's events, so the workflow (and its histories) stay as they are.
import type { AlertAudience, CaseEventDraft } from '../../workflows/types';
import type { CaseNotificationKind } from './kinds';

export type AlertFor = { kind: CaseNotificationKind; audience: AlertAudience; eventSeq: number; escalationId?: string };

// events a supervisor must decide on
const APPROVALS = new Set(['referral.approval_requested', 'closure.proposed', 'shelter.extension_requested']);

export function derivedAlerts(args: {
  events: readonly CaseEventDraft[];
  officeId: string;
  // the case's assignee before the transition (undefined: the case is being registered) and after it
  assigneeBefore: string | null | undefined;
  assigneeAfter: string | null;
}): AlertFor[] {
  const { events, officeId, assigneeBefore, assigneeAfter } = args;
  const out: AlertFor[] = [];
  const supervisors: AlertAudience = { officeId, role: 'SUPERVISOR' };
  const assigneeOrSupervisors: AlertAudience = assigneeAfter ? { userId: assigneeAfter } : supervisors;
  for (const e of events) {
    if (APPROVALS.has(e.type)) out.push({ kind: 'APPROVAL_WAITING', audience: supervisors, eventSeq: e.seq });
    else if (e.type === 'case.transfer_requested' && typeof e.data.toOfficeId === 'string')
      out.push({
        kind: 'TRANSFER_IN',
        audience: { officeId: e.data.toOfficeId, role: 'SUPERVISOR' },
        eventSeq: e.seq,
      });
    else if (e.type === 'referral.declined')
      out.push({ kind: 'PARTNER_DECLINED', audience: assigneeOrSupervisors, eventSeq: e.seq });
    else if (e.type === 'escalation.opened' && e.data.kind === 'PARTNER_SILENT' && e.data.level === 1)
      out.push({
        kind: 'PARTNER_SILENT',
        audience: assigneeOrSupervisors,
        eventSeq: e.seq,
        ...(typeof e.data.escalationId === 'string' ? { escalationId: e.data.escalationId } : {}),
      });
  }
  // the case passed to someone who did not take it themselves (a reassignment, a handover); not at registration
  const last = events.at(-1);
  if (
    assigneeBefore !== undefined &&
    assigneeAfter &&
    assigneeAfter !== assigneeBefore &&
    last &&
    !events.some((e) => e.actor.userId === assigneeAfter)
  ) {
    out.push({ kind: 'ASSIGNED', audience: { userId: assigneeAfter }, eventSeq: last.seq });
  }
  return out;
}
