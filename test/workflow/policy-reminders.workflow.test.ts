// Reminders and level 2 at the points of the case's SLA policy (patch policy-reminders) on the time-skipping server:
// a policy of 30/60/90 % and level 2 at 150 % reminds and escalates exactly there, a policy without points at
// PROCESS.md's 50/80/200 %, a case moved to a policy of other points takes them, and a history recorded before the
// change (the same policy run at the fixed points) replays unchanged.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import { awaitRegistrationUpdate, caseSnapshotQuery, migrateSlaPolicyUpdate } from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  type AlertRequest,
  type CaseEventDraft,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
// recorded with the code before policy-reminders: a TPPO case under CUSTOM, reminded at 50/80 % and level 2 at 200 %
const BEFORE = 'case-policy-reminders-before';
const MINUTE = 60_000;
const cw: StaffActor = { userId: 'a1111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const spv: StaffActor = { userId: 'a2222222-2222-4222-8222-222222222222', role: 'SUPERVISOR' };
const CUSTOM: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  version: 'test-reminders-30-60-90',
  reminderPercents: [30, 60, 90],
  level2Percent: 150,
};

type Seen = { events: CaseEventDraft[]; alerts: AlertRequest[] };
type Run = { seen: Seen; handle: WorkflowHandle; startedAt: number; snapshot: () => Promise<CaseSnapshot> };

// What a case's timeline says of its deadlines, in minutes from its start: "30 % at 18", "breach at 60", "level 2 at 90".
function milestones(events: readonly CaseEventDraft[], startedAt: number): string[] {
  const min = (e: CaseEventDraft) => Math.floor((Date.parse(e.occurredAt) - startedAt) / MINUTE);
  return events.flatMap((e) =>
    e.type === 'sla.reminder'
      ? [`${String(e.data.percent)} % at ${min(e)}`]
      : e.type === 'sla.breached'
        ? [`breach at ${min(e)}`]
        : e.type === 'escalation.opened'
          ? [`level ${String(e.data.level)} at ${min(e)}`]
          : [],
  );
}

jest.setTimeout(60000);

