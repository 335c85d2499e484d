// The partner deliveries workflow of one agency (issue 21) on the time-skipping server, its round activity a script:
// rounds follow each other while the queue is full, each round's outcomes go to their cases in one signal per case
// and are marked as told by the next round, it sleeps until the next retry is due and wakes when deliveries are
// queued. Its history is recorded for the replay test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { NotificationActivities } from '../../src/activities/notification.activities';
import type { UnreportedOutcome } from '../../src/partners/notification-delivery.repository';
import { deliveriesQueuedSignal } from '../../workflows/messages';
import {
  PARTNER_DELIVERIES_WORKFLOW_TYPE,
  partnerDeliveriesWorkflowId,
  type PartnerDeliveriesInput,
} from '../../workflows/partner-deliveries.workflow';
import { caseWorkflowId } from '../../workflows/types';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const CASE_A = '00000000-0000-4000-8000-00000000c00a';
const CASE_B = '00000000-0000-4000-8000-00000000c00b';

type Round = Awaited<ReturnType<NotificationActivities['deliverPartnerNotifications']>>;

const outcome = (deliveryId: string, caseId: string, delivered = true): UnreportedOutcome => ({
  deliveryId,
  eventId: `00000000-0000-4000-8000-${deliveryId.padStart(12, '0')}`,
  caseId,
  type: 'referral.sent',
  agencyId: AGENCY,
  outcome: delivered ? 'DELIVERED' : 'FAILED',
  attempts: delivered ? 1 : 9,
  error: delivered ? null : 'ECONNREFUSED',
});

jest.setTimeout(90000);

// real time: what the worker does at once
async function until(done: () => boolean): Promise<void> {
  for (let t = 0; !done(); t += 1) {
    if (t > 300) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the partner deliveries workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ env, stop } = await createOwnTimeSkippingEnv());
    // the clock moves only when the test says so (env.sleep), not while the worker starts on the first task
    await env.connection.testService!.lockTimeSkipping({});
  }, 90000);
  afterAll(async () => {
    await stop?.();
  });

  it('should drain in rounds, tell each case once per round, sleep until the retry and wake when queued', async () => {
    const taskQueue = 'notify21-wf';
    // what each round answers, in order; then an idle round
    const script: Round[] = [
      { outcomes: [outcome('1', CASE_A), outcome('2', CASE_A), outcome('3', CASE_B)], more: true, nextDueInMs: null },
      { outcomes: [outcome('4', CASE_B, false)], more: false, nextDueInMs: 60_000 },
      { outcomes: [], more: false, nextDueInMs: null },
    ];
    const calls: { reported: string[]; at: number }[] = [];
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: {
        async deliverPartnerNotifications(args: { agencyId: string; reported: string[] }): Promise<Round> {
          expect(args.agencyId).toBe(AGENCY);
          calls.push({ reported: args.reported, at: await env.currentTimeMs() });
          return script[calls.length - 1] ?? { outcomes: [], more: false, nextDueInMs: null };
        },
      },
    });
    const workflowId = partnerDeliveriesWorkflowId(taskQueue, AGENCY);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(PARTNER_DELIVERIES_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [{ agencyId: AGENCY } satisfies PartnerDeliveriesInput],
      });
      try {
        // round 1 (full), round 2 at once, round 3 when the retry is due a minute later
        await until(() => calls.length >= 2);
        await env.sleep(61_000);
        await until(() => calls.length >= 3);
        expect(calls.map((c) => c.reported)).toEqual([[], ['1', '2', '3'], ['4']]);
        expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(60_000);
        // idle now, until deliveries are queued
        await env.sleep(3_600_000);
        expect(calls).toHaveLength(3);
        await handle.signal(deliveriesQueuedSignal);
        await until(() => calls.length >= 4);
        expect(calls[3]!.reported).toEqual([]);

        // one signal a case a round: A and B after round 1, B after round 2 (the cases do not run here)
        const history = await handle.fetchHistory();
        const signalled = (history.events ?? [])
          .map((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)
          .filter((a) => a)
          .map((a) => `${a!.signalName} ${a!.workflowExecution!.workflowId}`);
        expect(signalled.sort()).toEqual(
          [
            `notifications ${caseWorkflowId(CASE_A)}`,
            `notifications ${caseWorkflowId(CASE_B)}`,
            `notifications ${caseWorkflowId(CASE_B)}`,
          ].sort(),
        );
        if (process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(resolve(HISTORIES, 'partner-deliveries-rounds.json'), JSON.stringify(history));
        }
      } finally {
        await handle.terminate().catch(() => undefined);
      }
    });
  });
});
