import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  migrateSlaPolicyUpdate,
  previewSlaPolicyQuery,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  type CaseEventDraft,
  type CaseWorkflowInput,
  type StaffActor,
} from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
const HOUR = 3600_000;
const caseworker: StaffActor = { userId: '11111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const supervisor: StaffActor = { userId: '22222222-2222-4222-8222-222222222222', role: 'SUPERVISOR' };

// The default policy with registration (a DEPORTEE is MEDIUM until screened: 4 h) set to `hours`.
function withRegistration(version: string, hours: number): SlaPolicy {
  const d = DEFAULT_SLA_POLICY.deadlines;
  return {
    version,
    deadlines: { ...d, REGISTRATION: { ...d.REGISTRATION, MEDIUM: { amount: hours, unit: 'hours' } } },
  };
}
// 2.5 h: a preview that read the workflow's own clock (its last task, the 50 % reminder at 2 h) would miss the late one
const SHORTER = withRegistration('test-shorter', 2.5);
const LONGER = withRegistration('test-longer', 8);

jest.setTimeout(60000);

describe('moving running cases to another SLA policy (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // a server of its own: this test moves the clock with env.sleep(), which a workflow an earlier file left running
    // on the jest worker's shared server holds back (the test hung there in a full run)
    ({ env, stop } = await createOwnTimeSkippingEnv());
    // time moves only in env.sleep(), so each case's elapsed time is exactly what the test says
    await env.connection.testService!.lockTimeSkipping({});
  });
  afterAll(async () => {
    await env?.connection.testService!.unlockTimeSkipping({});
    await stop?.();
  });

  it('should escalate at once the cases late under a shorter policy, only those, and un-late nothing under a longer one', async () => {
    const events = new Map<string, CaseEventDraft[]>();
    const activities: CaseActivities = {
      async applyCaseEffects(args) {
        const list = events.get(args.caseId) ?? [];
        list.push(...args.effects.events);
        events.set(args.caseId, list);
        return { caseNumber: 'TEST-2026-000001' };
      },
      async recordReferral() {},
      async queueNotifications() {},
      async resendReferralNotice() {},
    };
    const taskQueue = `sla-move-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    const handles: WorkflowHandle[] = [];
    const types = (h: WorkflowHandle) => (events.get(h.workflowId.replace(/^case-/, '')) ?? []).map((e) => e.type);

    await worker.runUntil(async () => {
      const start = async (): Promise<WorkflowHandle> => {
        const at = new Date(await env.currentTimeMs()).toISOString();
        const input: CaseWorkflowInput = {
          caseId: randomUUID(),
          officeId: randomUUID(),
          personId: randomUUID(),
          category: 'DEPORTEE',
          arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: at, fromCountry: 'MY' },
          policyVersion: DEFAULT_SLA_POLICY.version,
          policy: DEFAULT_SLA_POLICY,
          calendar: createCalendar([]),
          slaTimeScale: 1,
          registeredBy: { userId: caseworker.userId, role: 'CASEWORKER' },
          registeredAt: at,
        };
        const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
          workflowId: caseWorkflowId(input.caseId),
          taskQueue,
          args: [input],
        });
        await handle.executeUpdate(awaitRegistrationUpdate);
        handles.push(handle);
        return handle;
      };
      try {
        // registration is due 4 h after each start; the three are 3.1 h, 1.5 h and 0 h in when the policy moves
        const late = await start();
        await env.sleep(1.6 * HOUR);
        const early = await start();
        await env.sleep(1.5 * HOUR);
        const fresh = await start();
        // only the first, 3.1 h in, has had its 50 % reminder (at 2 h; its 80 % is at 3.2 h)
        expect(handles.map((h) => types(h).filter((t) => t === 'sla.reminder').length)).toEqual([1, 0, 0]);

        // the preview says which would be late, and changes nothing
        const at = new Date(await env.currentTimeMs()).toISOString();
        const previews = await Promise.all(handles.map((h) => h.query(previewSlaPolicyQuery, { policy: SHORTER, at })));
        expect(previews.map((p) => p.clocks.map((c) => c.lateNow))).toEqual([[true], [false], [false]]);
        expect((await late.query(caseSnapshotQuery)).policyVersion).toBe(DEFAULT_SLA_POLICY.version);

        const migrationId = randomUUID();
        const move = (h: WorkflowHandle, policy: SlaPolicy, id = migrationId) =>
          h.executeUpdate(migrateSlaPolicyUpdate, {
            args: [{ migrationId: id, policy, actor: supervisor }],
            updateId: `sla-migration-${id}-${h.workflowId}`,
          });
        const outcomes = await Promise.all(handles.map((h) => move(h, SHORTER)));
        expect(outcomes.map((o) => o.outcome)).toEqual(['MOVED', 'MOVED', 'MOVED']);
        const started = Date.parse(outcomes[0]!.clocks[0]!.startedAt);
        expect(Date.parse(outcomes[0]!.clocks[0]!.newDueAt!)).toBe(started + 2.5 * HOUR);
        expect(Date.parse(outcomes[0]!.clocks[0]!.oldDueAt)).toBe(started + 4 * HOUR);

        // the late one breached and escalated at once; the others did not, and sent no reminder late (the early one's
        // 50 % under the new deadline, 1.25 h in, had passed)
        expect(types(late)).toEqual(
          expect.arrayContaining(['sla.policy_migrated', 'sla.breached', 'escalation.opened']),
        );
        expect(types(late).filter((t) => t === 'sla.reminder')).toHaveLength(1);
        for (const h of [early, fresh]) {
          expect(types(h)).toContain('sla.policy_migrated');
          expect(types(h)).not.toContain('sla.breached');
          expect(types(h)).not.toContain('escalation.opened');
          expect(types(h)).not.toContain('sla.reminder');
        }
        const snaps = await Promise.all(handles.map((h) => h.query(caseSnapshotQuery)));
        expect(snaps.map((s) => s.slaState)).toEqual(['OVERDUE', 'ON_TIME', 'ON_TIME']);
        expect(snaps.map((s) => s.escalationLevel)).toEqual([1, 0, 0]);
        expect(snaps.map((s) => s.policyVersion)).toEqual([SHORTER.version, SHORTER.version, SHORTER.version]);

        // the same migration again (a retry after a crash, or another run of the case): moved once
        expect((await move(late, SHORTER)).outcome).toBe('MOVED'); // the same update id: Temporal's answer again
        const again = await late.executeUpdate(migrateSlaPolicyUpdate, {
          args: [{ migrationId, policy: SHORTER, actor: supervisor }],
          updateId: `retry-${randomUUID()}`,
        });
        expect(again.outcome).toBe('ALREADY_MOVED');
        expect(types(late).filter((t) => t === 'sla.policy_migrated')).toHaveLength(1);

        // a longer policy un-lates nothing already breached: the breach and its escalation stand
        const longer = await move(late, LONGER, randomUUID());
        expect(longer.clocks[0]!.lateNow).toBe(false);
        const after = await late.query(caseSnapshotQuery);
        expect(after.slaState).toBe('OVERDUE');
        expect(after.escalationLevel).toBe(1);
        expect(after.policyVersion).toBe(LONGER.version);
        expect(types(late).filter((t) => t === 'escalation.opened')).toHaveLength(1);

        // the ones not late breach later, at their new deadline (2.5 h from their start): the early one first
        await env.sleep(1.3 * HOUR);
        expect(types(early)).toContain('sla.breached');
        expect(types(fresh)).not.toContain('sla.breached');
        // the fresh one's reminders come on time under the new deadline
        expect(types(fresh)).toContain('sla.reminder');
        if (process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(join(HISTORIES, 'case-sla-policy-migrated.json'), JSON.stringify(await late.fetchHistory()));
        }
      } finally {
        for (const h of handles) await h.terminate().catch(() => undefined);
      }
    });
  });
});
