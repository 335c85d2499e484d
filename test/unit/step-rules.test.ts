// Rules 3, 9, 10, 11 and 12 of issue 16, on the pure case machine: who hears of a deadline, the tier re-check at a
// step's completion, the shelter's limits, the handover's count from arrival home or fit-to-travel, and the year of
// reintegration from the return date. The workflow and e2e tests run the same rules on the real servers.
import { CaseMachine } from '../../workflows/case/machine';
import { ALL_PATCHES, type ProcessPatch } from '../../workflows/case/patches';
import { initialCaseState } from '../../workflows/case/state';
import {
  createCalendar,
  DEFAULT_SLA_POLICY,
  oneYearAfter,
  type CaseCategory,
  type SlaPolicy,
} from '../../workflows/definition';
import type { CaseAction, StaffActor } from '../../workflows/types';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const cw: StaffActor = { userId: 'cw', role: 'CASEWORKER' };
const spv: StaffActor = { userId: 'spv', role: 'SUPERVISOR' };

let now = Date.parse('2026-11-23T01:00:00Z'); // a Monday
let ids = 0;

function machine(
  o: {
    off?: ProcessPatch[];
    category?: CaseCategory;
    childByBirth?: boolean;
    policy?: SlaPolicy;
    holidays?: string[];
  } = {},
): CaseMachine {
  const m = new CaseMachine(
    initialCaseState({
      caseId: 'case',
      officeId: 'office',
      category: o.category ?? 'DEPORTEE',
      arrivedAt: now,
      registeredAt: now,
      policy: o.policy ?? DEFAULT_SLA_POLICY,
      calendar: createCalendar((o.holidays ?? []).map((date) => ({ date }))),
      slaTimeScale: 1,
      ...(o.childByBirth === undefined ? {} : { childByBirth: o.childByBirth }),
    }),
    {
      now: () => now,
      newId: () => `id-${++ids}`,
      patches: { ...ALL_PATCHES, ...Object.fromEntries((o.off ?? []).map((p) => [p, false])) },
    },
  );
  m.registered(cw, now);
  m.takeEffects();
  return m;
}

const act = (m: CaseMachine, type: CaseAction['type'], payload: Record<string, unknown> = {}, actor = cw) =>
  m.apply({ type, payload, actor } as CaseAction);

function at(m: CaseMachine, time: number) {
  now = time;
  m.onTimers();
  return m.takeEffects();
}

describe('rule 3: who hears of a deadline', () => {
  it('should remind the assignee at 50 % and 80 %, tell the supervisors of a breach and level 1, the head of level 2', () => {
    const m = machine();
    const start = now;
    const fx = at(m, start + 8.1 * HOUR); // REGISTRATION, MEDIUM: 4 h
    const seqOf = (type: string, level?: number) =>
      fx.events.find((e) => e.type === type && (level === undefined || e.data.level === level))!.seq;
    expect(fx.alerts).toEqual([
      { kind: 'REMINDER_50', audience: { userId: 'cw' }, eventSeq: fx.events[0]!.seq },
      { kind: 'REMINDER_80', audience: { userId: 'cw' }, eventSeq: fx.events[1]!.seq },
      { kind: 'BREACH', audience: { officeId: 'office', role: 'SUPERVISOR' }, eventSeq: seqOf('sla.breached') },
      {
        kind: 'ESCALATION_1',
        audience: { officeId: 'office', role: 'SUPERVISOR' },
        eventSeq: seqOf('escalation.opened', 1),
        escalationId: expect.any(String),
      },
      {
        kind: 'ESCALATION_2',
        audience: { officeId: 'office', role: 'HEAD' },
        eventSeq: seqOf('escalation.opened', 2),
        escalationId: expect.any(String),
      },
    ]);
    // a MEDIUM deportee is neither TPPO nor HIGH: no task force, no webhook to it
    expect(fx.notifications.map((n) => n.type)).not.toContain('case.escalated');
  });

  it('should remind the supervisors when nobody carries the case', () => {
    const m = machine();
    m.assign(null);
    m.takeEffects();
    const fx = at(m, now + 2.1 * HOUR);
    expect(fx.alerts).toEqual([
      { kind: 'REMINDER_50', audience: { officeId: 'office', role: 'SUPERVISOR' }, eventSeq: fx.events[0]!.seq },
    ]);
  });

  it('should take level 2 of a TPPO case to the task force, and of a late referral to the partner head', () => {
    const m = machine({ category: 'TPPO_VICTIM' });
    m.state.referrals.push({
      id: 'ref-1',
      agencyId: 'agency-1',
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: 'c',
      status: 'SENT',
      sentAt: new Date(now).toISOString(),
      reason: null,
    });
    m.openEscalation(2, 'ref-1', 'PARTNER_SILENT', 'the partner did not answer');
    const fx = m.takeEffects();
    const seq = fx.events.find((e) => e.type === 'escalation.opened')!.seq;
    expect(fx.alerts!.map((a) => [a.kind, a.audience, a.eventSeq])).toEqual([
      ['ESCALATION_2', { officeId: 'office', role: 'HEAD' }, seq],
      ['ESCALATION_2', { agencyId: 'agency-1', partnerHead: true }, seq],
      ['ESCALATION_2', { taskForceOf: 'office' }, seq],
    ]);
    const escalated = fx.notifications.find((n) => n.type === 'case.escalated')!;
    expect(escalated).toEqual({
      type: 'case.escalated',
      agencyId: null,
      eventSeq: seq,
      data: { escalationId: expect.any(String), level: 2, kind: 'PARTNER_SILENT', step: 'REGISTRATION' },
    });
    expect(fx.notifications.map((n) => n.type)).toEqual(['referral.escalated', 'case.escalated']);
  });

  it('should name no recipients in a run from before the change', () => {
    const m = machine({ off: ['alert-recipients'], category: 'TPPO_VICTIM' });
    const fx = at(m, now + 3 * HOUR); // HIGH: 1 h, past 200 %
    expect(fx.events.map((e) => e.type)).toContain('escalation.opened');
    expect(fx.alerts).toEqual([]);
    expect(fx.notifications.map((n) => n.type)).not.toContain('case.escalated');
  });
});

