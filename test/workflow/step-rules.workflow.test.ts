// Rules 3, 9, 10, 11 and 12 of issue 16 on the time-skipping server: who hears of a deadline (to level 2 at 200 %),
// the tier re-check at a step's completion, the shelter's 14 days in all and a refused extension, the handover
// counted from fit-to-travel across a holiday, and reintegration a year from arrival home. Each scenario's history
// is recorded (RECORD_HISTORIES=1) for the replay test.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY, oneYearAfter, type ActionType } from '../../workflows/definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  performActionUpdate,
  referralAnswerUpdate,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  referralWorkflowId,
  type AlertRequest,
  type CaseAction,
  type CaseEventDraft,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { freePort } from '../../scripts/infra/processes';
import { ensureTestServer, startTestServer } from '../../scripts/infra/test-server';
import { workflowBundle } from '../support/time-skipping';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const { holidays } = JSON.parse(
  readFileSync(resolve(__dirname, '../../src/database/seed-data/holidays-id-2026.json'), 'utf8'),
) as { holidays: { date: string }[] };

const cw: StaffActor = { userId: 'a1111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const spv: StaffActor = { userId: 'a2222222-2222-4222-8222-222222222222', role: 'SUPERVISOR' };
const partner: StaffActor = { userId: 'a4444444-4444-4444-8444-444444444444', role: 'PARTNER' };
const AGENCY = 'a5555555-5555-4555-8555-555555555555';

type Seen = { events: CaseEventDraft[]; alerts: AlertRequest[]; notifications: string[] };
type Act = (type: ActionType, payload?: Record<string, unknown>, actor?: StaffActor) => Promise<CaseSnapshot>;
type Scenario = {
  act: Act;
  seen: Seen;
  snapshot: () => Promise<CaseSnapshot>;
  officeId: string;
  handle: WorkflowHandle;
};

jest.setTimeout(60000);

describe('step rules of issue 16 (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let server: { stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    // A test server of this file's own: workflows another file left running on the jest worker's shared server
    // (referral workflows whose timers come due with no worker to take them) keep its time from skipping.
    const { classpath, wrapper } = await ensureTestServer(() => undefined);
    const port = await freePort();
    server = await startTestServer(classpath, port);
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: wrapper }, port },
    });
    // time moves only in env.sleep()
    await env.connection.testService!.lockTimeSkipping({});
  }, 90000);
  afterAll(async () => {
    await env?.connection.testService!.unlockTimeSkipping({});
    await env?.teardown();
    await server?.stop();
  });

  async function scenario(
    name: string,
    input: Partial<CaseWorkflowInput>,
    fn: (s: Scenario) => Promise<void>,
  ): Promise<void> {
    const seen: Seen = { events: [], alerts: [], notifications: [] };
    const activities: CaseActivities = {
      applyCaseEffects: async ({ effects }) => {
        seen.events.push(...effects.events);
        seen.alerts.push(...(effects.alerts ?? []));
        seen.notifications.push(...effects.notifications.map((n) => n.type));
        return { caseNumber: 'TEST-2026-000002' };
      },
      recordReferral: async () => undefined,
      queueNotifications: async () => undefined,
      resendReferralNotice: async () => undefined,
    };
    const taskQueue = `step-rules-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    await worker.runUntil(async () => {
      const now = new Date(await env.currentTimeMs()).toISOString();
      const officeId = randomUUID();
      const caseId = randomUUID();
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue,
        args: [
          {
            caseId,
            officeId,
            personId: randomUUID(),
            category: 'DEPORTEE',
            arrival: { point: 'Bandara Mutiara SIS Al-Jufrie', arrivedAt: now, fromCountry: 'MY' },
            policyVersion: DEFAULT_SLA_POLICY.version,
            policy: DEFAULT_SLA_POLICY,
            calendar: createCalendar(holidays),
            slaTimeScale: 1,
            registeredBy: cw,
            registeredAt: now,
            ...input,
          } satisfies CaseWorkflowInput,
        ],
      });
      await handle.executeUpdate(awaitRegistrationUpdate);
      const act: Act = (type, payload = {}, actor = cw) =>
        handle.executeUpdate(performActionUpdate, { args: [{ type, payload, actor } as CaseAction] });
      try {
        await fn({ act, seen, snapshot: () => handle.query(caseSnapshotQuery), officeId, handle });
        if (process.env.RECORD_HISTORIES) {
          const dir = resolve(__dirname, 'histories');
          mkdirSync(dir, { recursive: true });
          writeFileSync(resolve(dir, `${name}.json`), JSON.stringify(await handle.fetchHistory()));
        }
      } finally {
        // referral workflows outlive their case (ABANDON): ended here, or their timers, come due with no worker to
        // take them, would stop the server's time from skipping for whatever runs next
        const referrals = await handle.query(caseSnapshotQuery).then(
          (c) => c.referrals,
          () => [],
        );
        for (const r of referrals) {
          await env.client.workflow
            .getHandle(referralWorkflowId(r.id))
            .terminate()
            .catch(() => undefined);
        }
        await handle.terminate().catch(() => undefined);
      }
    });
  }

  async function refused(p: Promise<unknown>): Promise<string> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as Error).message;
  }

  // Consent, referral, the partner accepts: the case moves on from REFERRAL.
  async function referAccepted(s: Scenario): Promise<void> {
    const consented = await s.act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: AGENCY,
      dataCategories: ['IDENTITY'],
      expiresAt: new Date((await env.currentTimeMs()) + 90 * DAY).toISOString(),
    });
    const consentId = consented.consents[0]!.id;
    const sent = await s.act('send-referral', {
      agencyId: AGENCY,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId,
    });
    const referral = env.client.workflow.getHandle(referralWorkflowId(sent.referrals[0]!.id));
    await referral.executeUpdate(referralAnswerUpdate, { args: [{ type: 'accept', actor: partner } as never] });
    const deadline = Date.now() + 10000;
    while ((await s.snapshot()).currentStep === 'REFERRAL') {
      if (Date.now() > deadline) throw new Error('the case stayed at REFERRAL');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('should name who hears of each reminder, breach and escalation, to the task force at 200 % of a TPPO case', async () => {
    await scenario('case-step-rules-alerts', { category: 'TPPO_VICTIM' }, async ({ seen, officeId }) => {
      // a trafficking victim is HIGH until screened: registration is due in 1 h
      await env.sleep(1.5 * HOUR);
      const audiences = () => seen.alerts.map((a) => [a.kind, a.audience]);
      expect(audiences()).toEqual([
        ['REMINDER_50', { userId: cw.userId }],
        ['REMINDER_80', { userId: cw.userId }],
        ['BREACH', { officeId, role: 'SUPERVISOR' }],
        ['ESCALATION_1', { officeId, role: 'SUPERVISOR' }],
      ]);
      // 200 % is 2 h: just before it, no level 2
      await env.sleep(0.45 * HOUR);
      expect(seen.alerts).toHaveLength(4);
      await env.sleep(0.1 * HOUR);
      expect(audiences().slice(4)).toEqual([
        ['ESCALATION_2', { officeId, role: 'HEAD' }],
        ['ESCALATION_2', { taskForceOf: officeId }],
      ]);
      const level2 = seen.events.find((e) => e.type === 'escalation.opened' && e.data.level === 2)!;
      expect(seen.alerts.slice(4).map((a) => [a.eventSeq, a.escalationId])).toEqual([
        [level2.seq, level2.data.escalationId],
        [level2.seq, level2.data.escalationId],
      ]);
      expect(seen.notifications).toEqual(['case.escalated']);
    });
  });

  it('should raise a child by date of birth to HIGH as the registration completes, and count the screening so', async () => {
    await scenario('case-step-rules-tier', { childByBirth: true }, async ({ act, seen }) => {
      const screening = await act('complete-registration');
      expect(screening.riskTier).toBe('HIGH');
      const clock = screening.clocks.find((c) => c.kind === 'STEP')!;
      expect([clock.step, clock.dueAt - clock.startedAt]).toEqual(['SCREENING', HOUR]);
      expect(seen.events.find((e) => e.type === 'risk_tier.changed')).toMatchObject({
        actor: { role: 'SYSTEM' },
        step: 'REGISTRATION',
        data: { from: 'MEDIUM', to: 'HIGH', reason: 're-check at step completion' },
      });
      // a caseworker cannot screen a child lower; the tier never falls by itself
      expect(await refused(act('complete-screening', { indicators: [], flags: {}, riskTier: 'LOW' }))).toMatch(
        /only a supervisor may set a lower tier/,
      );
      expect((await act('complete-screening', { indicators: [], flags: { needsShelter: true } })).riskTier).toBe(
        'HIGH',
      );
    });
  });

  it('should hold a shelter stay to 14 days in all, let a supervisor refuse an extension, and breach the stay past it', async () => {
    await scenario('case-step-rules-shelter', {}, async (s) => {
      await s.act('complete-registration');
      await s.act('complete-screening', { indicators: [], flags: { needsShelter: true } });
      await referAccepted(s);
      expect((await s.snapshot()).currentStep).toBe('SHELTER');
      const stay = (x: CaseSnapshot) => {
        const c = x.clocks.find((k) => k.kind === 'SHELTER_STAY')!;
        return (c.dueAt - c.startedAt) / DAY;
      };
      expect(stay(await s.act('start-shelter', { shelterKind: 'RUMAH_RAMAH' }))).toBe(7);
      expect(await s.act('request-shelter-extension', { days: 8, reason: 'r' }).catch((e: Error) => e)).toBeInstanceOf(
        WorkflowUpdateFailedError,
      );
      await s.act('request-shelter-extension', { days: 7, reason: 'keluarga belum ditemukan' });
      expect(await refused(s.act('reject-shelter-extension', { reason: 'r' }))).toMatch(/needs the role SUPERVISOR/);
      const afterRefusal = await s.act('reject-shelter-extension', { reason: 'keluarga sudah siap menjemput' }, spv);
      expect(afterRefusal.allowedActions.SUPERVISOR).not.toContain('approve-shelter-extension');
      expect(stay(afterRefusal)).toBe(7);
      await s.act('request-shelter-extension', { days: 7, reason: 'keluarga belum ditemukan' });
      const approved = await s.act('approve-shelter-extension', {}, spv);
      expect(stay(approved)).toBe(14);
      expect(approved.allowedActions.CASEWORKER).not.toContain('request-shelter-extension');
      expect(s.seen.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['shelter.extension_rejected', 'shelter.extension_approved']),
      );
      await env.sleep(14 * DAY + HOUR);
      const breach = s.seen.events.find((e) => e.type === 'sla.breached' && e.data.kind === 'SHELTER_STAY');
      expect(breach).toBeDefined();
      expect(s.seen.alerts.find((a) => a.eventSeq === breach!.seq)?.audience).toEqual({
        officeId: s.officeId,
        role: 'SUPERVISOR',
      });
    });
  });

  it('should count a MEDIUM handover 3 working days from fit-to-travel, past the Christmas holidays', async () => {
    await scenario('case-step-rules-handover', {}, async (s) => {
      await s.act('complete-registration');
      await s.act('complete-screening', { indicators: [], flags: { elderly: true } });
      await referAccepted(s);
      const handover = await s.act('record-refusal', { signedBy: 'SELF' });
      expect(handover.currentStep).toBe('RETURN_HANDOVER');
      // Wednesday 23 December 2026, 10:00 WITA; the 24th and 25th are holidays, then a weekend: 28, 29, 30
      const fit = '2026-12-23T02:00:00.000Z';
      if (Date.parse(fit) > (await env.currentTimeMs())) await env.sleep(Date.parse(fit) - (await env.currentTimeMs()));
      const counted = await s.act('record-fit-to-travel', { at: fit });
      const clock = counted.clocks.find((c) => c.kind === 'STEP')!;
      expect([new Date(clock.startedAt).toISOString(), counted.dueAt]).toEqual([fit, '2026-12-30T02:00:00.000Z']);
      // arrival home does not move a MEDIUM count
      expect((await s.act('record-arrival-home')).dueAt).toBe('2026-12-30T02:00:00.000Z');
      expect(await refused(s.act('record-fit-to-travel', { at: '2999-01-01T00:00:00Z' }))).toBe(
        'payload.at must not be in the future',
      );
      expect(s.seen.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['return.fit_to_travel', 'return.arrived_home']),
      );
    });
  });

  it('should give LOW reintegration until a year after arrival home', async () => {
    await scenario('case-step-rules-reintegration', {}, async (s) => {
      await s.act('complete-registration');
      await s.act('complete-screening', { indicators: [], flags: {} });
      await referAccepted(s);
      await s.act('complete-assessment', { plan: { reintegration: true } });
      expect((await s.snapshot()).currentStep).toBe('RETURN_HANDOVER');
      const arrived = (await env.currentTimeMs()) - 2 * DAY;
      await s.act('record-arrival-home', { at: new Date(arrived).toISOString() });
      await env.sleep(DAY);
      const reintegration = await s.act('record-handover', { handedTo: 'FAMILY', witnessId: randomUUID() });
      expect(reintegration.currentStep).toBe('REINTEGRATION');
      const clock = reintegration.clocks.find((c) => c.kind === 'STEP')!;
      expect([clock.startedAt, clock.dueAt]).toEqual([arrived, oneYearAfter(arrived)]);
      expect(s.seen.events.find((e) => e.type === 'handover.completed')!.data).toEqual({
        handedTo: 'FAMILY',
        witnessId: expect.any(String),
      });
    });
  });
});
