// The what-if engine (issue 20): the real case workflow code (the bundle the worker runs) on Temporal's time-skipping
// test server, each case of the set run twice, once under each policy compared, with the people of actor.ts acting on
// both at the same simulated moments. The case's activity calls never run as activities: the bundle's interceptor
// hands each out of its workflow through a sink (workflows/simulation.interceptors.ts), and the simulation keeps each
// case's events in memory (nothing reaches PostgreSQL, no partner is notified); results.ts counts them.
//
// Time is driven here, not left to the server: time skipping is locked, and a small scheduler moves the clock to the
// next moment someone acts (env.sleep), once every case has settled at the current one. So a case's reminders,
// breaches and escalations fire exactly when the policy says, between the actions, as they would in an office.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type InjectedSinks, type WorkerOptions } from '@temporalio/worker';
import type { SimulationSinks } from '../../workflows/simulation.interceptors';
import { ensureTestServer, startTestServers } from '../../scripts/infra/test-server';
import { freePort } from '../../scripts/infra/processes';
import type { HolidayCalendar, OfficeTimeZone, Role, SlaPolicy, StepId } from '../../workflows/definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  performActionUpdate,
  referralAnswerUpdate,
  type ReferralAnswer,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  referralWorkflowId,
  type CaseAction,
  type CaseWorkflowInput,
} from '../../workflows/types';
import type { CaseActivities } from '../activities/case.activities';
import { playCase, type SimDriver } from './actor';
import type { SimCase } from './case-set';
import type { CaseRecord } from './results';

export type WorkflowSource = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;
export type SimPolicy = { label: string; policy: SlaPolicy };
// one case under one policy: what the people did (case, and when: actedAt), what the workflows wrote (record), and
// how many activity calls it handed to the sink (tasks)
type SimulatedCase = CaseRecord & { case: SimCase; actedAt: number[]; tasks: number };

export type SimulationRun = {
  cases: SimCase[];
  policies: SimPolicy[];
  calendar: HolidayCalendar;
  timeZone?: OfficeTimeZone;
  // arrivals spread evenly over this many ms from the start (a month by default), so weekends and holidays fall
  // as they do in an office, not all on the same day
  arrivalsOverMs?: number;
  // stop each case when it reaches this step (the hand-computed test's "one step")
  until?: StepId;
  // cases finished (of both policies) and the total, as they come
  onProgress?: (done: number, total: number) => void;
  // the worker's workflows: its bundle (WORKFLOW_BUNDLE_PATH) or the workflows/ folder
  workflows: WorkflowSource;
  // the people act on the whole resolution (a minute by default): those acting within the same span act together
  resolutionMs?: number;
  // time-skipping servers run side by side, in one JVM (4 by default: while one waits for its clock to move on,
  // the others keep the cores busy; 1,000 cases took 326 s on 2, 266 s on 3, 254 s on 4)
  shards?: number;
};

const MINUTE = 60_000;
export const DEFAULT_SHARDS = 4;
const MAX_GRID = 6 * 60 * MINUTE;
const DAY = 24 * 60 * MINUTE;
const STAFF = {
  CASEWORKER: '5c000000-0000-4000-8000-000000000001',
  SUPERVISOR: '5c000000-0000-4000-8000-000000000002',
};

// what one run gives: each case's record, and when its people acted (the bench replays those on bare workflows)
export type SimulationOutcome = {
  cases: (CaseRecord & { actedAt: number[]; tasks: number })[];
  simulatedFrom: number;
  moves: { count: number; ms: number };
};

