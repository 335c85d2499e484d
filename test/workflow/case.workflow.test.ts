import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import {
  createCalendar,
  deadlineFor,
  DEFAULT_SLA_POLICY,
  type ActionType,
  type RiskTier,
} from '../../workflows/definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  performActionUpdate,
  personUpdatedUpdate,
  referralAnswerUpdate,
  resolveEscalationUpdate,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  referralWorkflowId,
  type CaseAction,
  type CaseEventDraft,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const holidays = JSON.parse(
  readFileSync(resolve(__dirname, '../../src/database/seed-data/holidays-id-2026.json'), 'utf8'),
) as { holidays: { date: string }[] };
const calendar = createCalendar(holidays.holidays);

const caseworker: StaffActor = { userId: '11111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const supervisor: StaffActor = { userId: '22222222-2222-4222-8222-222222222222', role: 'SUPERVISOR' };
const head: StaffActor = { userId: '33333333-3333-4333-8333-333333333333', role: 'HEAD' };
const partner: StaffActor = { userId: '44444444-4444-4444-8444-444444444444', role: 'PARTNER' };
const UPTD_PPA = '55555555-5555-4555-8555-555555555555';
const HOSPITAL = '66666666-6666-4666-8666-666666666666';

// What the fake activities saw: every event written, in order, with the (skipped) time it was written at.
type Written = {
  events: (CaseEventDraft & { writtenAt: number })[];
  referralWrites: { status: string; at: number }[];
  notifications: string[];
};

function fakeActivities(env: TestWorkflowEnvironment, written: Written): CaseActivities {
  return {
    async applyCaseEffects(args) {
      const at = await env.currentTimeMs();
      for (const e of args.effects.events) written.events.push({ ...e, writtenAt: at });
      for (const n of args.effects.notifications) written.notifications.push(n.type);
      return { caseNumber: 'TEST-2026-000001' };
    },
    async recordReferral(args) {
      written.referralWrites.push({ status: args.referral.status, at: await env.currentTimeMs() });
    },
    async queueNotifications(args) {
      for (const n of args.items) written.notifications.push(n.type);
    },
    async resendReferralNotice() {},
  };
}

jest.setTimeout(45000);

describe('caseWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    // The test server skips time whenever nothing runs. Lock it, so that time moves only in env.sleep() and a
    // test's timing is exactly what it says.
    await env.connection.testService!.lockTimeSkipping({});
  });
  afterAll(async () => {
    await env?.connection.testService!.unlockTimeSkipping({});
    await env?.teardown();
  });

  // A worker on a task queue of its own for each test, shut down by runUntil whatever the test does.
  async function withCase(
    overrides: Partial<CaseWorkflowInput> & { record?: string },
    fn: (c: {
      handle: WorkflowHandle;
      written: Written;
      act: Act;
      snapshot: () => Promise<CaseSnapshot>;
      startedAt: number;
    }) => Promise<void>,
  ): Promise<void> {
    const taskQueue = `case-wf-${randomUUID()}`;
    const written: Written = { events: [], referralWrites: [], notifications: [] };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: fakeActivities(env, written),
    });
    await worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const input: CaseWorkflowInput = {
        caseId: randomUUID(),
        officeId: randomUUID(),
        personId: randomUUID(),
        category: 'DEPORTEE',
        arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: new Date(startedAt).toISOString(), fromCountry: 'MY' },
        policyVersion: DEFAULT_SLA_POLICY.version,
        policy: DEFAULT_SLA_POLICY,
        calendar,
        slaTimeScale: 1,
        registeredBy: { userId: caseworker.userId, role: 'CASEWORKER' },
        registeredAt: new Date(startedAt).toISOString(),
        ...overrides,
      };
      delete (input as { record?: string }).record;
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
      });
      await handle.executeUpdate(awaitRegistrationUpdate);
      // loose on purpose: a test may send what the API would refuse, to see what the workflow itself does with it
      const act: Act = (type, payload = {}, actor = caseworker) =>
        handle.executeUpdate(performActionUpdate, { args: [{ type, payload, actor } as CaseAction] });
      try {
        await fn({ handle, written, act, snapshot: () => handle.query(caseSnapshotQuery), startedAt });
        if (overrides.record) await recordHistory(overrides.record, handle.workflowId);
      } catch (err) {
        if (process.env.DEBUG_WF) {
          const d = await handle.describe();
          const h = await handle.fetchHistory();
          console.log(
            d.status.name,
            JSON.stringify(h.events![0], null, 1).slice(0, 2500),
            JSON.stringify(h.events!.slice(-1), null, 1).slice(0, 1500),
          );
        }
        throw err;
      } finally {
        await handle.terminate().catch(() => undefined);
      }
    });
  }

  // RECORD_HISTORIES=1 saves the history of a finished scenario for the replay test (replay.test.ts), which keeps
  // every later change of the workflow code deterministic against it.
  async function recordHistory(name: string, workflowId: string): Promise<void> {
    if (!process.env.RECORD_HISTORIES) return;
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    mkdirSync(HISTORIES, { recursive: true });
    writeFileSync(join(HISTORIES, `${name}.json`), JSON.stringify(history));
  }

  type Act = (type: ActionType, payload?: Record<string, unknown>, actor?: StaffActor) => Promise<CaseSnapshot>;

  const types = (w: Written) => w.events.map((e) => e.type);

  async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function consentAndRefer(act: Act, agencyId: string, actor: StaffActor = caseworker): Promise<string> {
    const withConsent = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: agencyId,
      dataCategories: ['IDENTITY', 'HEALTH'],
      expiresAt: new Date((await env.currentTimeMs()) + 90 * DAY).toISOString(),
    });
    const consentId = withConsent.consents.find((c) => c.recipientAgencyId === agencyId)!.id;
    const sent = await act(
      'send-referral',
      { agencyId, services: ['SHELTER', 'COUNSELLING'], legalBasis: 'CONSENT', consentId },
      actor,
    );
    return sent.referrals.find((r) => r.agencyId === agencyId && r.status === 'SENT')!.id;
  }

  async function answer(
    referralId: string,
    a: { type: 'acknowledge' | 'accept' | 'complete' } | { type: 'decline' | 'revoke'; reason: string },
    actor = partner,
  ) {
    return env.client.workflow
      .getHandle(referralWorkflowId(referralId))
      .executeUpdate(referralAnswerUpdate, { args: [{ ...a, actor } as never] });
  }

  async function rejection(p: Promise<unknown>): Promise<{ message: string; type?: string; details?: unknown[] }> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as { message: string; type?: string; details?: unknown[] };
      return { message: cause.message, type: cause.type, details: cause.details };
    }
    throw new Error('the update was not rejected');
  }

  it('should take a HIGH trafficking case through every step to closure', async () => {
    await withCase({ category: 'TPPO_VICTIM', record: 'case-high-full' }, async ({ act, written, snapshot }) => {
      expect((await snapshot()).currentStep).toBe('REGISTRATION');
      await act('complete-registration');
      const screened = await act('complete-screening', {
        indicators: ['DECEPTION', 'CONFISCATED_DOCUMENTS'],
        flags: { medical: true, safety: true },
      });
      expect(screened.riskTier).toBe('HIGH');
      expect(screened.currentStep).toBe('EMERGENCY_CARE');
      expect((await act('record-emergency-care', { facilityKind: 'HOSPITAL' })).currentStep).toBe('TPPO_REPORT');
      // the caseworker files it, a supervisor confirms it (issue 16)
      expect((await act('file-tppo-report', { reportedTo: ['POLICE', 'TASK_FORCE'] })).currentStep).toBe('TPPO_REPORT');
      expect((await act('approve-tppo-report', {}, supervisor)).currentStep).toBe('REFERRAL');
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'acknowledge' });
      await answer(referralId, { type: 'accept' });
      await eventually(async () => (await snapshot()).currentStep === 'SHELTER');
      expect((await act('start-shelter', { shelterKind: 'RUMAH_AMAN' })).currentStep).toBe('ASSESSMENT');
      expect(
        (
          await act('complete-assessment', {
            plan: { rehabilitation: true, reintegration: true, services: ['PSYCHOSOCIAL'] },
          })
        ).currentStep,
      ).toBe('REHABILITATION');
      await act('start-rehabilitation');
      await act('record-rehabilitation-review');
      expect((await act('complete-rehabilitation')).currentStep).toBe('RETURN_HANDOVER');
      expect((await act('record-handover', { handedTo: 'FAMILY' })).currentStep).toBe('REINTEGRATION');
      const monitoring = await act('enrol-reintegration', { programme: 'DESMIGRATIF' });
      expect(monitoring.currentStep).toBe('MONITORING');
      for (let i = 0; i < 9; i += 1) await act('record-follow-up', { reached: true });
      const closing = await snapshot();
      expect(closing.currentStep).toBe('CLOSURE');
      await act('propose-closure', { reason: 'plan completed' });
      const closed = await act('approve-closure', {}, supervisor);
      expect(closed.status).toBe('CLOSED');
      expect(closed.openTasks).toEqual([]);

      const t = types(written);
      expect(t[0]).toBe('case.registered');
      expect(t).toEqual(
        expect.arrayContaining([
          'screening.completed',
          'tppo.reported',
          'referral.sent',
          'referral.acknowledged',
          'referral.accepted',
          'shelter.started',
          'rehabilitation.started',
          'handover.completed',
          'closure.proposed',
          'case.closed',
        ]),
      );
      expect(written.events.map((e) => e.seq)).toEqual(written.events.map((_, i) => i + 1));
      expect(written.notifications).toEqual(
        expect.arrayContaining([
          'tppo.identified',
          'referral.sent',
          'arrival.notice',
          'handover.completed',
          'case.closed',
        ]),
      );
      expect(written.events.filter((e) => e.type === 'escalation.opened')).toEqual([]);
    });
  });

  it.each<[RiskTier, Record<string, boolean>, string[]]>([
    [
      'MEDIUM',
      { elderly: true },
      [
        'REGISTRATION',
        'SCREENING',
        'REFERRAL',
        'ASSESSMENT',
        'REHABILITATION',
        'RETURN_HANDOVER',
        'REINTEGRATION',
        'MONITORING',
        'CLOSURE',
      ],
    ],
    ['LOW', {}, ['REGISTRATION', 'SCREENING', 'REFERRAL', 'ASSESSMENT', 'RETURN_HANDOVER', 'MONITORING', 'CLOSURE']],
  ])('should take a %s case through the steps that apply to it', async (tier, flags, path) => {
    await withCase({ record: `case-${tier.toLowerCase()}-full` }, async ({ act, handle }) => {
      const steps = [(await handle.query(caseSnapshotQuery)).currentStep as string];
      const record = (s: CaseSnapshot) => {
        if (steps[steps.length - 1] !== s.currentStep) steps.push(s.currentStep);
      };
      record(await act('complete-registration'));
      const screened = await act('complete-screening', { indicators: [], flags });
      expect(screened.riskTier).toBe(tier);
      record(screened);
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'accept' });
      await eventually(async () => (await handle.query(caseSnapshotQuery)).currentStep !== 'REFERRAL');
      record(await handle.query(caseSnapshotQuery));
      record(await act('complete-assessment', { plan: {} }));
      if (tier === 'MEDIUM') {
        await act('start-rehabilitation');
        record(await act('complete-rehabilitation'));
      }
      record(await act('record-handover', { handedTo: 'FAMILY' }));
      if (tier === 'MEDIUM') record(await act('enrol-reintegration', {}));
      let s = await handle.query(caseSnapshotQuery);
      while (s.currentStep === 'MONITORING') s = await act('record-follow-up', { reached: true });
      record(s);
      expect(steps).toEqual(path);
    });
  });

  it('should reject an action that is not allowed now, naming the allowed ones, and leave no trace', async () => {
    await withCase({}, async ({ act, handle, written }) => {
      const updateEvents = async () =>
        (await handle.fetchHistory()).events!.filter((e) => String(e.eventType).includes('UPDATE')).length;
      const before = await updateEvents();
      const r = await rejection(act('complete-screening', { indicators: [], flags: {} }));
      expect(r.type).toBe('ACTION_NOT_ALLOWED');
      expect(r.message).toContain('not possible at step REGISTRATION');
      expect(r.details?.[0]).toEqual(expect.arrayContaining(['complete-registration', 'record-consent']));
      const wrongRole = await rejection(act('approve-closure', {}, caseworker));
      expect(wrongRole.message).toContain('needs the role SUPERVISOR or HEAD');
      // no Update was accepted (the dev-server e2e test also checks the history did not grow at all)
      expect(await updateEvents()).toBe(before);
      expect(types(written)).toEqual(['case.registered', 'step.started']);
    });
  });

  it('should let only a supervisor set a tier lower than the screening gives', async () => {
    await withCase({}, async ({ act }) => {
      await act('complete-registration');
      const r = await rejection(act('complete-screening', { indicators: ['VIOLENCE'], flags: {}, riskTier: 'LOW' }));
      expect(r.message).toContain('only a supervisor may set a lower tier');
      const s = await act(
        'complete-screening',
        { indicators: ['VIOLENCE'], flags: {}, riskTier: 'MEDIUM' },
        supervisor,
      );
      expect(s.riskTier).toBe('MEDIUM');
      expect((await rejection(act('change-risk-tier', { riskTier: 'LOW', reason: 'x' }))).message).toContain(
        'only a supervisor may lower',
      );
      expect((await act('change-risk-tier', { riskTier: 'HIGH', reason: 'threat from a recruiter' })).riskTier).toBe(
        'HIGH',
      );
    });
  });

  it('should remind at 50 % and 80 %, open a level-1 escalation at 100 % and level 2 at 200 %', async () => {
    await withCase({}, async ({ written, snapshot, startedAt }) => {
      // MEDIUM registration: 4 h
      await env.sleep(4.5 * HOUR);
      await eventually(() => types(written).includes('escalation.opened'));
      const reminders = written.events.filter((e) => e.type === 'sla.reminder');
      expect(reminders.map((e) => e.data.percent)).toEqual([50, 80]);
      expect(reminders[0]!.writtenAt - startedAt).toBeGreaterThanOrEqual(2 * HOUR);
      expect(reminders[0]!.writtenAt - startedAt).toBeLessThan(3.2 * HOUR);
      const breach = written.events.find((e) => e.type === 'sla.breached')!;
      expect(breach.writtenAt - startedAt).toBeGreaterThanOrEqual(4 * HOUR);
      let s = await snapshot();
      expect(s.slaState).toBe('OVERDUE');
      expect(s.escalationLevel).toBe(1);
      expect(s.openEscalations[0]).toMatchObject({ level: 1, assignedRole: 'SUPERVISOR', kind: 'STEP' });

      await env.sleep(4 * HOUR);
      await eventually(async () => (await snapshot()).escalationLevel === 2);
      s = await snapshot();
      expect(s.openEscalations).toHaveLength(1);
      expect(s.openEscalations[0]).toMatchObject({ level: 2, assignedRole: 'HEAD' });
      const level2 = written.events.filter((e) => e.type === 'escalation.opened').pop()!;
      expect(level2.writtenAt - startedAt).toBeGreaterThanOrEqual(8 * HOUR);
    });
  });

  it('should open a second breach on the same case at level 2 straight away', async () => {
    await withCase({}, async ({ act, snapshot }) => {
      await env.sleep(4.1 * HOUR); // registration breached: level 1
      await eventually(async () => (await snapshot()).escalationLevel === 1);
      await act('complete-registration'); // the step's escalation is settled with it
      expect((await snapshot()).escalationLevel).toBe(0);
      await env.sleep(3.1 * HOUR); // MEDIUM screening: 3 h, the case's second breach
      await eventually(async () => (await snapshot()).escalationLevel === 2);
    });
  });

  it.each(['REASSIGN', 'EXTEND', 'TAKE_OVER', 'ACKNOWLEDGE'] as const)(
    'should resolve a level-1 escalation by %s',
    async (resolution) => {
      await withCase(
        { record: `case-escalation-${resolution.toLowerCase()}` },
        async ({ handle, written, snapshot }) => {
          await env.sleep(4.1 * HOUR);
          await eventually(async () => (await snapshot()).escalationLevel === 1);
          const escalation = (await snapshot()).openEscalations[0]!;
          const now = await env.currentTimeMs();
          const newAssignee = '77777777-7777-4777-8777-777777777777';
          const resolved = await handle.executeUpdate(resolveEscalationUpdate, {
            args: [
              {
                escalationId: escalation.id,
                resolution,
                reason: 'handled by phone',
                actor: supervisor,
                ...(resolution === 'REASSIGN' ? { assigneeId: newAssignee } : {}),
                ...(resolution === 'EXTEND' ? { newDueAt: new Date(now + 2 * HOUR).toISOString() } : {}),
              },
            ],
          });
          expect(resolved.openEscalations).toEqual([]);
          expect(resolved.escalationLevel).toBe(0);
          if (resolution === 'REASSIGN') expect(resolved.assigneeId).toBe(newAssignee);
          if (resolution === 'TAKE_OVER') expect(resolved.assigneeId).toBe(supervisor.userId);
          if (resolution === 'EXTEND') {
            expect(resolved.dueAt).toBe(new Date(now + 2 * HOUR).toISOString());
            expect(resolved.slaState).toBe('ON_TIME');
            // the re-armed clock reminds again and breaches again at the new deadline
            const breachesBefore = written.events.filter((e) => e.type === 'sla.breached').length;
            await env.sleep(2.2 * HOUR);
            await eventually(
              () => written.events.filter((e) => e.type === 'sla.breached').length === breachesBefore + 1,
            );
          }
          expect(written.events.find((e) => e.type === 'escalation.resolved')!.data).toMatchObject({ resolution });
        },
      );
    },
  );

  it('should refuse an EXTEND without a future due time, and a level-2 resolution by a supervisor', async () => {
    await withCase({}, async ({ handle, snapshot }) => {
      await env.sleep(8.5 * HOUR);
      await eventually(async () => (await snapshot()).escalationLevel === 2);
      const e = (await snapshot()).openEscalations[0]!;
      const byIdUnknown = await rejection(
        handle.executeUpdate(resolveEscalationUpdate, {
          args: [{ escalationId: randomUUID(), resolution: 'ACKNOWLEDGE', actor: head }],
        }),
      );
      expect(byIdUnknown.message).toContain('no open escalation');
      const bySupervisor = await rejection(
        handle.executeUpdate(resolveEscalationUpdate, {
          args: [{ escalationId: e.id, resolution: 'ACKNOWLEDGE', actor: supervisor }],
        }),
      );
      expect(bySupervisor.message).toContain('resolved by the head');
      const past = await rejection(
        handle.executeUpdate(resolveEscalationUpdate, {
          args: [
            { escalationId: e.id, resolution: 'EXTEND', newDueAt: new Date(0).toISOString(), reason: 'x', actor: head },
          ],
        }),
      );
      expect(past.message).toContain('newDueAt in the future');
      const ok = await handle.executeUpdate(resolveEscalationUpdate, {
        args: [{ escalationId: e.id, resolution: 'ACKNOWLEDGE', actor: head }],
      });
      expect(ok.escalationLevel).toBe(0);
    });
  });

  it('should bring the case back to choosing an agency on a decline, and run two referrals in parallel', async () => {
    await withCase({ record: 'case-decline-revoke-rereferral' }, async ({ act, written, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: { distress: true } });
      const first = await consentAndRefer(act, UPTD_PPA);
      const second = await consentAndRefer(act, HOSPITAL);
      expect((await snapshot()).referrals.map((r) => r.status)).toEqual(['SENT', 'SENT']);
      const declineWithoutReason = await rejection(answer(first, { type: 'decline', reason: ' ' }));
      expect(declineWithoutReason.message).toContain('needs a reason');
      await answer(first, { type: 'decline', reason: 'no capacity' });
      await eventually(async () => (await snapshot()).referrals[0]!.status === 'DECLINED');
      // the hospital referral is still under way: no new agency needed yet
      expect(types(written)).not.toContain('referral.agency_needed');
      await answer(second, { type: 'revoke', reason: 'returnee moved' }, caseworker);
      await eventually(() => types(written).includes('referral.agency_needed'));
      let s = await snapshot();
      expect(s.currentStep).toBe('REFERRAL');
      expect(s.allowedActions.CASEWORKER).toContain('send-referral');
      expect(s.clocks.some((c) => c.kind === 'STEP' && c.step === 'REFERRAL')).toBe(true);
      expect(written.notifications).toContain('referral.revoked');
      const again = await consentAndRefer(act, UPTD_PPA);
      await answer(again, { type: 'accept' });
      await eventually(async () => (await snapshot()).currentStep === 'ASSESSMENT');
      s = await snapshot();
      expect(s.referrals.map((r) => r.status)).toEqual(['DECLINED', 'REVOKED', 'ACCEPTED']);
      // a revoked referral's workflow has ended: nothing can move it any more
      await expect(answer(second, { type: 'accept' })).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await recordHistory('referral-declined', referralWorkflowId(first));
      await recordHistory('referral-revoked', referralWorkflowId(second));
    });
  });

  it('should re-notify a silent partner, open a contact-partner task and escalate, then level 2', async () => {
    await withCase({ category: 'TPPO_VICTIM', record: 'case-partner-silent' }, async ({ act, written, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: { pregnant: true } });
      const referralId = await consentAndRefer(act, UPTD_PPA);
      // HIGH: the partner acknowledges within 2 h
      await env.sleep(2.2 * HOUR);
      await eventually(async () => (await snapshot()).openEscalations.some((e) => e.kind === 'PARTNER_SILENT'));
      let s = await snapshot();
      expect(written.notifications).toContain('referral.reminder');
      expect(s.openTasks.some((t) => t.kind === 'CONTACT_PARTNER')).toBe(true);
      expect(s.openEscalations.find((e) => e.kind === 'PARTNER_SILENT')).toMatchObject({ level: 1 });
      await env.sleep(2 * HOUR);
      await eventually(async () =>
        (await snapshot()).openEscalations.some((e) => e.kind === 'PARTNER_SILENT' && e.level === 2),
      );
      // the supervisor may now revoke and refer elsewhere
      await answer(referralId, { type: 'revoke', reason: 'partner unreachable' }, supervisor);
      await eventually(async () => (await snapshot()).openEscalations.every((e) => e.kind !== 'PARTNER_SILENT'));
      s = await snapshot();
      expect(s.openTasks.some((t) => t.kind === 'CONTACT_PARTNER')).toBe(false);
    });
  });

  it('should refuse a referral without a valid consent, and open a 24 h review for a vital-interest referral', async () => {
    await withCase({ category: 'TPPO_VICTIM' }, async ({ act, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: ['CONFINEMENT'], flags: {} });
      await act('file-tppo-report', { reportedTo: ['POLICE'] }, supervisor);
      const noConsent = await rejection(
        act('send-referral', {
          agencyId: UPTD_PPA,
          services: ['SHELTER'],
          legalBasis: 'CONSENT',
          consentId: randomUUID(),
        }),
      );
      expect(noConsent.message).toContain('no consent with that id');
      // a caseworker's waits for a supervisor's approval (issue 16); this one the supervisor sends back
      const vitalByCaseworker = (
        await act('send-referral', { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' })
      ).referrals[0]!;
      expect(vitalByCaseworker.status).toBe('PENDING_APPROVAL');
      await act('reject-referral', { referralId: vitalByCaseworker.id, reason: 'kirim sendiri' }, supervisor);
      const s = await act(
        'send-referral',
        { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
        supervisor,
      );
      const review = s.clocks.find((c) => c.kind === 'SUPERVISOR_REVIEW')!;
      expect(review.dueAt - review.startedAt).toBe(24 * HOUR);
      expect(s.openTasks.some((t) => t.kind === 'SUPERVISOR_REVIEW' && t.role === 'SUPERVISOR')).toBe(true);
      await env.sleep(25 * HOUR);
      await eventually(async () =>
        (await snapshot()).openEscalations.some((e) => e.kind === 'SUPERVISOR_REVIEW_OVERDUE'),
      );
      // the supervisor records the review, late: its task, clock and escalation are done, once
      const referralId = s.referrals.find((r) => r.status === 'SENT')!.id;
      expect(
        (await rejection(act('review-referral', { referralId, outcome: 'UPHELD', notes: 'checked' }))).message,
      ).toContain('SUPERVISOR');
      const reviewed = await act('review-referral', { referralId, outcome: 'UPHELD', notes: 'checked' }, supervisor);
      expect(reviewed.openTasks.some((t) => t.kind === 'SUPERVISOR_REVIEW')).toBe(false);
      expect(reviewed.clocks.some((c) => c.kind === 'SUPERVISOR_REVIEW')).toBe(false);
      expect(reviewed.openEscalations.some((e) => e.kind === 'SUPERVISOR_REVIEW_OVERDUE')).toBe(false);
      expect(reviewed.referrals.find((r) => r.id === referralId)).toMatchObject({
        status: 'SENT',
        review: { outcome: 'UPHELD' },
      });
      expect(
        (await rejection(act('review-referral', { referralId, outcome: 'UPHELD', notes: 'again' }, supervisor)))
          .message,
      ).toContain('already been reviewed');
    });
  });

  it('should close the review of a vital-interest referral the partner declined, and keep the notes from the partner', async () => {
    await withCase({ category: 'TPPO_VICTIM' }, async ({ act, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: ['CONFINEMENT'], flags: {} });
      await act('file-tppo-report', { reportedTo: ['POLICE'] }, supervisor);
      const sent = await act(
        'send-referral',
        { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
        supervisor,
      );
      const referralId = sent.referrals[0]!.id;
      await answer(referralId, { type: 'decline', reason: 'no bed' });
      // the decline drops the review's clock; the task waits for the supervisor
      await eventually(async () => (await snapshot()).referrals[0]!.status === 'DECLINED');
      const declined = await snapshot();
      expect(declined.clocks.some((c) => c.kind === 'SUPERVISOR_REVIEW')).toBe(false);
      expect(declined.openTasks.some((t) => t.kind === 'SUPERVISOR_REVIEW')).toBe(true);
      expect(
        (await rejection(act('review-referral', { referralId, outcome: 'REVOKED', notes: 'x' }, supervisor))).message,
      ).toContain('declined already');
      const reviewed = await act(
        'review-referral',
        { referralId, outcome: 'UPHELD', notes: 'unconscious on arrival' },
        supervisor,
      );
      expect(reviewed.openTasks.some((t) => t.kind === 'SUPERVISOR_REVIEW')).toBe(false);
      expect(reviewed.referrals[0]!.review).toMatchObject({ outcome: 'UPHELD' });
    });
  });

  it('should move a signed refusal on to return and monitoring with no escalation', async () => {
    await withCase({}, async ({ act, written }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: { illness: true } });
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'accept' });
      await new Promise((r) => setTimeout(r, 300));
      await act('complete-assessment', { plan: { rehabilitation: true } });
      const refused = await act('record-refusal', { signedBy: 'FAMILY' });
      expect(refused.currentStep).toBe('RETURN_HANDOVER');
      const handed = await act('record-handover', { handedTo: 'FAMILY' });
      expect(handed.currentStep).toBe('MONITORING');
      expect(types(written)).toContain('rehabilitation.refused');
      expect(types(written)).not.toContain('escalation.opened');
    });
  });

  it('should reject a closure, then approve it, then reopen the case', async () => {
    await withCase({ record: 'case-closure-reopen' }, async ({ act, handle }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: {} });
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'accept' });
      await new Promise((r) => setTimeout(r, 300));
      await act('complete-assessment', { plan: {} });
      await act('record-handover', { handedTo: 'FAMILY' });
      await act('record-follow-up', { reached: true });
      const atClosure = await act('record-follow-up', { reached: true });
      expect(atClosure.currentStep).toBe('CLOSURE');
      expect((await rejection(act('approve-closure', {}, supervisor))).message).toContain(
        'closure has not been proposed',
      );
      await act('propose-closure', { reason: 'done' });
      const rejected = await act('reject-closure', { reason: 'follow-up notes missing' }, supervisor);
      expect(rejected.status).toBe('OPEN');
      expect(rejected.allowedActions.CASEWORKER).toContain('propose-closure');
      await act('propose-closure', { reason: 'notes added' });
      const closed = await act('approve-closure', {}, supervisor);
      expect(closed.status).toBe('CLOSED');
      expect(closed.allowedActions.SUPERVISOR).toEqual(['reopen']);
      expect((await rejection(act('reopen', { reason: 'x' }))).message).toContain('needs the role');
      const reopened = await act('reopen', { reason: 'returnee asked for help again' }, supervisor);
      expect(reopened).toMatchObject({ status: 'OPEN', currentStep: 'MONITORING' });
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
  });

  it('should breach a follow-up not recorded in its window, and escalate after three failed attempts', async () => {
    await withCase({}, async ({ act, written, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: {} }); // LOW: follow-ups at months 1 and 3
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'accept' });
      await new Promise((r) => setTimeout(r, 300));
      await act('complete-assessment', { plan: {} });
      const monitoring = await act('record-handover', { handedTo: 'FAMILY' });
      expect(monitoring.currentStep).toBe('MONITORING');
      const followUp = monitoring.clocks.find((c) => c.kind === 'FOLLOW_UP')!;
      expect(followUp.dueAt - followUp.startedAt).toBe(30 * DAY);
      for (let i = 0; i < 2; i += 1) await act('record-follow-up', { reached: false });
      expect(types(written)).not.toContain('escalation.opened');
      const third = await act('record-follow-up', { reached: false });
      expect(third.openEscalations.find((e) => e.kind === 'RETURNEE_UNREACHABLE')).toMatchObject({ level: 1 });
      await env.sleep(31 * DAY);
      await eventually(() => written.events.some((e) => e.type === 'sla.breached' && e.data.kind === 'FOLLOW_UP'));
      expect((await snapshot()).currentStep).toBe('MONITORING');
    });
  });

  it('should review rehabilitation every 30 days and escalate at one year from arrival', async () => {
    // arrived 300 days ago: the year limit falls 65 days into rehabilitation
    const arrivedAt = new Date((await env.currentTimeMs()) - 300 * DAY).toISOString();
    await withCase(
      { arrival: { point: 'Bandara Hasanuddin', arrivedAt, fromCountry: 'SA' } },
      async ({ act, written, snapshot }) => {
        await act('complete-registration');
        await act('complete-screening', { indicators: [], flags: { distress: true } });
        const referralId = await consentAndRefer(act, UPTD_PPA);
        await answer(referralId, { type: 'accept' });
        await new Promise((r) => setTimeout(r, 300));
        await act('complete-assessment', { plan: { rehabilitation: true } });
        const started = await act('start-rehabilitation');
        const review = started.clocks.find((c) => c.kind === 'REHAB_REVIEW')!;
        expect(review.dueAt - review.startedAt).toBe(30 * DAY);
        await env.sleep(29 * DAY);
        await act('record-rehabilitation-review');
        await env.sleep(31 * DAY);
        await eventually(() => written.events.some((e) => e.type === 'sla.breached' && e.data.kind === 'REHAB_REVIEW'));
        await act('record-rehabilitation-review');
        await env.sleep(6 * DAY);
        await eventually(async () => (await snapshot()).openEscalations.some((e) => e.kind === 'REHAB_YEAR_LIMIT'));
      },
    );
  });

  it('should recompute the deadline from the step start when the tier changes mid-step', async () => {
    await withCase({}, async ({ act, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: [], flags: { elderly: true } }); // MEDIUM
      const before = await snapshot();
      const stepClock = before.clocks.find((c) => c.kind === 'STEP')!;
      await env.sleep(1 * HOUR);
      const raised = await act('change-risk-tier', { riskTier: 'HIGH', reason: 'threat from the recruiter' });
      const after = raised.clocks.find((c) => c.kind === 'STEP')!;
      expect(after.startedAt).toBe(stepClock.startedAt);
      expect(after.dueAt - after.startedAt).toBe(24 * HOUR); // HIGH referral: 24 h from the step's start
      expect(stepClock.dueAt - stepClock.startedAt).toBeGreaterThan(24 * HOUR); // MEDIUM: 72 h on working days
    });
  });

  // All runs of a workflow id, newest first, following continue-as-new back to the first.
  async function allRuns(workflowId: string) {
    const runs = [];
    let runId: string | undefined;
    for (;;) {
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      runs.push(history);
      const previous = history.events![0]!.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
      if (!previous) return runs;
      runId = previous;
    }
  }

  it('should keep a year-long HIGH case with full monitoring bounded, continuing as new on the way', async () => {
    await withCase({ category: 'TPPO_VICTIM', continueAfterEvents: 300 }, async ({ act, handle, snapshot }) => {
      await act('complete-registration');
      await act('complete-screening', { indicators: ['DEBT_BONDAGE'], flags: { medical: true } });
      await act('record-emergency-care', {});
      await act('file-tppo-report', { reportedTo: ['POLICE', 'TASK_FORCE'] }, supervisor);
      const referralId = await consentAndRefer(act, UPTD_PPA);
      await answer(referralId, { type: 'acknowledge' });
      await answer(referralId, { type: 'accept' });
      await eventually(async () => (await snapshot()).currentStep === 'SHELTER');
      await act('start-shelter', {});
      await act('complete-assessment', { plan: { rehabilitation: true, reintegration: true } });
      await act('start-rehabilitation');
      for (let month = 0; month < 4; month += 1) {
        await env.sleep(29 * DAY);
        await act('record-rehabilitation-review');
      }
      await act('complete-rehabilitation');
      await act('record-handover', { handedTo: 'FAMILY' });
      await act('enrol-reintegration', {});
      let s = await snapshot();
      while (s.currentStep === 'MONITORING') {
        const due = s.clocks.find((c) => c.kind === 'FOLLOW_UP')!.dueAt;
        await env.sleep(Math.max(0, due - (await env.currentTimeMs()) - DAY));
        s = await act('record-follow-up', { reached: true });
      }
      await act('propose-closure', {});
      const closed = await act('approve-closure', {}, supervisor);
      expect(closed.status).toBe('CLOSED');
      // the state crossed every continue-as-new intact: one event sequence, no gaps
      expect(closed.lastEventSeq).toBeGreaterThan(60);

      const runs = await allRuns(handle.workflowId);
      const events = runs.reduce((n, h) => n + h.events!.length, 0);
      const workflowTasks = runs.reduce(
        (n, h) =>
          n +
          h.events!.filter((e) => String(e.eventType) === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED' || e.eventType === 6)
            .length,
        0,
      );
      expect(runs.length).toBeGreaterThan(1);
      expect(events).toBeLessThan(5000);
      process.stderr.write(
        `[figures] year-long HIGH case: ${runs.length} runs, ${events} history events in all, ` +
          `${workflowTasks} workflow tasks, ${closed.lastEventSeq} case events\n`,
      );
    });
    // some 4 s alone, 30 actions and 16 sleeps; a machine shared with other work gets more than the file's 45 s
  }, 120000);

  it('should count a MEDIUM deadline on working days, skipping a weekend and holidays', async () => {
    // holidays on the three days after today (WITA), so the 72 h referral deadline must cross days off whatever
    // weekday the test runs on
    const now = await env.currentTimeMs();
    const wita = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const days = [1, 2, 3].map((d) => ({ date: wita(now + d * DAY) }));
    const withHolidays = createCalendar([...holidays.holidays, ...days]);
    await withCase({ calendar: withHolidays }, async ({ act, written, snapshot }) => {
      await act('complete-registration');
      const s = await act('complete-screening', { indicators: [], flags: { elderly: true } });
      expect(s.currentStep).toBe('REFERRAL');
      const clock = s.clocks.find((c) => c.kind === 'STEP')!;
      expect(new Date(clock.dueAt)).toEqual(deadlineFor('REFERRAL', 'MEDIUM', new Date(clock.startedAt), withHolidays));
      expect(clock.dueAt - clock.startedAt).toBeGreaterThanOrEqual(72 * HOUR + 3 * DAY - 24 * HOUR);
      // no breach at 72 h of plain time...
      await env.sleep(clock.dueAt - clock.startedAt - 6 * HOUR);
      await new Promise((r) => setTimeout(r, 300));
      expect(written.events.filter((e) => e.type === 'sla.breached')).toEqual([]);
      // ...but at the working-day deadline
      await env.sleep(7 * HOUR);
      await eventually(() => written.events.some((e) => e.type === 'sla.breached'));
      const breach = written.events.find((e) => e.type === 'sla.breached')!;
      expect(breach.writtenAt).toBeGreaterThanOrEqual(clock.dueAt);
      expect((await snapshot()).slaState).toBe('OVERDUE');
    });
  });

  it('should fail an Update whose payload the machine cannot read, and leave the case as it was', async () => {
    await withCase({}, async ({ act, written, snapshot }) => {
      await act('complete-registration');
      const before = await snapshot();
      const eventsBefore = written.events.length;
      const r = await rejection(act('complete-screening', { indicators: 42 as unknown as string[], flags: {} }));
      expect(r.type).toBe('INVALID_PAYLOAD');
      expect(await snapshot()).toEqual(before);
      expect(written.events.length).toBe(eventsBefore);
      // and the case goes on
      expect((await act('complete-screening', { indicators: [], flags: {} })).currentStep).toBe('REFERRAL');
    });
  });
  // childByBirth: the API computed from the date of birth that the returnee is under 18 at arrival (here: 16).
  it('should treat a returnee under 18 by date of birth as a child with no child flag: HIGH at screening, a guardian consents, a supervisor refers', async () => {
    await withCase({ childByBirth: true, record: 'case-child-by-birth' }, async ({ act, handle, written }) => {
      await act('complete-registration');
      const screened = await act('complete-screening', { indicators: [], flags: {} });
      expect(screened.riskTier).toBe('HIGH');
      expect(written.events.find((e) => e.type === 'screening.completed')?.data).toMatchObject({
        riskTier: 'HIGH',
        computedTier: 'HIGH',
        flags: {},
      });
      const consent = {
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories: ['IDENTITY'],
        expiresAt: new Date((await env.currentTimeMs()) + 90 * DAY).toISOString(),
      };
      expect((await rejection(act('record-consent', { ...consent, givenBy: 'SELF' }))).message).toContain(
        'a parent or guardian gives consent',
      );
      const withConsent = await act('record-consent', {
        ...consent,
        givenBy: 'GUARDIAN',
        guardian: { name: 'Wa Ode Hasanah', relationship: 'ibu' },
      });
      const consentId = withConsent.consents[0]!.id;
      const referral = { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'CONSENT', consentId };
      // a caseworker's waits for a supervisor's approval (issue 16: test/workflow/referral-rules.workflow.test.ts)
      const prepared = (await act('send-referral', referral)).referrals[0]!;
      expect(prepared.status).toBe('PENDING_APPROVAL');
      const sent = await act('approve-referral', { referralId: prepared.id }, supervisor);
      expect(sent.referrals.map((r) => r.status)).toEqual(['SENT']);
      // a change of the file: the timeline names fields and change ids, never values
      const changeId = randomUUID();
      await handle.executeUpdate(personUpdatedUpdate, {
        args: [{ changeIds: [changeId], fields: ['phone'], actor: caseworker }],
      });
      expect(written.events.at(-1)).toMatchObject({
        type: 'person.updated',
        data: { fields: ['phone'], changeIds: [changeId] },
      });
    });
  });

  it('should treat an adult by date of birth as the screening says: LOW, consent of their own, a caseworker refers', async () => {
    await withCase({ childByBirth: false }, async ({ act }) => {
      await act('complete-registration');
      expect((await act('complete-screening', { indicators: [], flags: {} })).riskTier).toBe('LOW');
      const referralId = await consentAndRefer(act, UPTD_PPA);
      expect(referralId).toBeDefined();
    });
  });

  it('should raise a screened case to HIGH when a corrected date of birth makes the returnee a child, and name only the fields', async () => {
    await withCase({ childByBirth: false }, async ({ act, handle, written }) => {
      await act('complete-registration');
      expect((await act('complete-screening', { indicators: [], flags: {} })).riskTier).toBe('LOW');
      const changeIds = [randomUUID(), randomUUID()];
      const s = await handle.executeUpdate(personUpdatedUpdate, {
        args: [{ changeIds, fields: ['dateOfBirth', 'fullName'], actor: caseworker, childByBirth: true }],
      });
      expect(s.riskTier).toBe('HIGH');
      const last = written.events.slice(-2);
      expect(last.map((e) => e.type)).toEqual(['person.updated', 'risk_tier.changed']);
      expect(last[0]!.data).toEqual({ fields: ['dateOfBirth', 'fullName'], changeIds });
      expect(last[1]!.data).toMatchObject({ from: 'LOW', to: 'HIGH' });
      const consent = {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories: ['IDENTITY'],
        expiresAt: new Date((await env.currentTimeMs()) + 90 * DAY).toISOString(),
      };
      expect((await rejection(act('record-consent', consent))).message).toContain('a parent or guardian gives consent');
    });
  });
});
