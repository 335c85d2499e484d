import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { awaitRegistrationUpdate, caseSnapshotQuery } from '../../workflows/messages';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type CaseWorkflowInput } from '../../workflows/types';
import { createTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

type Call = { name: keyof CaseActivities; args: unknown; at: number };

// Typed fakes of the activities: they record what the workflow asked for and at which (skipped) time.
function fakeActivities(env: TestWorkflowEnvironment, calls: Call[]): CaseActivities {
  return {
    async registerCase(args) {
      calls.push({ name: 'registerCase', args, at: await env.currentTimeMs() });
      return { caseNumber: 'TEST-2026-000001' };
    },
    async recordStepOverdue(args) {
      calls.push({ name: 'recordStepOverdue', args, at: await env.currentTimeMs() });
    },
  };
}

function input(overrides: Partial<CaseWorkflowInput>, now: number): CaseWorkflowInput {
  return {
    caseId: randomUUID(),
    officeId: randomUUID(),
    personId: randomUUID(),
    category: 'DEPORTEE',
    arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: new Date(now).toISOString(), fromCountry: 'MY' },
    policyVersion: 'test',
    slaTimeScale: 1,
    registeredBy: { userId: null, role: 'CASEWORKER' },
    registeredAt: new Date(now).toISOString(),
    ...overrides,
  };
}

async function eventually(check: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('caseWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let calls: Call[];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(() => {
    calls = [];
  });

  // A fresh worker on a task queue of its own per test, shut down by runUntil whatever the test does, so that
  // nothing one test left scheduled can reach the next one's fakes.
  async function withWorker(fn: (taskQueue: string) => Promise<void>): Promise<void> {
    const taskQueue = `case-wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: fakeActivities(env, calls),
    });
    await worker.runUntil(() => fn(taskQueue));
  }

  // What POST /cases does: start the workflow, then wait for its registration to be written.
  async function registerCase(taskQueue: string, wfInput: CaseWorkflowInput) {
    const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(wfInput.caseId), taskQueue, args: [wfInput] });
    const snapshot = await handle.executeUpdate(awaitRegistrationUpdate);
    return { handle, snapshot };
  }

  it('should write the registration, with seq 1, before the registration update answers', async () => {
    const now = await env.currentTimeMs();
    const wfInput = input({ category: 'TPPO_VICTIM' }, now);
    await withWorker(async (taskQueue) => {
      const { handle, snapshot } = await registerCase(taskQueue, wfInput);
      expect(calls.map((c) => c.name)).toEqual(['registerCase']);
      expect(calls[0]!.args).toMatchObject({ seq: 1, input: { caseId: wfInput.caseId }, workflowId: `case-${wfInput.caseId}` });
      expect(snapshot).toMatchObject({ status: 'OPEN', currentStep: 'REGISTRATION', escalationLevel: 0, lastEventSeq: 1 });
      // A trafficking victim is registered against the HIGH deadline: 1 h.
      expect(Date.parse(snapshot.dueAt!) - now).toBe(60 * 60 * 1000);
      await handle.terminate();
    });
  });

  it('should skip days of a registration deadline in well under a second and record the breach at the deadline', async () => {
    const now = await env.currentTimeMs();
    // MEDIUM registration (4 h) scaled by 24: a deadline 4 days away.
    const wfInput = input({ category: 'DEPORTEE', slaTimeScale: 24 }, now);
    await withWorker(async (taskQueue) => {
      const { handle } = await registerCase(taskQueue, wfInput);
      const started = Date.now();
      await env.sleep('5 days');
      const wallMs = Date.now() - started;
      expect(wallMs).toBeLessThan(1000);

      // the timer has fired on the server; the workflow then runs the activity (real time, not skipped)
      await eventually(() => calls.some((c) => c.name === 'recordStepOverdue'));
      const overdue = calls.find((c) => c.name === 'recordStepOverdue');
      expect(overdue!.args).toMatchObject({ caseId: wfInput.caseId, seq: 2, step: 'REGISTRATION' });
      const dueAt = Date.parse((overdue!.args as { dueAt: string }).dueAt);
      expect(dueAt - now).toBe(4 * 24 * 60 * 60 * 1000);
      expect(overdue!.at).toBeGreaterThanOrEqual(dueAt);

      const snapshot = await handle.query(caseSnapshotQuery);
      expect(snapshot).toMatchObject({ escalationLevel: 1, lastEventSeq: 2 });
      await handle.terminate();
    });
  });

  it('should not breach a deadline that has not passed', async () => {
    const now = await env.currentTimeMs();
    const wfInput = input({ category: 'DEPORTEE' }, now);
    await withWorker(async (taskQueue) => {
      const { handle } = await registerCase(taskQueue, wfInput);
      await env.sleep('3 hours');
      // give a wrongly early breach every chance to show up
      await new Promise((r) => setTimeout(r, 500));
      expect(calls.map((c) => c.name)).toEqual(['registerCase']);
      expect(await handle.query(caseSnapshotQuery)).toMatchObject({ escalationLevel: 0 });
      await handle.terminate();
    });
  });
});