// The cases are shared out among `shards` time-skipping servers run side by side (each waits on its clock's moves for
// much of its time, so several keep both cores busy), all in one JVM; a case and its twin under the other policy stay
// on one.
export async function runSimulation(run: SimulationRun): Promise<SimulationOutcome> {
  const shards = Math.max(1, Math.min(run.shards ?? DEFAULT_SHARDS, run.cases.length));
  const { classpath, wrapper } = await ensureTestServer(() => undefined);
  const total = run.cases.length * run.policies.length;
  let done = 0;
  const finished = () => {
    done += 1;
    run.onProgress?.(done, total);
  };
  const ports: number[] = [];
  while (ports.length < shards) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers = await startTestServers(classpath, ports);
  let parts: SimulationOutcome[];
  try {
    parts = await Promise.all(
      ports.map(async (port, k) => {
        const mine = run.cases.map((c, index) => ({ c, index })).filter((x) => x.index % shards === k);
        const env = await TestWorkflowEnvironment.createTimeSkipping({
          server: { executable: { type: 'existing-path', path: wrapper }, port },
        });
        try {
          await env.connection.testService!.lockTimeSkipping({});
          return await simulate(env, run, mine, finished);
        } finally {
          await env.teardown().catch(() => undefined);
        }
      }),
    );
  } finally {
    await servers.stop();
  }
  // each server began at its own moment: the records are moved onto the first's timeline
  const simulatedFrom = parts[0]!.simulatedFrom;
  const cases = parts.flatMap((p) => {
    const shift = simulatedFrom - p.simulatedFrom;
    return p.cases.map((c) => ({ ...c, startedAt: c.startedAt + shift, actedAt: c.actedAt.map((t) => t + shift) }));
  });
  const moves = parts.reduce((m, p) => ({ count: m.count + p.moves.count, ms: m.ms + p.moves.ms }), {
    count: 0,
    ms: 0,
  });
  return { cases, simulatedFrom, moves };
}

async function simulate(
  env: TestWorkflowEnvironment,
  run: SimulationRun,
  mine: { c: SimCase; index: number }[],
  finished: () => void,
): Promise<SimulationOutcome> {
  const taskQueue = `what-if-${randomUUID()}`;
  const byCaseId = new Map<string, SimulatedCase>();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...run.workflows,
    sinks: simulatedSinks(byCaseId),
    maxConcurrentWorkflowTaskExecutions: 40,
    maxCachedWorkflows: 4000,
  });
  const clock = new SimClock(await env.currentTimeMs(), (ms) => env.sleep(ms), run.resolutionMs);
  const simulatedFrom = clock.now();
  const all: SimulatedCase[] = [];
  const officeId = randomUUID();
  const over = run.arrivalsOverMs ?? 30 * DAY;
  const calendar = throughYears(run.calendar, new Date(simulatedFrom).getUTCFullYear(), 3);

  await worker.runUntil(async () => {
    const plays: Promise<void>[] = [];
    mine.forEach(({ c, index }) => {
      const startAt = simulatedFrom + Math.round((over * index) / Math.max(1, run.cases.length));
      for (const p of run.policies) {
        const sim: SimulatedCase = {
          policy: p.label,
          tier: c.tier,
          case: c,
          startedAt: startAt,
          events: [],
          partner: [],
          actedAt: [],
          tasks: 0,
        };
        all.push(sim);
        plays.push(
          clock.task(async () => {
            try {
              await clock.at(startAt);
              const handle = await start(env, taskQueue, sim, p.policy, run, calendar, officeId, byCaseId, clock.now());
              await playCase(c, driver(env, handle, clock, sim.actedAt), run.until);
              // stopped at a step: the case counts no more from there (that step's clock would run on)
              if (run.until) {
                await handle.terminate('the simulation stops here');
                sim.events = sim.events.filter((e) => !(e.type === 'step.started' && e.data.step === run.until));
              }
            } catch (err) {
              sim.failed = reasonOf(err);
            } finally {
              finished();
            }
          }),
        );
      }
    });
    await clock.drive();
    await Promise.all(plays);
  });
  return { cases: all.map(({ case: _played, ...record }) => record), simulatedFrom, moves: clock.moves };
}