describe('rule 9: the tier is re-checked as each step completes', () => {
  it('should raise a child by date of birth to HIGH when the registration completes, with the reason', () => {
    const m = machine({ childByBirth: true });
    act(m, 'complete-registration');
    const fx = m.takeEffects();
    expect(fx.events.map((e) => e.type)).toEqual([
      'registration.completed',
      'risk_tier.changed',
      'step.completed',
      'step.started',
    ]);
    expect(fx.events[1]).toMatchObject({
      actor: { userId: null, role: 'SYSTEM' },
      data: { from: 'MEDIUM', to: 'HIGH', reason: 're-check at step completion' },
    });
    // the screening is due on HIGH's 1 h, not MEDIUM's 3 h
    expect(m.dueAt()).toBe(now + HOUR);
  });

  it("should not raise in a run from before the change, nor undo a supervisor's lowering, nor ever lower", () => {
    const old = machine({ off: ['tier-recheck-at-step'], childByBirth: true });
    act(old, 'complete-registration');
    expect(old.takeEffects().events.map((e) => e.type)).not.toContain('risk_tier.changed');

    const m = machine();
    act(m, 'complete-registration');
    act(m, 'complete-screening', { indicators: [], flags: { illness: true }, riskTier: 'LOW' }, spv);
    expect(m.snapshot().riskTier).toBe('LOW');
    m.state.step = 'ASSESSMENT';
    act(m, 'complete-assessment', { plan: {} });
    expect(m.snapshot().riskTier).toBe('LOW');

    // found since: a child by date of birth (without the person-update path): raised at the next completion
    m.state.childByBirth = true;
    m.takeEffects();
    act(m, 'record-handover', { handedTo: 'FAMILY' });
    expect(m.takeEffects().events.find((e) => e.type === 'risk_tier.changed')?.data).toEqual({
      from: 'LOW',
      to: 'HIGH',
      reason: 're-check at step completion',
    });

    // a caseworker who set HIGH above the findings is never lowered by a re-check
    const high = machine();
    act(high, 'complete-registration');
    act(high, 'complete-screening', { indicators: [], flags: {}, riskTier: 'HIGH' });
    high.state.step = 'ASSESSMENT';
    act(high, 'complete-assessment', { plan: {} });
    expect(high.snapshot().riskTier).toBe('HIGH');
  });
});

