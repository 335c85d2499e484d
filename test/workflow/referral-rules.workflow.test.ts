import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY, type ActionType } from '../../workflows/definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  performActionUpdate,
  referralAnswerUpdate,
  resolveEscalationUpdate,
  type ReferralAnswer,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  referralWorkflowId,
  type CaseAction,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

// Issue 16 on the time-skipping server: the rules of referrals (a supervisor's approval for a child or without
// consent). Each scenario's history is recorded (RECORD_HISTORIES=1) for the replay test.
const HISTORIES = resolve(__dirname, 'histories');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const caseworker: StaffActor = { userId: '11111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const supervisor: StaffActor = { userId: '22222222-2222-4222-8222-222222222222', role: 'SUPERVISOR' };
const head: StaffActor = { userId: '33333333-3333-4333-8333-333333333333', role: 'HEAD' };
const UPTD_PPA = '55555555-5555-4555-8555-555555555555';

type Seen = { events: string[]; notifications: string[]; referralWrites: string[] };
type Act = (type: ActionType, payload?: Record<string, unknown>, actor?: StaffActor) => Promise<CaseSnapshot>;

jest.setTimeout(45000);
// Two tests of this file (the silent partner past 200 %, EXTEND of its escalation) have hung now and then in a full
// run, never alone (a time-skipping stall not yet understood). Once one hung, every later test of the file hung on
// the same server, retries included (a CI run: the first hang, then three of EXTEND): so each test, and each try of
// it, gets a time-skipping server of its own, and a hung one cannot take the next try with it. The hang is in the
// README's known problems until it is found.
jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe('referral rules of issue 16 (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stopServer: (() => Promise<void>) | undefined;

  // a server of its own for each test (and each try): this file moves the clock far ahead, which a workflow another
  // test left behind would stall
  beforeEach(async () => {
    ({ env, stop: stopServer } = await createOwnTimeSkippingEnv());
    await env.connection.testService!.lockTimeSkipping({});
  }, 60000);
  afterEach(async () => {
    await env?.connection.testService!.unlockTimeSkipping({}).catch(() => undefined);
    // a timed-out try may leave its worker holding the connection: the server is stopped all the same
    await stopServer?.().catch(() => undefined);
  }, 60000);

  async function withCase(
    record: string | null,
    fn: (c: { handle: WorkflowHandle; seen: Seen; act: Act }) => Promise<void>,
    overrides: Partial<CaseWorkflowInput> = {},
  ): Promise<void> {
    const taskQueue = `referral-rules-${randomUUID()}`;
    const seen: Seen = { events: [], notifications: [], referralWrites: [] };
    const activities: CaseActivities = {
      async applyCaseEffects(args) {
        seen.events.push(...args.effects.events.map((e) => e.type));
        seen.notifications.push(...args.effects.notifications.map((n) => n.type));
        return { caseNumber: 'TEST-2026-000001' };
      },
      async recordReferral(args) {
        seen.referralWrites.push(args.referral.status);
      },
      async queueNotifications(args) {
        seen.notifications.push(...args.items.map((n) => n.type));
      },
      async resendReferralNotice(args) {
        seen.notifications.push(`referral.sent:resend:${args.round}`);
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
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
        calendar: createCalendar([]),
        slaTimeScale: 1,
        registeredBy: { userId: caseworker.userId, role: 'CASEWORKER' },
        registeredAt: new Date(startedAt).toISOString(),
        childByBirth: true,
        ...overrides,
      };
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
      });
      await handle.executeUpdate(awaitRegistrationUpdate);
      const act: Act = (type, payload = {}, actor = caseworker) =>
        handle.executeUpdate(performActionUpdate, { args: [{ type, payload, actor } as CaseAction] });
      try {
        await fn({ handle, seen, act });
        if (record && process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(join(HISTORIES, `${record}.json`), JSON.stringify(await handle.fetchHistory()));
          // and the referral's own workflow, which the rules change too
          const sent = (await handle.query(caseSnapshotQuery)).referrals.find((r) => r.status !== 'REJECTED');
          if (sent) {
            const history = await env.client.workflow.getHandle(referralWorkflowId(sent.id)).fetchHistory();
            writeFileSync(join(HISTORIES, `${record}-referral.json`), JSON.stringify(history));
          }
        }
      } catch (err) {
        if (process.env.DEBUG_WF) {
          for (const r of (await handle.query(caseSnapshotQuery)).referrals.filter((x) => x.status !== 'REJECTED')) {
            const h = await env.client.workflow.getHandle(referralWorkflowId(r.id)).fetchHistory();
            console.log(
              r.status,
              JSON.stringify(
                h.events!.slice(-6).map((e) => [e.eventType, e.workflowTaskFailedEventAttributes?.failure?.message]),
              ),
            );
          }
        }
        throw err;
      } finally {
        // a referral outlives its case (ABANDON): left running, its timers would stall the skipped time of the next
        const referrals = await handle
          .query(caseSnapshotQuery)
          .then((x) => x.referrals)
          .catch(() => []);
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

  // A child at the referral step with a guardian's consent for the UPTD PPA; the caseworker's referral, prepared.
  async function preparedForChild(act: Act): Promise<{ referralId: string; snapshot: CaseSnapshot }> {
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {} });
    const withConsent = await act('record-consent', {
      givenBy: 'GUARDIAN',
      guardian: { name: 'Wa Ode Hasanah', relationship: 'ibu' },
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA,
      dataCategories: [],
      expiresAt: new Date((await env.currentTimeMs()) + 90 * DAY).toISOString(),
    });
    const snapshot = await act('send-referral', {
      agencyId: UPTD_PPA,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: withConsent.consents[0]!.id,
    });
    return { referralId: snapshot.referrals[0]!.id, snapshot };
  }

  it('should hold a child’s referral for a supervisor, escalate the wait, and send it on approval', async () => {
    await withCase('referral-rules-child-approved', async ({ handle, seen, act }) => {
      const { referralId, snapshot } = await preparedForChild(act);
      expect(snapshot.referrals[0]!.status).toBe('PENDING_APPROVAL');
      expect(snapshot.openTasks).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'APPROVAL', role: 'SUPERVISOR' })]),
      );
      expect(snapshot.allowedActions.SUPERVISOR).toEqual(
        expect.arrayContaining(['approve-referral', 'reject-referral']),
      );
      expect(seen.notifications).not.toContain('referral.sent');
      // no referral workflow yet: the partner has nothing to answer
      await expect(env.client.workflow.getHandle(referralWorkflowId(referralId)).describe()).rejects.toThrow();
      // 4 h for a HIGH case (a child is HIGH): level 1 just past it
      await env.sleep(4 * HOUR + 60_000);
      const late = await handle.query(caseSnapshotQuery);
      expect(late.openEscalations.map((e) => [e.level, e.kind])).toEqual([[1, 'REFERRAL_APPROVAL']]);
      const sent = await act('approve-referral', { referralId }, head);
      expect(sent.referrals[0]!.status).toBe('SENT');
      expect(sent.openEscalations).toEqual([]);
      expect(sent.openTasks.filter((t) => t.kind === 'APPROVAL')).toEqual([]);
      expect(seen.events).toEqual(
        expect.arrayContaining(['referral.approval_requested', 'referral.approved', 'referral.sent']),
      );
      expect(seen.notifications).toContain('referral.sent');
      expect((await env.client.workflow.getHandle(referralWorkflowId(referralId)).describe()).status.name).toBe(
        'RUNNING',
      );
    });
  });

  it('should return a rejected referral to the caseworker, restart the referral clock, and tell no partner', async () => {
    await withCase('referral-rules-child-rejected', async ({ seen, act }) => {
      const { referralId, snapshot } = await preparedForChild(act);
      expect(snapshot.clocks.some((c) => c.kind === 'STEP')).toBe(false);
      const back = await act('reject-referral', { referralId, reason: 'pilih UPTD PPA kabupaten asal' }, supervisor);
      expect(back.referrals[0]).toMatchObject({ status: 'REJECTED', reason: 'pilih UPTD PPA kabupaten asal' });
      expect(back.clocks.filter((c) => c.kind === 'STEP').map((c) => c.step)).toEqual(['REFERRAL']);
      expect(back.allowedActions.CASEWORKER).toContain('send-referral');
      expect(back.allowedActions.SUPERVISOR).not.toContain('approve-referral');
      expect(seen.notifications).toEqual([]);
      expect(seen.events).toEqual(expect.arrayContaining(['referral.rejected', 'referral.agency_needed']));
    });
  });

  // A child's referral the supervisor sends directly (a child is HIGH: the partner acknowledges within 2 h).
  async function sentBySupervisor(act: Act): Promise<string> {
    const { referralId } = await preparedForChild(act);
    await act('reject-referral', { referralId, reason: 'dikirim oleh supervisor' }, supervisor);
    const sent = await act(
      'send-referral',
      { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
      supervisor,
    );
    return sent.referrals.find((r) => r.status === 'SENT')!.id;
  }

  const answer = (referralId: string, a: ReferralAnswer) =>
    env.client.workflow.getHandle(referralWorkflowId(referralId)).executeUpdate(referralAnswerUpdate, { args: [a] });
  const revoke = (referralId: string, actor: StaffActor) =>
    answer(referralId, { type: 'revoke', actor, reason: 'dirujuk ke lembaga lain' });
  const partnerActor: StaffActor = { userId: '44444444-4444-4444-8444-444444444444', role: 'PARTNER_HEAD' };

  async function refused(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return ((err as WorkflowUpdateFailedError).cause as Error).message;
    }
    throw new Error('the update was not refused');
  }

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 10000;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('should re-send referral.sent to a silent partner at 50 % and 100 % of its acknowledgement deadline, and not after it acknowledged', async () => {
    await withCase(null, async ({ seen, act }) => {
      const referralId = await sentBySupervisor(act);
      const resends = () => seen.notifications.filter((n) => n.startsWith('referral.sent:resend'));
      await env.sleep(0.9 * HOUR);
      expect(resends()).toEqual([]);
      await env.sleep(0.2 * HOUR); // 1.1 h: past half of 2 h
      await eventually(async () => resends().length === 1);
      await env.sleep(1 * HOUR); // 2.1 h: past the deadline
      await eventually(async () => resends().length === 2 && seen.notifications.includes('referral.reminder'));
      expect(resends()).toEqual(['referral.sent:resend:1', 'referral.sent:resend:2']);
      await answer(referralId, { type: 'acknowledge', actor: partnerActor });
      await env.sleep(30 * HOUR); // the decision deadline (24 h) passes: a reminder, no re-sending
      await eventually(async () => seen.notifications.filter((n) => n === 'referral.reminder').length === 2);
      expect(resends()).toHaveLength(2);
    });
  });

  it('should let the caseworker revoke only before the partner acknowledged, a supervisor or the head until it is completed', async () => {
    await withCase(null, async ({ act }) => {
      const first = await sentBySupervisor(act);
      expect((await revoke(first, caseworker)).status).toBe('REVOKED');
    });
    await withCase(null, async ({ act }) => {
      const referralId = await sentBySupervisor(act);
      await answer(referralId, { type: 'acknowledge', actor: partnerActor });
      expect(await refused(revoke(referralId, caseworker))).toContain('a supervisor revokes it now');
      await answer(referralId, { type: 'accept', actor: partnerActor });
      expect((await revoke(referralId, head)).status).toBe('REVOKED');
    });
  });

  it('should leave revoking a silent partner’s referral to a supervisor past 200 % of its deadline, not before', async () => {
    await withCase(null, async ({ act }) => {
      const referralId = await sentBySupervisor(act);
      await env.sleep(3.9 * HOUR); // just under twice the 2 h deadline: still the caseworker's
      expect((await revoke(referralId, caseworker)).status).toBe('REVOKED');
    });
    await withCase(null, async ({ act, handle }) => {
      const referralId = await sentBySupervisor(act);
      await env.sleep(4.1 * HOUR);
      await eventually(async () =>
        (await handle.query(caseSnapshotQuery)).openEscalations.some(
          (e) => e.kind === 'PARTNER_SILENT' && e.level === 2,
        ),
      );
      expect(await refused(revoke(referralId, caseworker))).toContain('past twice its deadline');
      expect((await revoke(referralId, supervisor)).status).toBe('REVOKED');
    });
  });

  it('should move the partner’s own deadline on an EXTEND of its escalation: level 1 and level 2 follow the new deadline', async () => {
    await withCase('referral-rules-extend-partner-silent', async ({ act, handle }) => {
      await sentBySupervisor(act);
      const snapshot = () => handle.query(caseSnapshotQuery);
      await env.sleep(2.1 * HOUR);
      await eventually(async () => (await snapshot()).openEscalations.some((e) => e.kind === 'PARTNER_SILENT'));
      const escalation = (await snapshot()).openEscalations.find((e) => e.kind === 'PARTNER_SILENT')!;
      const extendedAt = await env.currentTimeMs();
      await handle.executeUpdate(resolveEscalationUpdate, {
        args: [
          {
            escalationId: escalation.id,
            resolution: 'EXTEND',
            newDueAt: new Date(extendedAt + 6 * HOUR).toISOString(),
            reason: 'UPTD PPA sedang pindah kantor, dihubungi lewat telepon',
            actor: supervisor,
          },
        ],
      });
      // the old 200 % (4 h from sending) passes with no level 2, and the new deadline brings level 1 again
      await env.sleep(2.5 * HOUR);
      expect((await snapshot()).openEscalations.filter((e) => e.kind === 'PARTNER_SILENT')).toEqual([]);
      await env.sleep(3.6 * HOUR); // 6.1 h after the extension
      await eventually(async () =>
        (await snapshot()).openEscalations.some((e) => e.kind === 'PARTNER_SILENT' && e.level === 1),
      );
      await env.sleep(5.8 * HOUR); // 11.9 h: under twice the extended time
      expect((await snapshot()).openEscalations.some((e) => e.level === 2)).toBe(false);
      await env.sleep(0.3 * HOUR); // 12.2 h
      await eventually(async () =>
        (await snapshot()).openEscalations.some((e) => e.kind === 'PARTNER_SILENT' && e.level === 2),
      );
    });
  });

  it('should send the TPPO report out only once a supervisor confirms it, and keep the 7-day service clock until a partner accepts', async () => {
    await withCase(
      'referral-rules-tppo-approved',
      async ({ seen, act, handle }) => {
        await act('complete-registration');
        await act('complete-screening', { indicators: ['DECEPTION'], flags: {} });
        const filed = await act('file-tppo-report', { reportedTo: ['POLICE', 'TASK_FORCE'] });
        expect(filed.currentStep).toBe('TPPO_REPORT');
        expect(filed.openTasks.some((t) => t.kind === 'APPROVAL')).toBe(true);
        expect(seen.notifications).not.toContain('tppo.identified');
        const confirmed = await act('approve-tppo-report', {}, supervisor);
        expect(confirmed.currentStep).toBe('REFERRAL');
        expect(seen.notifications).toContain('tppo.identified');
        const service = confirmed.clocks.find((c) => c.kind === 'TPPO_SERVICE')!;
        expect(service.dueAt - service.startedAt).toBe(7 * DAY);
        const sent = await act(
          'send-referral',
          { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
          supervisor,
        );
        await answer(sent.referrals[0]!.id, { type: 'accept', actor: partnerActor });
        await eventually(async () => (await handle.query(caseSnapshotQuery)).currentStep !== 'REFERRAL');
        expect((await handle.query(caseSnapshotQuery)).clocks.some((c) => c.kind === 'TPPO_SERVICE')).toBe(false);
      },
      { category: 'TPPO_VICTIM', childByBirth: false },
    );
  });
});
