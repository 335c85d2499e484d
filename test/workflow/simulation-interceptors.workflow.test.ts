import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY } from '../../workflows/definition';
import { awaitRegistrationUpdate, performActionUpdate } from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  SIMULATION_TASK_QUEUE_PREFIX,
  type CaseAction,
  type CaseWorkflowInput,
} from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

jest.setTimeout(60000);

// workflows/simulation.interceptors.ts, in the bundle the worker runs: on a what-if's task queue the case's
// activities are handed out through the simulation's sink and answered at once (no activity task, no local activity),
// on any other queue they run as they always have.
describe('the what-if interceptor of the workflow bundle', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // time stands still (a server of its own, locked), so no reminder falls between the two actions
    ({ env, stop } = await createOwnTimeSkippingEnv());
    await env.connection.testService!.lockTimeSkipping({});
  });
  afterAll(async () => {
    await stop?.();
  });

  // registers a case on `taskQueue` and completes its registration; the event types of its history, and the
  // activities the worker ran
  async function caseOn(taskQueue: string): Promise<{ types: string[]; ran: string[]; handed: [number, string][] }> {
    const ran: string[] = [];
    const activities: CaseActivities = {
      async applyCaseEffects(args) {
        ran.push(args.effects.events.map((e) => e.type).join(','));
        return { caseNumber: 'T' };
      },
      async recordReferral() {},
      async resendReferralNotice() {},
      async queueNotifications() {},
    };
    // what the sink was handed: the call's number within its workflow, its type and argument
    const handed: [number, string][] = [];
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
      sinks: {
        simulation: {
          activity: {
            fn(_info: unknown, seq: number, type: string, arg: unknown) {
              handed.push([seq, type]);
              if (type === 'applyCaseEffects') void activities.applyCaseEffects(arg as never);
            },
          },
        },
      },
    });
    return worker.runUntil(async () => {
      const at = new Date(await env.currentTimeMs()).toISOString();
      const input: CaseWorkflowInput = {
        caseId: randomUUID(),
        officeId: randomUUID(),
        personId: randomUUID(),
        category: 'DEPORTEE',
        arrival: { point: 'simulation', arrivedAt: at, fromCountry: 'MY' },
        policyVersion: DEFAULT_SLA_POLICY.version,
        policy: DEFAULT_SLA_POLICY,
        calendar: createCalendar([]),
        slaTimeScale: 1,
        registeredBy: { userId: randomUUID(), role: 'CASEWORKER' },
        registeredAt: at,
      };
      const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
      });
      await handle.executeUpdate(awaitRegistrationUpdate);
      const action = { type: 'complete-registration', payload: {}, actor: input.registeredBy } as CaseAction;
      const snapshot = await handle.executeUpdate(performActionUpdate, { args: [action] });
      expect(snapshot.currentStep).toBe('SCREENING');
      const history = await handle.fetchHistory();
      await handle.terminate('test over');
      // a local activity is recorded as a marker of its own name (patch markers have another)
      const types = (history.events ?? []).map((e) =>
        e.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? 'LOCAL_ACTIVITY' : String(e.eventType),
      );
      return { types, ran, handed };
    });
  }

  const count = (types: string[], type: string) => types.filter((t) => t === type).length;
  // temporal.api.enums.v1.EventType
  const ACTIVITY_TASK_SCHEDULED = '10';

  it('should hand the case activities to the sink on a what-if task queue, and only there', async () => {
    const simulated = await caseOn(`${SIMULATION_TASK_QUEUE_PREFIX}${randomUUID()}`);
    const office = await caseOn(`cases-${randomUUID()}`);

    // the same work: the registration, then the completed step
    const written = ['case.registered,step.started', 'registration.completed,step.completed,step.started'];
    expect(simulated.ran).toEqual(written);
    expect(office.ran).toEqual(written);
    // in a what-if: two calls handed to the sink, numbered; no activity task, no local activity
    expect(simulated.handed).toEqual([
      [1, 'applyCaseEffects'],
      [2, 'applyCaseEffects'],
    ]);
    expect(count(simulated.types, ACTIVITY_TASK_SCHEDULED)).toBe(0);
    expect(count(simulated.types, 'LOCAL_ACTIVITY')).toBe(0);
    // in an office: two activity tasks, no local activity, nothing handed to the sink
    expect(office.handed).toEqual([]);
    expect(count(office.types, ACTIVITY_TASK_SCHEDULED)).toBe(2);
    expect(count(office.types, 'LOCAL_ACTIVITY')).toBe(0);
  });
});