async function start(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  sim: SimulatedCase,
  policy: SlaPolicy,
  run: SimulationRun,
  calendar: HolidayCalendar,
  officeId: string,
  byCaseId: Map<string, SimulatedCase>,
  now: number,
): Promise<WorkflowHandle> {
  const caseId = randomUUID();
  byCaseId.set(caseId, sim);
  const input: CaseWorkflowInput = {
    caseId,
    officeId,
    personId: randomUUID(),
    category: sim.case.category,
    arrival: { point: 'simulation', arrivedAt: new Date(now).toISOString(), fromCountry: 'MY' },
    policyVersion: policy.version,
    policy,
    calendar,
    timeZone: run.timeZone,
    slaTimeScale: 1,
    registeredBy: { userId: STAFF.CASEWORKER, role: 'CASEWORKER' },
    registeredAt: new Date(now).toISOString(),
  };
  const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [input],
  });
  await handle.executeUpdate(awaitRegistrationUpdate);
  return handle;
}

function driver(env: TestWorkflowEnvironment, handle: WorkflowHandle, clock: SimClock, actedAt: number[]): SimDriver {
  return {
    now: () => clock.now(),
    at: (t) => clock.at(t),
    act: (type, payload, role: Role = 'CASEWORKER') => {
      actedAt.push(clock.now());
      const actor = { userId: STAFF[role as keyof typeof STAFF] ?? STAFF.CASEWORKER, role };
      return retried(() =>
        handle.executeUpdate(performActionUpdate, { args: [{ type, payload, actor } as CaseAction] }),
      ).catch((err: unknown) => {
        throw new Error(`${type}: ${reasonOf(err)}`);
      });
    },
    answer: async (referralId, answer: ReferralAnswer) => {
      actedAt.push(clock.now());
      await retried(() =>
        env.client.workflow.getHandle(referralWorkflowId(referralId)).executeUpdate(referralAnswerUpdate, {
          args: [answer],
        }),
      ).catch((err: unknown) => {
        throw new Error(`partner ${answer.type}: ${reasonOf(err)}`);
      });
    },
    snapshot: async (ready) => {
      // a signal from a referral reaches the case a moment after the partner's answer: wait for it, in real time
      for (let i = 0; ; i += 1) {
        const s = await handle.query(caseSnapshotQuery);
        if (!ready || ready(s) || i >= 200) return s;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

// A year the office has no holidays loaded for counts weekends only, in the simulation as in a real case; marked
// as known here, so that 2,000 simulated cases do not each log the warning a real one logs.
function throughYears(calendar: HolidayCalendar, from: number, years: number): HolidayCalendar {
  const out = { ...calendar, years: { ...calendar.years } };
  for (let y = from; y < from + years; y += 1) out.years[y] ??= [];
  return out;
}

// a refused Update's own reason (its cause), not the client's "Workflow Update failed"
function reasonOf(err: unknown): string {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  return (cause as Error | undefined)?.message ?? (err as Error).message ?? String(err);
}

// An action the case refuses as not allowed (ACTION_NOT_ALLOWED), which happens when it has not yet taken in a
// signal (a referral accepted a moment ago), is tried again a few times; any other failure is the simulation's
// fault and ends the case's run at once.
async function retried<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i += 1) {
    try {
      return await fn();
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      if (!(cause instanceof ApplicationFailure) || cause.type !== 'ACTION_NOT_ALLOWED' || i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

// The case's activity calls, as the bundle's interceptor hands them out of a simulated workflow
// (workflows/simulation.interceptors.ts), each taken once even when a workflow task made it twice
function simulatedSinks(byCaseId: Map<string, SimulatedCase>): InjectedSinks<SimulationSinks> {
  const activities = simulatedActivities(byCaseId);
  const taken = new Map<string, number>();
  return {
    simulation: {
      activity: {
        fn(info, seq, activityType, arg) {
          if (seq <= (taken.get(info.runId) ?? 0)) return;
          taken.set(info.runId, seq);
          const activity = activities[activityType as keyof CaseActivities] as (a: unknown) => Promise<unknown>;
          void activity(arg);
        },
      },
    },
  };
}

function simulatedActivities(byCaseId: Map<string, SimulatedCase>): CaseActivities {
  const of = (caseId: string) => {
    const sim = byCaseId.get(caseId);
    if (sim) sim.tasks += 1;
    return sim;
  };
  return {
    async applyCaseEffects(args) {
      of(args.caseId)?.events.push(...args.effects.events);
      return { caseNumber: 'SIM' };
    },
    // a partner's deadlines: to acknowledge from the sending, to decide from the acknowledgement
    async recordReferral(args) {
      const sim = of(args.caseId);
      const phase =
        args.referral.status === 'SENT' ? 'ACK' : args.referral.status === 'ACKNOWLEDGED' ? 'DECISION' : null;
      if (phase) sim?.partner.push({ kind: 'DEADLINE', phase });
    },
    // a silent partner's reminders: past its deadline (level 1) and twice it (level 2)
    async queueNotifications(args) {
      const sim = of(args.caseId);
      for (const n of args.items) {
        const d = n.data as { phase?: 'ACK' | 'DECISION'; level?: 1 | 2 };
        if (n.type === 'referral.reminder' && d.phase && d.level)
          sim?.partner.push({ kind: 'SILENCE', phase: d.phase, level: d.level });
      }
    },
    // the referral sent again at half the time to acknowledge (round 1); round 2 goes with the level-1 reminder
    async resendReferralNotice(args) {
      const sim = of(args.caseId);
      if (args.round === 1) sim?.partner.push({ kind: 'REMINDER', phase: 'ACK' });
    },
  };
}

// A discrete-event clock over the test server's: every case's play is a task; a task waiting for a moment (at) is
// idle. When all are idle, the clock moves to the earliest moment any waits for, and wakes those.
export class SimClock {
  private current: number;
  private active = 0;
  private waiting: { t: number; wake: () => void }[] = [];
  private idle: (() => void) | null = null;
  // how often, and how long in all (real ms), the clock waited for the server to move time on
  readonly moves = { count: 0, ms: 0 };

  constructor(
    start: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly resolutionMs = MINUTE,
  ) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  task<T>(fn: () => Promise<T>): Promise<T> {
    this.active += 1;
    return fn().finally(() => this.settle());
  }

  // A wait is rounded up onto a grid as fine as a fiftieth of it (a minute at least, six hours at most): a
  // follow-up a month away lands on the same quarter of a day as the other cases', so the clock moves once for all.
  at(t: number): Promise<void> {
    const ahead = t - this.current;
    const grid = Math.min(
      MAX_GRID,
      Math.max(this.resolutionMs, Math.floor(ahead / 50 / this.resolutionMs) * this.resolutionMs),
    );
    const due = ahead > 0 ? Math.ceil(t / grid) * grid : this.current;
    return new Promise<void>((wake) => {
      this.waiting.push({ t: due, wake: () => ((this.active += 1), wake()) });
      this.settle();
    });
  }

  private settle(): void {
    this.active -= 1;
    if (this.active === 0) this.idle?.();
  }

  async drive(): Promise<void> {
    for (;;) {
      if (this.active > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      this.idle = null;
      if (this.waiting.length === 0) return;
      // to the whole minute: the cases acting in the same minute act together
      const res = this.resolutionMs;
      const next = Math.ceil(Math.min(...this.waiting.map((w) => w.t)) / res) * res;
      if (next > this.current) {
        const began = Date.now();
        await this.sleep(next - this.current);
        this.moves.count += 1;
        this.moves.ms += Date.now() - began;
      }
      this.current = Math.max(this.current, next);
      const due = this.waiting.filter((w) => w.t <= this.current);
      this.waiting = this.waiting.filter((w) => w.t > this.current);
      for (const w of due) w.wake();
    }
  }
}
