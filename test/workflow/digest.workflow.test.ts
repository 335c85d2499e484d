// The daily digest workflow on the time-skipping server: started at 20:30Z, it wakes at every full hour of workflow
// time, exactly, and hands that hour to the activity (which finds WIT at 07:00 at 22:00Z, WITA at 23:00Z, WIB at
// 00:00Z); it goes on past a failed hour and past its continueAsNew with no hour skipped or repeated.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DigestActivities } from '../../src/activities/digest.activities';
import { DIGEST_LOCAL_HOUR, OFFICE_TIME_ZONES, officeClock, type OfficeTimeZone } from '../../workflows/definition';
import {
  DIGEST_HOURS_PER_RUN,
  DIGEST_WORKFLOW_ID,
  DIGEST_WORKFLOW_TYPE,
  type DigestWorkflowInput,
} from '../../workflows/digest.workflow';
import { createOwnTimeSkippingEnv, workflowBundle } from '../support/time-skipping';

const HISTORIES = resolve(__dirname, 'histories');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Call = { at: string; serverTime: number; zones: OfficeTimeZone[] };

jest.setTimeout(90000);

describe('the daily digest workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let stop: (() => Promise<void>) | undefined;

  // a server of its own: the test moves the clock a day and more ahead
  beforeAll(async () => {
    ({ env, stop } = await createOwnTimeSkippingEnv());
    await env.connection.testService!.lockTimeSkipping({});
  }, 90000);
  afterAll(async () => {
    await stop?.();
  });

  // a worker whose activity hands each hour to `seen` (which may throw) and queues nothing
  function digestWorker(taskQueue: string, seen: (at: string) => Promise<void>): Promise<Worker> {
    const activities: DigestActivities = {
      async queueDigests({ at }) {
        await seen(at);
        return { offices: 0, people: 0, dueToday: 0, overdue: 0 };
      },
    };
    return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities });
  }

  it('should call the activity at every full hour from 21:00Z, each office zone at its own 07:00', async () => {
    // to the next 20:30Z
    const now = await env.currentTimeMs();
    let start = Math.floor(now / DAY) * DAY + 20.5 * HOUR;
    if (start <= now) start += DAY;
    await env.sleep(start - now);

    const calls: Call[] = [];
    const failAt = new Date(start + 5.5 * HOUR).toISOString(); // 02:00Z: the activity gives up on this hour
    const taskQueue = 'digest-wf';
    const worker = await digestWorker(taskQueue, async (at) => {
      calls.push({
        at,
        serverTime: await env.currentTimeMs(),
        zones: OFFICE_TIME_ZONES.filter((z) => officeClock(Date.parse(at), z).hour === DIGEST_LOCAL_HOUR),
      });
      if (at === failAt) throw ApplicationFailure.nonRetryable('the database refused', 'TEST');
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(DIGEST_WORKFLOW_TYPE, {
        workflowId: DIGEST_WORKFLOW_ID,
        taskQueue,
        args: [{} satisfies DigestWorkflowInput],
      });
      try {
        // a day and four hours: past the first run's continueAsNew
        await env.sleep(DIGEST_HOURS_PER_RUN * HOUR + 4 * HOUR);
        const first = env.client.workflow.getHandle(DIGEST_WORKFLOW_ID, handle.firstExecutionRunId);
        const { status } = await first.describe();
        expect(status.name).toBe('CONTINUED_AS_NEW');
        if (process.env.RECORD_HISTORIES) {
          mkdirSync(HISTORIES, { recursive: true });
          writeFileSync(resolve(HISTORIES, 'digest-day.json'), JSON.stringify(await first.fetchHistory()));
        }
        const current = await env.client.workflow.getHandle(DIGEST_WORKFLOW_ID).describe();
        expect(current.status.name).toBe('RUNNING');
        expect(current.runId).not.toBe(handle.firstExecutionRunId);
      } finally {
        await env.client.workflow
          .getHandle(DIGEST_WORKFLOW_ID)
          .terminate()
          .catch(() => undefined);
      }
    });

    // every full hour from 21:00Z, once, in order, across the failed hour and the continueAsNew
    const hours = Array.from({ length: DIGEST_HOURS_PER_RUN + 4 }, (_, i) => new Date(start + (i + 0.5) * HOUR));
    expect(calls.map((c) => c.at)).toEqual(hours.map((h) => h.toISOString()));
    // at the hour itself in workflow time, not a minute later
    for (const c of calls) {
      expect(c.serverTime).toBeGreaterThanOrEqual(Date.parse(c.at));
      expect(c.serverTime - Date.parse(c.at)).toBeLessThan(60_000);
    }
    expect(calls.slice(0, 4).map((c) => [c.at.slice(11, 16), c.zones])).toEqual([
      ['21:00', []],
      ['22:00', ['Asia/Jayapura']],
      ['23:00', ['Asia/Makassar']],
      ['00:00', ['Asia/Jakarta']],
    ]);
    // each zone at its 07:00 once a day, the next day again at the same UTC hour
    expect(calls.filter((c) => c.zones.length > 0).map((c) => `${c.at.slice(8, 16)} ${c.zones.join()}`)).toEqual(
      [0, 1].flatMap((d) => {
        const day = (h: number) => new Date(start + d * DAY + (h - 20) * HOUR).toISOString().slice(8, 13);
        return [`${day(22)}:00 Asia/Jayapura`, `${day(23)}:00 Asia/Makassar`, `${day(24)}:00 Asia/Jakarta`];
      }),
    );
  });

  // the state of a run after a worker was away for five hours: the hour it carries is long past
  it('should not send the hours a stopped worker missed, only the current one, and go on hourly', async () => {
    const calls: string[] = [];
    const taskQueue = 'digest-wf-stale';
    const worker = await digestWorker(taskQueue, async (at) => {
      calls.push(at);
    });
    const now = await env.currentTimeMs();
    const current = Math.floor(now / HOUR) * HOUR;
    const handle = await env.client.workflow.start(DIGEST_WORKFLOW_TYPE, {
      workflowId: DIGEST_WORKFLOW_ID,
      taskQueue,
      args: [{ nextAt: new Date(current - 5 * HOUR).toISOString() } satisfies DigestWorkflowInput],
    });
    try {
      await worker.runUntil(() => env.sleep(current + 2.5 * HOUR - now));
    } finally {
      await handle.terminate().catch(() => undefined);
    }
    expect(calls).toEqual([0, 1, 2].map((h) => new Date(current + h * HOUR).toISOString()));
  });
});
