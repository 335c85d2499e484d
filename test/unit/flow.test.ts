// The handover between offices and early closure in the machine alone: what a case started before the change
// (its patches off) still does, and what the kernel refuses an actor of another office.
import { CaseMachine } from '../../workflows/case/machine';
import { ALL_PATCHES, type ProcessPatch } from '../../workflows/case/patches';
import { initialCaseState } from '../../workflows/case/state';
import { createCalendar, DEFAULT_SLA_POLICY } from '../../workflows/definition';
import type { StaffActor } from '../../workflows/types';

const now = Date.parse('2026-11-23T01:00:00Z'); // a Monday
const cw: StaffActor = { userId: 'u1', role: 'CASEWORKER', officeId: 'palu' };
const spvHome: StaffActor = { userId: 'u2', role: 'SUPERVISOR', officeId: 'makassar' };

function machine(off: ProcessPatch[] = []): CaseMachine {
  let ids = 0;
  const m = new CaseMachine(
    initialCaseState({
      caseId: 'c',
      officeId: 'palu',
      category: 'DEPORTEE',
      arrivedAt: now,
      registeredAt: now,
      policy: DEFAULT_SLA_POLICY,
      calendar: createCalendar([]),
      slaTimeScale: 1,
    }),
    {
      now: () => now,
      newId: () => `id-${++ids}`,
      patches: { ...ALL_PATCHES, ...Object.fromEntries(off.map((p) => [p, false])) },
    },
  );
  m.registered(cw, now);
  return m;
}

describe('a case started before the handover and early closure', () => {
  it('should neither list nor take a transfer', () => {
    const m = machine(['office-transfer']);
    expect(m.allowedActions('CASEWORKER')).not.toContain('transfer-case');
    expect(m.reasonNotAllowed({ type: 'transfer-case', payload: { toOfficeId: 'makassar' }, actor: cw })).toBe(
      'this case runs without handovers',
    );
    // and does not check the actor's office, as before
    expect(m.reasonNotAllowed({ type: 'complete-registration', payload: {}, actor: spvHome })).toBeNull();
  });

  it('should propose a closure only at CLOSURE, whatever reason code a payload names', () => {
    const m = machine(['early-closure']);
    expect(m.allowedActions('CASEWORKER')).not.toContain('propose-closure');
    expect(m.reasonNotAllowed({ type: 'propose-closure', payload: { reasonCode: 'DIED' }, actor: cw })).toBe(
      'propose-closure is not possible at step REGISTRATION',
    );
  });
});

describe('a case started after them', () => {
  it('should list propose-closure at every open step and refuse a reason that does not fit', () => {
    const m = machine();
    expect(m.allowedActions('CASEWORKER')).toContain('propose-closure');
    expect(m.reasonNotAllowed({ type: 'propose-closure', payload: { reasonCode: 'DIED' }, actor: cw })).toBeNull();
    expect(m.reasonNotAllowed({ type: 'propose-closure', payload: {}, actor: cw })).toBe(
      'a case closes as COMPLETED only at step CLOSURE',
    );
  });

  it('should let another office only decide on a handover to it', () => {
    const m = machine();
    expect(m.reasonNotAllowed({ type: 'complete-registration', payload: {}, actor: spvHome })).toBe(
      'the case belongs to another office',
    );
    expect(m.reasonNotAllowed({ type: 'accept-transfer', payload: {}, actor: spvHome })).toBe('no transfer is pending');
    m.apply({ type: 'transfer-case', payload: { toOfficeId: 'makassar' }, actor: cw });
    expect(m.reasonNotAllowed({ type: 'accept-transfer', payload: {}, actor: spvHome })).toBeNull();
    m.apply({ type: 'accept-transfer', payload: {}, actor: spvHome });
    expect(m.state).toMatchObject({ officeId: 'makassar', offices: ['palu', 'makassar'], transfer: null });
    expect(m.reasonNotAllowed({ type: 'complete-registration', payload: {}, actor: cw })).toBe(
      'the case belongs to another office',
    );
    expect(m.state.tasks.map((t) => [t.kind, t.officeId, t.assigneeId])).toEqual([['STEP', 'makassar', null]]);
  });

  it("should escalate a handover not decided by its deadline, and end the escalation with the receiving office's answer", () => {
    let at = now;
    const m = new CaseMachine(
      initialCaseState({
        caseId: 'c',
        officeId: 'palu',
        category: 'TPPO_VICTIM', // HIGH until screened: 24 h for the approval
        arrivedAt: now,
        registeredAt: now,
        policy: DEFAULT_SLA_POLICY,
        calendar: createCalendar([]),
        slaTimeScale: 1,
      }),
      {
        now: () => at,
        newId: (() => {
          let n = 0;
          return () => `id-${++n}`;
        })(),
        patches: ALL_PATCHES,
      },
    );
    m.registered(cw, now);
    m.apply({ type: 'transfer-case', payload: { toOfficeId: 'makassar' }, actor: cw });
    const clock = m.state.clocks.find((c) => c.kind === 'TRANSFER_APPROVAL')!;
    expect(clock.dueAt - clock.startedAt).toBe(24 * 3600_000);
    m.takeEffects();
    at = clock.dueAt + 1;
    m.onTimers();
    const opened = m.state.escalations.find((e) => e.kind === 'TRANSFER_APPROVAL' && e.status === 'OPEN')!;
    expect(opened).toMatchObject({ clockId: clock.id });
    const fx = m.takeEffects();
    expect(fx.events.filter((e) => e.data.kind === 'TRANSFER_APPROVAL').map((e) => e.type)).toEqual(
      expect.arrayContaining(['sla.reminder', 'sla.breached', 'escalation.opened']),
    );
    m.apply({ type: 'return-transfer', payload: { reason: 'bukan wilayah kami' }, actor: spvHome });
    expect(opened).toMatchObject({ status: 'RESOLVED', resolution: 'TRANSFER_DECIDED' });
    expect(m.state.clocks.some((c) => c.kind === 'TRANSFER_APPROVAL')).toBe(false);
    expect(m.state.tasks.some((t) => t.kind === 'APPROVAL')).toBe(false);
  });
});
