// The office's time zone in the case workflow (time-skipping server): a case of an office in Jayapura (WIT) counts
// its working days from WIT midnights, one of Palu (WITA) from WITA midnights, and a case whose input has no zone
// (every case started before offices had one) counts exactly as a WITA one: its history replays unchanged.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import {
  calendarInZone,
  createCalendar,
  deadlineFor,
  DEFAULT_SLA_POLICY,
  type OfficeTimeZone,
} from '../../workflows/definition';
import { awaitRegistrationUpdate, caseSnapshotQuery, performActionUpdate } from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  type CaseAction,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
const DAY = 24 * 3600_000;
const read = (path: string) => JSON.parse(readFileSync(resolve(__dirname, path), 'utf8'));
const calendar = createCalendar([
  ...(read('../../src/database/seed-data/holidays-id-2026.json') as { holidays: { date: string }[] }).holidays,
  ...(read('../fixtures/holidays-id-2027.json') as { days: { date: string }[] }).days,
]);
const caseworker: StaffActor = { userId: '11111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };

const activities: CaseActivities = {
  async applyCaseEffects() {
    return { caseNumber: 'TEST-2026-000001' };
  },
  async recordReferral() {},
  async queueNotifications() {},
  async resendReferralNotice() {},
};

jest.setTimeout(45000);

describe('the office time zone in the case workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;

  // a server of its own: the test moves the clock days ahead
  beforeAll(async () => {
    ({ env, stop } = await createOwnTimeSkippingEnv());
    await env.connection.testService!.lockTimeSkipping({});
  }, 90000);
  afterAll(async () => {
    await stop?.();
  });

  // A LOW case screened now: its REFERRAL step (14 days: 24 h, then 13 working days) as the workflow counts it.
  async function referralDue(timeZone: OfficeTimeZone | undefined, record?: string): Promise<CaseSnapshot> {
    const taskQueue = `admin-wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => {
      const now = new Date(await env.currentTimeMs()).toISOString();
      const input: CaseWorkflowInput = {
        caseId: randomUUID(),
        officeId: randomUUID(),
        personId: randomUUID(),
        category: 'PMI_PURNA',
        arrival: { point: 'Bandara Sentani', arrivedAt: now, fromCountry: 'MY' },
        policyVersion: DEFAULT_SLA_POLICY.version,
        policy: DEFAULT_SLA_POLICY,
        calendar,
        ...(timeZone ? { timeZone } : {}),
        slaTimeScale: 1,
        registeredBy: { userId: caseworker.userId, role: 'CASEWORKER' },
        registeredAt: now,
      };
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
      });
      try {
        await handle.executeUpdate(awaitRegistrationUpdate);
        const act = (type: string, payload: Record<string, unknown> = {}) =>
          handle.executeUpdate(performActionUpdate, { args: [{ type, payload, actor: caseworker } as CaseAction] });
        await act('complete-registration');
        await act('complete-screening', { indicators: [], flags: {} });
        const snapshot = await handle.query(caseSnapshotQuery);
        if (record && process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(resolve(HISTORIES, `${record}.json`), JSON.stringify(await handle.fetchHistory()));
        }
        return snapshot;
      } finally {
        await handle.terminate().catch(() => undefined);
      }
    });
  }

  it('should count a WIT office from WIT midnights, a WITA office and a case without a zone from WITA ones', async () => {
    // to the next Thursday 15:30 UTC: 24 h on, the working-day count starts on Friday 23:30 in Palu (half an hour of
    // a working day left) but on Saturday 00:30 in Jayapura (none until Monday)
    const now = await env.currentTimeMs();
    const start = new Date(now);
    start.setUTCHours(15, 30, 0, 0);
    while (start.getUTCDay() !== 4 || start.getTime() <= now) start.setTime(start.getTime() + DAY);
    await env.sleep(start.getTime() - now);

    const wit = await referralDue('Asia/Jayapura', 'admin-office-time-zone-wit');
    const wita = await referralDue('Asia/Makassar');
    const before = await referralDue(undefined);
    expect([wit.currentStep, wit.riskTier]).toEqual(['REFERRAL', 'LOW']);

    const expected = (zone: OfficeTimeZone) =>
      deadlineFor('REFERRAL', 'LOW', start, calendarInZone(calendar, zone))!.getTime();
    // each case's step began some seconds after `start` (the server's clock runs while the updates do)
    const near = (dueAt: string | null, ms: number) => expect(Math.abs(Date.parse(dueAt!) - ms)).toBeLessThan(60_000);
    // the working days of Jayapura end at WIT midnight, whatever the milliseconds of the start
    expect(wit.dueAt).toBe(new Date(expected('Asia/Jayapura')).toISOString());
    expect((Date.parse(wit.dueAt!) + 9 * 3600_000) % DAY).toBe(0);
    // Palu's at 23:30 WITA of the same day: the half hour of Friday it counted
    near(wita.dueAt, expected('Asia/Makassar'));
    near(wita.dueAt, Date.parse(wit.dueAt!) + 30 * 60_000);
    // no zone in the input: WITA, as before offices had a zone
    near(before.dueAt, expected('Asia/Makassar'));
  });
});