describe('reminders and level 2 at the points of the case’s SLA policy (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // a server of its own: these tests move the clock with env.sleep()
    ({ env, stop } = await createOwnTimeSkippingEnv());
    // time moves only in env.sleep(), so each case's elapsed time is exactly what the test says
    await env.connection.testService!.lockTimeSkipping({});
  });
  afterAll(async () => {
    await env?.connection.testService!.unlockTimeSkipping({});
    await stop?.();
  });

  // A trafficking victim is HIGH until screened: registration is due in 1 h of plain time.
  async function run(policy: SlaPolicy, fn: (r: Run) => Promise<void>, record?: string): Promise<void> {
    const seen: Seen = { events: [], alerts: [] };
    const activities: CaseActivities = {
      applyCaseEffects: async ({ effects }) => {
        seen.events.push(...effects.events);
        seen.alerts.push(...(effects.alerts ?? []));
        return { caseNumber: 'TEST-2026-000004' };
      },
      recordReferral: async () => undefined,
      queueNotifications: async () => undefined,
      resendReferralNotice: async () => undefined,
    };
    const taskQueue = `policy-reminders-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    await worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const now = new Date(startedAt).toISOString();
      const caseId = randomUUID();
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue,
        args: [
          {
            caseId,
            officeId: randomUUID(),
            personId: randomUUID(),
            category: 'TPPO_VICTIM',
            arrival: { point: 'Bandara Mutiara SIS Al-Jufrie', arrivedAt: now, fromCountry: 'MY' },
            policyVersion: policy.version,
            policy,
            calendar: createCalendar([]),
            slaTimeScale: 1,
            registeredBy: cw,
            registeredAt: now,
          } satisfies CaseWorkflowInput,
        ],
      });
      try {
        await handle.executeUpdate(awaitRegistrationUpdate);
        await fn({ seen, handle, startedAt, snapshot: () => handle.query(caseSnapshotQuery) });
        if (record && process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(resolve(HISTORIES, `${record}.json`), JSON.stringify(await handle.fetchHistory()));
        }
      } finally {
        await handle.terminate().catch(() => undefined);
      }
    });
  }

  // sleeps until `minutes` after the case's start
  const until = async (r: Run, minutes: number) =>
    env.sleep(Math.max(0, r.startedAt + minutes * MINUTE - (await env.currentTimeMs())));

  it('should remind at 30, 60 and 90 %, breach at 100 % and escalate to level 2 at 150 %, as the policy says', async () => {
    await run(
      CUSTOM,
      async (r) => {
        await until(r, 17.5);
        expect(milestones(r.seen.events, r.startedAt)).toEqual([]);
        await until(r, 18.5);
        expect(milestones(r.seen.events, r.startedAt)).toEqual(['30 % at 18']);
        expect(r.seen.alerts).toEqual([
          { kind: 'REMINDER', audience: { userId: cw.userId }, eventSeq: r.seen.events.at(-1)!.seq },
        ]);
        await until(r, 54.5);
        expect((await r.snapshot()).slaState).toBe('AT_RISK');
        await until(r, 89.5);
        expect(milestones(r.seen.events, r.startedAt)).toEqual([
          '30 % at 18',
          '60 % at 36',
          '90 % at 54',
          'breach at 60',
          'level 1 at 60',
        ]);
        expect((await r.snapshot()).escalationLevel).toBe(1);
        await until(r, 90.5);
        expect(milestones(r.seen.events, r.startedAt).slice(5)).toEqual(['level 2 at 90']);
        expect(r.seen.alerts.map((a) => a.kind)).toEqual([
          'REMINDER',
          'REMINDER',
          'REMINDER',
          'BREACH',
          'ESCALATION_1',
          'ESCALATION_2',
          'ESCALATION_2',
        ]);
        const snapshot = await r.snapshot();
        expect([snapshot.slaState, snapshot.escalationLevel]).toEqual(['OVERDUE', 2]);
        expect(snapshot.openEscalations.find((e) => e.level === 2)!.reason).toMatch(/at 150 % of the deadline$/);
        // nothing more: no fourth reminder, no level 2 again at 200 %
        await until(r, 125);
        expect(milestones(r.seen.events, r.startedAt)).toHaveLength(6);
      },
      'case-policy-reminders',
    );
  });

  it('should remind at 50 and 80 % and escalate to level 2 at 200 % under a policy without points of its own', async () => {
    await run(DEFAULT_SLA_POLICY, async (r) => {
      await until(r, 119.5);
      expect(milestones(r.seen.events, r.startedAt)).toEqual([
        '50 % at 30',
        '80 % at 48',
        'breach at 60',
        'level 1 at 60',
      ]);
      await until(r, 120.5);
      expect(milestones(r.seen.events, r.startedAt).slice(4)).toEqual(['level 2 at 120']);
      expect(r.seen.alerts.map((a) => a.kind).slice(0, 2)).toEqual(['REMINDER_50', 'REMINDER_80']);
      const snapshot = await r.snapshot();
      expect(snapshot.openEscalations.find((e) => e.level === 2)!.reason).toMatch(/at twice the deadline$/);
    });
  });

  it('should take the points of the policy a case is moved to, sending no reminder for a point already past', async () => {
    await run(DEFAULT_SLA_POLICY, async (r) => {
      await until(r, 33);
      expect(milestones(r.seen.events, r.startedAt)).toEqual(['50 % at 30']);
      const moved = await r.handle.executeUpdate(migrateSlaPolicyUpdate, {
        args: [{ migrationId: randomUUID(), policy: CUSTOM, actor: spv }],
      });
      expect(moved.outcome).toBe('MOVED');
      // the same deadline (1 h): 30 % is past and counted, 60 % and 90 % come, level 2 at 150 %, not at 200 %
      await until(r, 95);
      expect(milestones(r.seen.events, r.startedAt)).toEqual([
        '50 % at 30',
        '60 % at 36',
        '90 % at 54',
        'breach at 60',
        'level 1 at 60',
        'level 2 at 90',
      ]);
    });
  });

  it('should replay a history recorded before the change unchanged: that run kept to 50, 80 and 200 %', async () => {
    const history = historyOf(BEFORE);
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, BEFORE);
    // what that run wrote: its policy said 30/60/90 and 150 %, it ran at the fixed points
    const started = history.events[0]!.workflowExecutionStartedEventAttributes!;
    const input = decode(started.input!.payloads![0]!) as CaseWorkflowInput;
    expect([input.policy?.reminderPercents, input.policy?.level2Percent]).toEqual([[30, 60, 90], 150]);
    const written = history.events
      .flatMap((e) => e.activityTaskScheduledEventAttributes?.input?.payloads ?? [])
      .flatMap((p) => (decode(p) as { effects: { events: CaseEventDraft[] } }).effects.events);
    expect(milestones(written, Date.parse(input.registeredAt))).toEqual([
      '50 % at 30',
      '80 % at 48',
      'breach at 60',
      'level 1 at 60',
      'level 2 at 120',
    ]);
    // no marker of the change in it: on replay, patched('policy-reminders') is false; one recorded since has it
    expect(patchIds(history)).toContain('consent-gate-every-basis');
    expect(patchIds(history)).not.toContain('policy-reminders');
    expect(patchIds(historyOf('case-policy-reminders'))).toContain('policy-reminders');
  });
});

function historyOf(name: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(
    JSON.parse(readFileSync(resolve(HISTORIES, `${name}.json`), 'utf8')),
  );
}

// the ids of the patches a history's run took (its core_patch markers)
function patchIds(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) =>
    (e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
      (p) => (decode(p) as { id: string }).id,
    ),
  );
}

function decode(p: temporal.api.common.v1.IPayload): unknown {
  return JSON.parse(Buffer.from(p.data!).toString('utf8'));
}
