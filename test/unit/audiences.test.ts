// Who hears of what a transition did beyond its deadlines (issue 18): derived from the transition's events.
import { derivedAlerts } from '../../src/notifications/audiences';
import type { CaseEventDraft } from '../../workflows/types';

const OFFICE = 'o1111111-1111-4111-8111-111111111111';
const OTHER = 'o2222222-2222-4222-8222-222222222222';
const CW = 'u1111111-1111-4111-8111-111111111111';
const CW2 = 'u2222222-2222-4222-8222-222222222222';
const SPV = 'u3333333-3333-4333-8333-333333333333';

function event(
  seq: number,
  type: string,
  data: Record<string, unknown> = {},
  userId: string | null = null,
): CaseEventDraft {
  return {
    seq,
    type,
    actor: { userId, role: userId ? 'SUPERVISOR' : 'SYSTEM' },
    step: 'REFERRAL',
    occurredAt: '2026-12-07T01:00:00.000Z',
    data,
  };
}

const supervisors = { officeId: OFFICE, role: 'SUPERVISOR' };

describe('derivedAlerts', () => {
  it('should tell the supervisors of an approval waiting: a referral, a closure, a shelter extension', () => {
    for (const type of ['referral.approval_requested', 'closure.proposed', 'shelter.extension_requested']) {
      expect(
        derivedAlerts({ events: [event(7, type, {}, CW)], officeId: OFFICE, assigneeBefore: CW, assigneeAfter: CW }),
      ).toEqual([{ kind: 'APPROVAL_WAITING', audience: supervisors, eventSeq: 7 }]);
    }
  });

  it('should tell the receiving office’s supervisors of a case handed over to it', () => {
    expect(
      derivedAlerts({
        events: [event(9, 'case.transfer_requested', { toOfficeId: OTHER }, SPV)],
        officeId: OFFICE,
        assigneeBefore: CW,
        assigneeAfter: CW,
      }),
    ).toEqual([{ kind: 'TRANSFER_IN', audience: { officeId: OTHER, role: 'SUPERVISOR' }, eventSeq: 9 }]);
  });

  it('should tell the assignee of a partner’s decline and of its silence (level 1 only), the supervisors when nobody carries the case', () => {
    const declined = event(11, 'referral.declined', { referralId: 'r1' });
    const silent = event(12, 'escalation.opened', { escalationId: 'e1', level: 1, kind: 'PARTNER_SILENT' });
    const silentL2 = event(13, 'escalation.opened', { escalationId: 'e2', level: 2, kind: 'PARTNER_SILENT' });
    const late = event(14, 'escalation.opened', { escalationId: 'e3', level: 1, kind: 'STEP' });
    expect(
      derivedAlerts({
        events: [declined, silent, silentL2, late],
        officeId: OFFICE,
        assigneeBefore: CW,
        assigneeAfter: CW,
      }),
    ).toEqual([
      { kind: 'PARTNER_DECLINED', audience: { userId: CW }, eventSeq: 11 },
      { kind: 'PARTNER_SILENT', audience: { userId: CW }, eventSeq: 12, escalationId: 'e1' },
    ]);
    expect(derivedAlerts({ events: [declined], officeId: OFFICE, assigneeBefore: null, assigneeAfter: null })).toEqual([
      { kind: 'PARTNER_DECLINED', audience: supervisors, eventSeq: 11 },
    ]);
  });

  it('should tell a new assignee who did not take the case themselves, and nobody at registration or on a take-over', () => {
    const reassigned = event(20, 'escalation.resolved', { resolution: 'REASSIGN', assigneeId: CW2 }, SPV);
    expect(derivedAlerts({ events: [reassigned], officeId: OFFICE, assigneeBefore: CW, assigneeAfter: CW2 })).toEqual([
      { kind: 'ASSIGNED', audience: { userId: CW2 }, eventSeq: 20 },
    ]);
    // the supervisor took it over: they know
    const takenOver = event(21, 'escalation.resolved', { resolution: 'TAKE_OVER' }, SPV);
    expect(derivedAlerts({ events: [takenOver], officeId: OFFICE, assigneeBefore: CW, assigneeAfter: SPV })).toEqual(
      [],
    );
    // registration: the registering caseworker carries the case
    expect(
      derivedAlerts({
        events: [event(1, 'case.registered', {}, CW)],
        officeId: OFFICE,
        assigneeBefore: undefined,
        assigneeAfter: CW,
      }),
    ).toEqual([]);
    // no change, or nobody now
    expect(derivedAlerts({ events: [reassigned], officeId: OFFICE, assigneeBefore: CW2, assigneeAfter: CW2 })).toEqual(
      [],
    );
    expect(derivedAlerts({ events: [reassigned], officeId: OFFICE, assigneeBefore: CW, assigneeAfter: null })).toEqual(
      [],
    );
  });
});
