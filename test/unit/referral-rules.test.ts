import { PROFILE_FIELD_NAMES, profileOf, recipientView } from '../../src/partners/notification-payload';
import { CaseMachine } from '../../workflows/case/machine';
import { ALL_PATCHES } from '../../workflows/case/patches';
import { isTerminal, initialCaseState, type CaseState } from '../../workflows/case/state';
import {
  createCalendar,
  DEFAULT_SLA_POLICY,
  type ActionPayload,
  type ActionType,
  type CaseCategory,
  type Role,
} from '../../workflows/definition';
import type { CaseAction, StaffActor } from '../../workflows/types';

const DAY = 24 * 3600_000;
const STAFF: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'HEAD'];
const actorOf = (role: Role): StaffActor => ({ userId: `user-${role.toLowerCase()}`, role });
const cw = actorOf('CASEWORKER');
const sv = actorOf('SUPERVISOR');

let clock = Date.parse('2026-11-23T01:00:00Z'); // a Monday
let ids = 0;
const deps = () => ({ now: () => clock, newId: () => `id-${++ids}`, patches: ALL_PATCHES });

function newCase(category: CaseCategory = 'DEPORTEE', childByBirth = false): CaseMachine {
  const m = new CaseMachine(
    initialCaseState({
      caseId: 'c',
      officeId: 'o',
      category,
      arrivedAt: clock,
      registeredAt: clock,
      policy: DEFAULT_SLA_POLICY,
      calendar: createCalendar([]),
      slaTimeScale: 1,
      childByBirth,
    }),
    deps(),
  );
  m.registered(cw, clock);
  return m;
}

