import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY, type ActionType } from '../../workflows/definition';
import { awaitRegistrationUpdate, caseSnapshotQuery, performActionUpdate } from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  referralWorkflowId,
  type CaseAction,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

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

describe('referral rules of issue 16 (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    await env.connection.testService!.lockTimeSkipping({});
  });
  afterAll(async () => {
    await env?.connection.testService!.unlockTimeSkipping({});
    await env?.teardown();
  });

  async function withCase(
    record: string | null,
    fn: (c: { handle: WorkflowHandle; seen: Seen; act: Act }) => Promise<void>,
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
        }
      } finally {
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
});