describe('rule 10: shelter', () => {
  function inShelter(o: Parameters<typeof machine>[0] = {}) {
    const m = machine(o);
    m.state.step = 'SHELTER';
    m.state.tier = 'MEDIUM';
    m.dropClocks(() => true);
    m.enterStep('SHELTER', now);
    return m;
  }

  it('should give the stay 7 days apart from the placing deadline, extendable to 14 days in all', () => {
    // a province that gives 2 days to place the returnee
    const policy: SlaPolicy = {
      version: 'test-placing-2d',
      deadlines: {
        ...DEFAULT_SLA_POLICY.deadlines,
        SHELTER: {
          HIGH: { amount: 2, unit: 'calendarDays' },
          MEDIUM: { amount: 2, unit: 'calendarDays' },
          LOW: { amount: 2, unit: 'calendarDays' },
        },
      },
    };
    const m = inShelter({ policy });
    expect(m.dueAt()).toBe(now + 2 * DAY);
    act(m, 'start-shelter');
    expect(m.state.shelter!.until).toBe(now + 7 * DAY);
    expect(
      m.reasonNotAllowed({ type: 'request-shelter-extension', payload: { days: 8, reason: 'r' }, actor: cw }),
    ).toBe('a shelter stay lasts at most 14 days in all (7 more days left)');
    act(m, 'request-shelter-extension', { days: 5, reason: 'keluarga belum ditemukan' });
    act(m, 'approve-shelter-extension', {}, spv);
    expect(m.state.shelter!.until).toBe(now + 12 * DAY);
    expect(
      m.reasonNotAllowed({ type: 'request-shelter-extension', payload: { days: 3, reason: 'r' }, actor: cw }),
    ).toMatch(/2 more days left/);
    expect(m.allowedActions('CASEWORKER')).toContain('request-shelter-extension');
    act(m, 'request-shelter-extension', { days: 2, reason: 'r' });
    act(m, 'approve-shelter-extension', {}, spv);
    expect(m.state.shelter!.until).toBe(now + 14 * DAY);
    expect(m.allowedActions('CASEWORKER')).not.toContain('request-shelter-extension');
  });

  it('should keep the 14 extra days (21 in all) of a run from before the change', () => {
    const m = inShelter({ off: ['shelter-14-days-in-all'] });
    act(m, 'start-shelter');
    expect(
      m.reasonNotAllowed({ type: 'request-shelter-extension', payload: { days: 14, reason: 'r' }, actor: cw }),
    ).toBeNull();
  });

  it('should let a supervisor refuse the extension: the stay ends as set, and the caseworker may ask again', () => {
    const m = inShelter();
    act(m, 'start-shelter');
    const until = m.state.shelter!.until;
    expect(m.reasonNotAllowed({ type: 'reject-shelter-extension', payload: { reason: 'r' }, actor: spv })).toBe(
      'no shelter extension is waiting for approval',
    );
    act(m, 'request-shelter-extension', { days: 7, reason: 'r' });
    expect(m.allowedActions('SUPERVISOR')).toEqual(
      expect.arrayContaining(['approve-shelter-extension', 'reject-shelter-extension']),
    );
    expect(m.allowedActions('CASEWORKER')).not.toContain('reject-shelter-extension');
    m.takeEffects();
    act(m, 'reject-shelter-extension', { reason: 'keluarga sudah siap menjemput' }, spv);
    const fx = m.takeEffects();
    expect(fx.events.map((e) => [e.type, e.data.days])).toEqual([['shelter.extension_rejected', 7]]);
    expect(fx.tasks.map((t) => [t.kind, t.status])).toEqual([['APPROVAL', 'DONE']]);
    expect(m.state.shelter).toMatchObject({ until, extendedDays: 0, pendingExtensionDays: null });
    expect(m.allowedActions('CASEWORKER')).toContain('request-shelter-extension');
  });
});