// A payload the workflow accepts for each action, built from the case as it is: what a console would fill in.
type Payloads = { [K in ActionType]?: (m: CaseMachine, role: Role) => ActionPayload<K> };
const usableConsent = (m: CaseMachine) => {
  const busy = new Set(m.state.referrals.filter((r) => !isTerminal(r.status)).map((r) => r.agencyId));
  return m.state.consents.find(
    (c) => !c.withdrawnAt && Date.parse(c.expiresAt) > clock && !busy.has(c.recipientAgencyId),
  );
};
const PAYLOADS: Payloads = {
  'complete-registration': () => ({}),
  'complete-screening': () => ({ indicators: [], flags: {} }),
  'record-emergency-care': () => ({}),
  'file-tppo-report': () => ({ reportedTo: ['POLICE'] }),
  'record-consent': (m) => ({
    givenBy: m.isChild ? 'GUARDIAN' : 'SELF',
    ...(m.isChild ? { guardian: { name: 'Wali', relationship: 'ibu' } } : {}),
    method: 'WRITTEN',
    purpose: 'REFERRAL',
    recipientAgencyId: `agency-${++ids}`,
    dataCategories: [],
    expiresAt: new Date(clock + 90 * DAY).toISOString(),
  }),
  'send-referral': (m) => {
    const c = usableConsent(m);
    return c
      ? { agencyId: c.recipientAgencyId, services: ['SHELTER'], legalBasis: 'CONSENT', consentId: c.id }
      : { agencyId: `agency-${++ids}`, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' };
  },
  'start-shelter': () => ({}),
  'request-shelter-extension': () => ({ days: 1, reason: 'belum ada keluarga' }),
  'approve-shelter-extension': () => ({}),
  'complete-assessment': () => ({ plan: {} }),
  'start-rehabilitation': () => ({}),
  'record-rehabilitation-review': () => ({}),
  'complete-rehabilitation': () => ({}),
  'record-refusal': () => ({ signedBy: 'SELF' }),
  'record-handover': () => ({ handedTo: 'FAMILY' }),
  'enrol-reintegration': () => ({}),
  'record-follow-up': () => ({ reached: true }),
  'change-risk-tier': (m) => ({ riskTier: m.effectiveTier === 'HIGH' ? 'MEDIUM' : 'HIGH', reason: 'ditinjau' }),
  // the normal end at CLOSURE; before it, an early closure (another branch's rule: any open step)
  'propose-closure': (m) => (m.state.step === 'CLOSURE' ? {} : { reasonCode: 'DIED' }),
  'approve-closure': () => ({}),
  'reject-closure': () => ({}),
  reopen: () => ({ reason: 'minta bantuan lagi' }),
  'withdraw-consent': (m) => ({ consentId: m.state.consents.find((c) => !c.withdrawnAt)!.id, reason: 'ditarik' }),
  'review-referral': (m) => ({
    referralId: m.state.referrals.find((r) => r.legalBasis === 'VITAL_INTEREST' && !r.review)!.id,
    outcome: 'UPHELD',
    noteId: 'note',
  }),
  'add-note': () => ({ noteId: 'note' }),
  'transfer-case': () => ({ toOfficeId: 'office-home-region' }),
  'accept-transfer': () => ({}),
  'return-transfer': () => ({ reason: 'bukan wilayah kami' }),
  'reject-shelter-extension': () => ({ reason: 'keluarga sudah siap menjemput' }),
  'record-arrival-home': () => ({}),
  'record-fit-to-travel': () => ({}),
  'approve-referral': (m) => ({ referralId: m.state.referrals.find((r) => r.status === 'PENDING_APPROVAL')!.id }),
  'approve-tppo-report': () => ({}),
  'reject-referral': (m) => ({
    referralId: m.state.referrals.find((r) => r.status === 'PENDING_APPROVAL')!.id,
    reason: 'pilih lembaga lain',
  }),
};

// Rule 2 of issue 16: every action allowedActions lists for a role is one the machine accepts from that role now,
// given a valid payload. Each is tried on a copy of the case.
function expectExact(m: CaseMachine, where: string): void {
  for (const role of STAFF) {
    for (const type of m.allowedActions(role)) {
      const make = PAYLOADS[type] as ((m: CaseMachine, role: Role) => unknown) | undefined;
      if (!make) throw new Error(`no payload for ${type}: add one to PAYLOADS`);
      const copy = new CaseMachine(JSON.parse(JSON.stringify(m.state)) as CaseState, deps());
      const action = { type, payload: make(copy, role), actor: actorOf(role) } as CaseAction;
      let refused: unknown = null;
      try {
        copy.apply(action);
      } catch (err) {
        refused = err;
      }
      expect({ where, role, type, refused: refused && (refused as Error).message }).toEqual({
        where,
        role,
        type,
        refused: null,
      });
    }
  }
}

// Drives a case through a scenario, checking allowedActions at every state it passes.
function walk(m: CaseMachine, name: string, steps: ((m: CaseMachine) => void)[]): CaseMachine {
  expectExact(m, `${name} #0`);
  steps.forEach((step, i) => {
    step(m);
    m.takeEffects();
    expectExact(m, `${name} #${i + 1} (${m.state.step})`);
  });
  return m;
}

const act =
  <K extends ActionType>(type: K, actor: StaffActor = cw, payload?: ActionPayload<K>) =>
  (m: CaseMachine) =>
    m.apply({
      type,
      actor,
      payload: payload ?? (PAYLOADS[type] as (m: CaseMachine, r: Role) => never)(m, actor.role),
    } as CaseAction);
const partner = (status: 'ACKNOWLEDGED' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED') => (m: CaseMachine) => {
  const r = m.state.referrals.find((x) => !isTerminal(x.status) && x.status !== 'PENDING_APPROVAL')!;
  m.onReferral({ kind: 'STATUS', referralId: r.id, status, actor: { userId: 'p', role: 'PARTNER' } });
};
const later = (ms: number) => (m: CaseMachine) => {
  clock += ms;
  m.onTimers();
};

describe('allowedActions is exact (issue 16, rule 2)', () => {
  it('should accept every action it lists, for every staff role, along a LOW case to closure and reopening', () => {
    const m = walk(newCase(), 'low', [
      act('complete-registration'),
      act('complete-screening'),
      act('record-consent'),
      act('send-referral'),
      partner('DECLINED'),
      act('send-referral'),
      partner('ACKNOWLEDGED'),
      later(3 * DAY),
      partner('ACCEPTED'),
      act('complete-assessment'),
      act('record-handover'),
      act('record-follow-up'),
      act('record-follow-up'),
      act('propose-closure'),
      act('reject-closure', sv),
      act('propose-closure'),
      act('approve-closure', sv),
      act('reopen', sv),
    ]);
    expect(m.state.status).toBe('OPEN');
  });

  it('should accept every action it lists along a HIGH trafficking case with shelter and rehabilitation', () => {
    walk(newCase('TPPO_VICTIM'), 'high', [
      act('complete-registration'),
      (m) =>
        m.apply({
          type: 'complete-screening',
          actor: cw,
          payload: { indicators: ['DECEPTION'], flags: { medical: true, needsShelter: true } },
        }),
      act('record-emergency-care'),
      act('file-tppo-report'),
      act('approve-tppo-report', sv),
      act('send-referral', sv),
      act('review-referral', sv),
      partner('ACCEPTED'),
      act('start-shelter'),
      act('request-shelter-extension'),
      act('approve-shelter-extension', sv),
      act('complete-assessment', cw, { plan: { rehabilitation: true } }),
      act('start-rehabilitation'),
      act('record-rehabilitation-review'),
      act('complete-rehabilitation'),
    ]);
  });

  it('should list send-referral for a caseworker only where a referral would be accepted', () => {
    const m = walk(newCase(), 'consent', [act('complete-registration'), act('complete-screening')]);
    expect(m.state.tier).toBe('LOW');
    // no consent, not HIGH: nothing a caseworker could send
    expect(m.allowedActions('CASEWORKER')).not.toContain('send-referral');
    act('record-consent')(m);
    expect(m.allowedActions('CASEWORKER')).toContain('send-referral');
    // a caseworker cannot lower a HIGH tier: change-risk-tier is not listed for them there, it is for a supervisor
    act('change-risk-tier', cw, { riskTier: 'HIGH', reason: 'ditinjau' })(m);
    expect(m.allowedActions('CASEWORKER')).not.toContain('change-risk-tier');
    expect(m.allowedActions('SUPERVISOR')).toContain('change-risk-tier');
  });
});

describe('a referral for a child or without consent waits for a supervisor (issue 16, rule 1)', () => {
  const child = () => {
    const m = newCase('DEPORTEE', true);
    act('complete-registration')(m);
    act('complete-screening')(m);
    act('record-consent')(m);
    m.takeEffects();
    return m;
  };

  it('should hold a caseworker’s referral for a child as PENDING_APPROVAL with an approval task and clock', () => {
    const m = child();
    act('send-referral')(m);
    const fx = m.takeEffects();
    const r = m.state.referrals[0]!;
    expect(r.status).toBe('PENDING_APPROVAL');
    expect(fx.startReferrals).toEqual([]);
    expect(fx.notifications).toEqual([]);
    expect(fx.events.map((e) => e.type)).toEqual(['referral.approval_requested']);
    expect(fx.tasks).toEqual([expect.objectContaining({ kind: 'APPROVAL', role: 'SUPERVISOR', status: 'OPEN' })]);
    const approval = m.state.clocks.find((c) => c.kind === 'REFERRAL_APPROVAL')!;
    expect(approval.dueAt - approval.startedAt).toBe(4 * 3600_000); // a child is HIGH: 4 h
    expect(m.state.clocks.some((c) => c.kind === 'STEP')).toBe(false);
    expect(m.allowedActions('CASEWORKER')).not.toContain('approve-referral');
    expect(m.allowedActions('SUPERVISOR')).toEqual(expect.arrayContaining(['approve-referral', 'reject-referral']));
    expect(m.allowedActions('HEAD')).toEqual(expect.arrayContaining(['approve-referral', 'reject-referral']));
    expect(() => act('approve-referral', cw, { referralId: r.id })(m)).toThrow('needs the role');
  });

  it('should escalate an approval left waiting: level 1 at 4 h, level 2 at 8 h', () => {
    const m = child();
    act('send-referral')(m);
    m.takeEffects();
    later(4 * 3600_000 + 1)(m);
    expect(m.state.escalations.map((e) => [e.level, e.kind])).toEqual([[1, 'REFERRAL_APPROVAL']]);
    later(4 * 3600_000)(m);
    expect(m.state.escalations.filter((e) => e.status === 'OPEN').map((e) => e.level)).toEqual([2]);
  });

  it('should send it on approval: the referral workflow starts, the partner is told, the task and escalation close', () => {
    const m = child();
    act('send-referral')(m);
    later(5 * 3600_000)(m);
    m.takeEffects();
    const r = m.state.referrals[0]!;
    act('approve-referral', sv, { referralId: r.id })(m);
    const fx = m.takeEffects();
    expect(r.status).toBe('SENT');
    expect(r.sentAt).toBe(new Date(clock).toISOString());
    expect(fx.startReferrals.map((x) => x.id)).toEqual([r.id]);
    expect(fx.notifications.map((n) => n.type)).toEqual(['referral.sent']);
    expect(fx.events.map((e) => e.type)).toEqual(['referral.approved', 'referral.sent']);
    expect(m.state.tasks.filter((t) => t.kind === 'APPROVAL')).toEqual([]);
    expect(m.state.escalations.filter((e) => e.status === 'OPEN')).toEqual([]);
    expect(m.state.clocks.some((c) => c.kind === 'REFERRAL_APPROVAL')).toBe(false);
  });

  it('should return it on rejection: the caseworker’s referral clock runs again and nothing reaches the partner', () => {
    const m = child();
    act('send-referral')(m);
    m.takeEffects();
    const r = m.state.referrals[0]!;
    expect(() => act('reject-referral', sv, { referralId: r.id, reason: ' ' })(m)).toThrow('needs a reason');
    act('reject-referral', sv, { referralId: r.id, reason: 'pilih UPTD PPA kabupaten asal' })(m);
    const fx = m.takeEffects();
    expect(r).toMatchObject({ status: 'REJECTED', reason: 'pilih UPTD PPA kabupaten asal' });
    expect(fx.startReferrals).toEqual([]);
    expect(fx.notifications).toEqual([]);
    expect(fx.events.map((e) => e.type)).toEqual(['referral.rejected', 'referral.agency_needed']);
    expect(m.state.clocks.map((c) => c.kind)).toEqual(['STEP']);
    // the caseworker may send to that agency again
    expect(m.allowedActions('CASEWORKER')).toContain('send-referral');
  });

  it('should let a supervisor send a child’s referral directly, and hold a caseworker’s vital-interest one', () => {
    const m = child();
    act('send-referral', sv)(m);
    expect(m.state.referrals[0]!.status).toBe('SENT');
    const adult = walk(newCase('TPPO_VICTIM'), 'vital', [
      act('complete-registration'),
      act('complete-screening', cw, { indicators: ['DECEPTION'], flags: {} }),
      act('file-tppo-report', sv),
      act('send-referral', cw, { agencyId: 'a', services: ['MEDICAL'], legalBasis: 'VITAL_INTEREST' }),
    ]);
    const r = adult.state.referrals[0]!;
    expect(r.status).toBe('PENDING_APPROVAL');
    // not reviewed before it is sent; the approval sends it and opens the 24 h review as for a supervisor's own
    expect(adult.allowedActions('SUPERVISOR')).not.toContain('review-referral');
    act('approve-referral', sv, { referralId: r.id })(adult);
    expect(adult.state.tasks.map((t) => t.kind)).toContain('SUPERVISOR_REVIEW');
  });

  it('should refuse it as before in a case started before the change', () => {
    const m = new CaseMachine(JSON.parse(JSON.stringify(child().state)) as CaseState, {
      ...deps(),
      patches: { ...ALL_PATCHES, 'referral-approval': false },
    });
    expect(() => act('send-referral')(m)).toThrow('a referral for a child needs a supervisor');
    expect(m.allowedActions('CASEWORKER')).not.toContain('send-referral');
  });
});

describe('the fields a partner may be sent (issue 16, rule 8)', () => {
  const profile = profileOf({ age: 34, sex: 'F', disability: 'tunanetra', safety_notes: 'agen masih mencari' });

  it('should send disability and safety notes only where the allow-list names them and the consent covers them', () => {
    const allowed = ['age', 'disability', 'safetyNotes'];
    const consent = (dataCategories: string[]) => ({ id: 'k', dataCategories });
    expect(recipientView({ profile, allowedFields: allowed, consent: consent(['HEALTH']) }).returnee).toEqual({
      age: 34,
      disability: 'tunanetra',
    });
    expect(recipientView({ profile, allowedFields: allowed, consent: consent(['HEALTH', 'SAFETY']) }).returnee).toEqual(
      { age: 34, disability: 'tunanetra', safetyNotes: 'agen masih mencari' },
    );
    // named by the consent but not by the agency's allow-list: not sent; without a consent: the minimum only
    expect(recipientView({ profile, allowedFields: ['age'], consent: consent(['HEALTH', 'SAFETY']) }).returnee).toEqual(
      { age: 34 },
    );
    expect(recipientView({ profile, allowedFields: allowed, consent: null }).returnee).toEqual({ age: 34 });
    expect(PROFILE_FIELD_NAMES).toEqual(expect.arrayContaining(['disability', 'safetyNotes']));
  });
});

describe('the TPPO report by caseworker and supervisor, and its 7-day service clock (issue 16, rule 6)', () => {
  const atReport = () => {
    const m = newCase('TPPO_VICTIM');
    act('complete-registration')(m);
    act('complete-screening', cw, { indicators: ['DECEPTION'], flags: {} })(m);
    m.takeEffects();
    expect(m.state.step).toBe('TPPO_REPORT');
    return m;
  };

  it('should hold a caseworker’s report until a supervisor confirms it; only then tppo.identified goes out', () => {
    const m = atReport();
    act('file-tppo-report')(m);
    let fx = m.takeEffects();
    expect(m.state.step).toBe('TPPO_REPORT');
    expect(fx.notifications).toEqual([]);
    expect(fx.tasks).toEqual([expect.objectContaining({ kind: 'APPROVAL', role: 'SUPERVISOR' })]);
    expect(m.allowedActions('CASEWORKER')).not.toContain('file-tppo-report');
    expect(m.allowedActions('SUPERVISOR')).toContain('approve-tppo-report');
    expect(() => act('approve-tppo-report', cw)(m)).toThrow('needs the role');
    act('approve-tppo-report', actorOf('HEAD'))(m);
    fx = m.takeEffects();
    expect(fx.notifications.map((n) => n.type)).toEqual(['tppo.identified']);
    expect(fx.events.find((e) => e.type === 'tppo.reported')?.data).toMatchObject({ reportedTo: ['POLICE'] });
    expect(m.state.step).toBe('REFERRAL');
    const service = m.state.clocks.find((c) => c.kind === 'TPPO_SERVICE')!;
    expect(service.dueAt - service.startedAt).toBe(7 * DAY);
  });

  it('should breach the service clock at 7 days and escalate to level 2 at 14, unless a partner accepted a referral', () => {
    const m = atReport();
    act('file-tppo-report', sv)(m);
    const late = new CaseMachine(JSON.parse(JSON.stringify(m.state)) as CaseState, deps());
    const service = () => late.state.escalations.filter((e) => e.kind === 'TPPO_SERVICE');
    later(7 * DAY - 3600_000)(late);
    expect(service()).toEqual([]);
    // past 7 days (at level 2 at once if the case breached before: its referral step did)
    later(3600_000 + 1)(late);
    expect(service()).toHaveLength(1);
    expect(late.state.escalations.find((e) => e.kind === 'TPPO_SERVICE')!.reason).toContain('Pasal 52');
    later(7 * DAY)(late);
    expect(late.state.escalations.filter((e) => e.status === 'OPEN' && e.kind === 'TPPO_SERVICE')).toEqual([
      expect.objectContaining({ level: 2 }),
    ]);
    // a service started on day 3: the clock is met
    const sent = act('send-referral', sv, { agencyId: 'a', services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' });
    clock += 3 * DAY;
    sent(m);
    partner('ACCEPTED')(m);
    expect(m.state.clocks.some((c) => c.kind === 'TPPO_SERVICE')).toBe(false);
    later(10 * DAY)(m);
    expect(m.state.escalations.filter((e) => e.kind === 'TPPO_SERVICE')).toEqual([]);
  });
});