describe('rule 11: the handover counts from arrival home (HIGH) or fit-to-travel (MEDIUM)', () => {
  function atHandover(tier: 'HIGH' | 'MEDIUM' | 'LOW', o: Parameters<typeof machine>[0] = {}) {
    const m = machine(o);
    m.state.tier = tier;
    m.state.step = 'RETURN_HANDOVER';
    m.dropClocks(() => true);
    m.enterStep('RETURN_HANDOVER', now);
    m.takeEffects();
    return m;
  }

  it('should count a HIGH handover 24 h from arrival home, settling a breach of the count before it', () => {
    const start = now;
    const m = atHandover('HIGH');
    at(m, start + 30 * HOUR); // breached (24 h from the step's start)
    expect(m.escalationLevel()).toBe(1);
    const arrived = start + 29 * HOUR;
    act(m, 'record-arrival-home', { at: new Date(arrived).toISOString() });
    expect(m.dueAt()).toBe(arrived + 24 * HOUR);
    expect(m.escalationLevel()).toBe(0);
    expect(m.takeEffects().events.map((e) => e.type)).toContain('return.arrived_home');
    // fit-to-travel says nothing of a HIGH deadline
    act(m, 'record-fit-to-travel');
    expect(m.dueAt()).toBe(arrived + 24 * HOUR);
    expect(
      m.reasonNotAllowed({
        type: 'record-arrival-home',
        payload: { at: new Date(now + HOUR).toISOString() },
        actor: cw,
      }),
    ).toBe('payload.at must not be in the future');
  });

  it('should count a MEDIUM handover 3 working days from fit-to-travel, past a weekend and a holiday', () => {
    const m = atHandover('MEDIUM', { holidays: ['2026-11-30'] });
    // Friday 27 November 2026, 10:00 WITA; Monday 30 November a holiday: 1, 2, 3 December
    const fit = Date.parse('2026-11-27T02:00:00Z');
    now = Date.parse('2026-11-27T05:00:00Z');
    act(m, 'record-fit-to-travel', { at: new Date(fit).toISOString() });
    expect(new Date(m.dueAt()!).toISOString()).toBe('2026-12-03T02:00:00.000Z');
    // arrival home leaves a MEDIUM deadline as it is
    act(m, 'record-arrival-home');
    expect(new Date(m.dueAt()!).toISOString()).toBe('2026-12-03T02:00:00.000Z');
  });

  it('should leave LOW at 7 days from the step, and a run from before the change as it was', () => {
    const start = now;
    const low = atHandover('LOW');
    const lowDue = low.dueAt();
    act(low, 'record-arrival-home');
    act(low, 'record-fit-to-travel');
    expect(low.dueAt()).toBe(lowDue);
    const old = atHandover('HIGH', { off: ['handover-from-arrival'] });
    now = start + 10 * HOUR;
    act(old, 'record-arrival-home');
    expect(old.dueAt()).toBe(start + 24 * HOUR);
  });
});

describe('rule 12: reintegration within one year of the return date', () => {
  it('should count LOW from arrival home, to the same date a year later (366 days across 29 February)', () => {
    now = Date.parse('2027-03-03T02:00:00Z');
    const m = machine();
    m.state.tier = 'LOW';
    m.state.reintegrationPlanned = true;
    m.state.step = 'RETURN_HANDOVER';
    m.dropClocks(() => true);
    m.enterStep('RETURN_HANDOVER', now);
    const arrived = now - 2 * DAY;
    act(m, 'record-arrival-home', { at: new Date(arrived).toISOString() });
    now += 3 * DAY;
    act(m, 'record-handover', { handedTo: 'FAMILY' });
    expect(m.snapshot().currentStep).toBe('REINTEGRATION');
    const clock = m.state.clocks.find((c) => c.kind === 'STEP')!;
    expect(clock.startedAt).toBe(arrived);
    expect(new Date(clock.dueAt).toISOString()).toBe('2028-03-01T02:00:00.000Z');
    expect(clock.dueAt - arrived).toBe(366 * DAY);
  });

  it('should count from the handover without an arrival recorded, and 365 days from the step before the change', () => {
    now = Date.parse('2026-05-04T02:00:00Z');
    for (const off of [[], ['reintegration-from-return']] as ProcessPatch[][]) {
      const m = machine({ off });
      m.state.tier = 'LOW';
      m.state.reintegrationPlanned = true;
      m.state.step = 'RETURN_HANDOVER';
      m.dropClocks(() => true);
      m.enterStep('RETURN_HANDOVER', now);
      act(m, 'record-handover', { handedTo: 'KEMENSOS' });
      expect(m.dueAt()).toBe(now + 365 * DAY);
    }
  });

  it('should end a year on 28 February when it starts on 29 February', () => {
    expect(new Date(oneYearAfter(Date.parse('2028-02-29T10:00:00Z'))).toISOString()).toBe('2029-02-28T10:00:00.000Z');
    expect(oneYearAfter(0, 0.001)).toBe(Math.round(365 * DAY * 0.001));
  });
});
