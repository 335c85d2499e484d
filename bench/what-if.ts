// `npm run bench:what-if`: how long a what-if of BENCH_WHATIF_CASES synthetic cases (1,000; issue 20's goal: within
// 5 minutes on 2 cores) takes, each case played to its closure under the default policy and under a draft, on the
// real case workflow and a time-skipping server of its own, as the worker runs it (src/simulations/engine.ts).
// Baseline in the same run: the same number of bare workflows (bench/workflows/baseline.workflow.ts) on a server of
// their own, each taking one Update at every moment its case's people acted, under the same scheduler: what the
// engine costs for the same simulated work without the case's own code.
// Results: bench/results/what-if.json and .md.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../src/temporal/workflow-bundle';
import { ensureTestServer, startTestServer } from '../scripts/infra/test-server';
import { freePort } from '../scripts/infra/processes';
import { createCalendar, DEFAULT_SLA_POLICY, type SlaPolicy } from '../workflows/definition';
import { SIMULATION_TASK_QUEUE_PREFIX } from '../workflows/types';
import { syntheticCases } from '../src/simulations/case-set';
import { runSimulation, SimClock, type SimulationOutcome } from '../src/simulations/engine';
import { countOutcomes } from '../src/simulations/results';
import { baselineStepUpdate } from './workflows/baseline.workflow';
import { benchCommit, log, ratio, runBench, writeResults } from './support/stack';

const CASES = Number(process.env.BENCH_WHATIF_CASES ?? 1000);
const RESOLUTION_MS = Number(process.env.BENCH_WHATIF_RESOLUTION_MS ?? 60_000);
const SHARDS = process.env.BENCH_WHATIF_SHARDS ? Number(process.env.BENCH_WHATIF_SHARDS) : undefined;
// the floor also for this many times the cases (5 with 200 cases: the floor of 1,000 without running them)
const FLOOR_TIMES = Number(process.env.BENCH_WHATIF_FLOOR_TIMES ?? 1);
const GOAL_S = 300;

// the draft of the run: every step's deadline half as long, reminders at 50 % only, level 2 at 150 %
function halved(p: SlaPolicy): SlaPolicy {
  const deadlines = Object.fromEntries(
    Object.entries(p.deadlines).map(([step, byTier]) => [
      step,
      Object.fromEntries(
        Object.entries(byTier).map(([tier, d]) => [tier, d && { ...d, amount: Math.max(1, Math.round(d.amount / 2)) }]),
      ),
    ]),
  ) as SlaPolicy['deadlines'];
  return { version: 'bench-halved', deadlines, reminderPercents: [50], level2Percent: 150 };
}

async function bareRun(outcome: SimulationOutcome, codePath: string): Promise<number> {
  const began = Date.now();
  const { classpath, wrapper } = await ensureTestServer(() => undefined);
  const server = await startTestServer(classpath, await freePort());
  try {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: wrapper }, port: server.port },
    });
    await env.connection.testService!.lockTimeSkipping({});
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'what-if-bare',
      workflowBundle: { codePath },
      // a what-if's queue (what-if-): the activity is handed out through the bundle's sink, as the what-if's are
      sinks: { simulation: { activity: { fn: () => undefined } } },
      maxConcurrentWorkflowTaskExecutions: 40,
      maxCachedWorkflows: 4000,
    });
    const clock = new SimClock(await env.currentTimeMs(), (ms) => env.sleep(ms), RESOLUTION_MS);
    const shift = clock.now() - outcome.simulatedFrom;
    await worker.runUntil(async () => {
      const plays = outcome.cases.map((c, i) =>
        clock.task(async () => {
          await clock.at(c.startedAt + shift);
          const handle = await env.client.workflow.start('baselineWorkflow', {
            workflowId: `bare-${i}`,
            taskQueue: 'what-if-bare',
            args: [c.actedAt.length],
          });
          for (const t of c.actedAt) {
            await clock.at(t + shift);
            await handle.executeUpdate(baselineStepUpdate);
          }
        }),
      );
      await clock.drive();
      await Promise.all(plays);
    });
    await env.teardown();
  } finally {
    await server.stop();
  }
  return (Date.now() - began) / 1000;
}

// The floor: as many bare workflows as the what-if ran, each taking as many Updates (each with its activity) as its
// case had workflow tasks that wrote something (its people's actions and its deadlines' reminders, breaches and
// escalations), all at once, with no clock to wait for, on as many servers as the what-if used. No run of the what-if
// on this engine can be faster than these workflow tasks alone.
async function floorRun(outcome: SimulationOutcome, codePath: string, shards: number, times: number): Promise<number> {
  const began = Date.now();
  const all = Array.from({ length: times }, () => outcome.cases).flat();
  const { classpath, wrapper } = await ensureTestServer(() => undefined);
  await Promise.all(
    Array.from({ length: shards }, async (_, k) => {
      const mine = all.filter((_c, i) => i % shards === k);
      const server = await startTestServer(classpath, await freePort());
      try {
        const env = await TestWorkflowEnvironment.createTimeSkipping({
          server: { executable: { type: 'existing-path', path: wrapper }, port: server.port },
        });
        await env.connection.testService!.lockTimeSkipping({});
        const taskQueue = `${SIMULATION_TASK_QUEUE_PREFIX}floor-${k}`;
        const worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle: { codePath },
          sinks: { simulation: { activity: { fn: () => undefined } } },
          maxConcurrentWorkflowTaskExecutions: 40,
          maxCachedWorkflows: 4000,
        });
        await worker.runUntil(async () => {
          let next = 0;
          const lane = async () => {
            for (let i = next++; i < mine.length; i = next++) {
              const handle = await env.client.workflow.start('baselineWorkflow', {
                workflowId: `floor-${k}-${i}`,
                taskQueue,
                args: [mine[i]!.tasks],
              });
              for (let u = 0; u < mine[i]!.tasks; u += 1) await handle.executeUpdate(baselineStepUpdate);
            }
          };
          await Promise.all(Array.from({ length: 100 }, lane));
        });
        await env.teardown();
      } finally {
        await server.stop();
      }
    }),
  );
  return (Date.now() - began) / 1000;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const log2 = (line: string) => log(`what-if: ${line}`);
  const code = await bundleWorkflows(resolve(__dirname, 'workflows'));
  const codePath = resolve(tmpdir(), `rujukan-what-if-bench-${process.pid}.js`);
  writeFileSync(codePath, code);
  const cases = syntheticCases({
    cases: CASES,
    seed: 2026,
    tiers: { HIGH: 20, MEDIUM: 50, LOW: 30 },
    silentPartnerPercent: 10,
    declinePercent: 10,
    unreachablePercent: 10,
  });
  const draft = halved(DEFAULT_SLA_POLICY);
  const began = Date.now();
  let lastLogged = 0;
  const outcome = await runSimulation({
    cases,
    policies: [
      { label: 'IN_FORCE', policy: DEFAULT_SLA_POLICY },
      { label: 'DRAFT', policy: draft },
    ],
    calendar: createCalendar([]),
    workflows: { workflowBundle: { codePath } },
    resolutionMs: RESOLUTION_MS,
    shards: SHARDS,
    onProgress: (done, total) => {
      if (Date.now() - lastLogged > 10_000 || done === total) {
        lastLogged = Date.now();
        log2(`${done}/${total} cases at ${Math.round((Date.now() - began) / 1000)} s`);
      }
    },
  });
  const seconds = (Date.now() - began) / 1000;
  const [inForce, halvedOutcome] = countOutcomes(outcome.cases, [
    { label: 'IN_FORCE', version: DEFAULT_SLA_POLICY.version },
    { label: 'DRAFT', version: draft.version },
  ]);
  const actions = outcome.cases.reduce((n, c) => n + c.actedAt.length, 0);
  log2(
    `${CASES} cases in ${seconds.toFixed(1)} s (${actions} actions; ${outcome.moves.count} moves of the clock, ` +
      `${(outcome.moves.ms / 1000).toFixed(1)} s waiting on them); the bare baseline next`,
  );
  const bareSeconds = await bareRun(outcome, codePath);
  log2(`bare: ${bareSeconds.toFixed(1)} s; the floor next`);
  const tasks = outcome.cases.reduce((n, c) => n + c.tasks, 0);
  const floorSeconds = await floorRun(outcome, codePath, SHARDS ?? 2, 1);
  log2(`floor: ${tasks} workflow tasks in ${floorSeconds.toFixed(1)} s`);
  const floorTimesSeconds = FLOOR_TIMES > 1 ? await floorRun(outcome, codePath, SHARDS ?? 2, FLOOR_TIMES) : null;
  if (floorTimesSeconds !== null) log2(`floor x${FLOOR_TIMES}: ${floorTimesSeconds.toFixed(1)} s`);
  const result = {
    commit: benchCommit(),
    cores: cpus().length,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    // run as the worker's what-if process runs (npm run bench:what-if): without the SDK's promise stacks
    promiseStacks: !process.execArgv.some((a) => a.includes('without-promise-stacks')),
    cases: CASES,
    workflows: CASES * 2,
    actions,
    seconds: Math.round(seconds * 10) / 10,
    goalSeconds: GOAL_S,
    bareSeconds: Math.round(bareSeconds * 10) / 10,
    ratioToBare: ratio(seconds, bareSeconds),
    tasks,
    floorSeconds: Math.round(floorSeconds * 10) / 10,
    ratioToFloor: ratio(seconds, floorSeconds),
    floorTimes: FLOOR_TIMES,
    floorTimesSeconds: floorTimesSeconds === null ? null : Math.round(floorTimesSeconds * 10) / 10,
    inForce: { ...inForce!, stages: undefined },
    draft: { ...halvedOutcome!, stages: undefined },
  };
  writeResults('what-if', result, [
    `# What-if of ${CASES} synthetic cases (commit ${result.commit}, ${result.cores} cores, load ${result.loadAverage.join(' / ')})`,
    '',
    result.promiseStacks
      ? "The SDK's promise stacks were on (run without the what-if process's preload)."
      : "Run as the worker's what-if process runs: without the SDK's promise stacks (src/simulations/without-promise-stacks.ts); the baselines too.",
    '',
    '| run | seconds | ratio |',
    '|---|---|---|',
    `| what-if: ${CASES} cases x 2 policies, ${actions} actions, to closure (goal: ${GOAL_S} s) | ${result.seconds} | ${result.ratioToBare}x |`,
    `| bare workflows, the same Updates at the same simulated moments (baseline) | ${result.bareSeconds} | 1x |`,
    `| the floor: bare workflows taking ${tasks} Updates, one per workflow task of the what-if that wrote something, all at once, no clock | ${result.floorSeconds} | ${ratio(floorSeconds, bareSeconds)}x |`,
    ...(floorTimesSeconds === null
      ? []
      : [
          `| the floor of ${FLOOR_TIMES} times these cases (${CASES * FLOOR_TIMES}): ${tasks * FLOOR_TIMES} Updates the same way | ${result.floorTimesSeconds} | ${ratio(floorTimesSeconds, bareSeconds)}x |`,
        ]),
    '',
    '| policy | closed | failed | median days to close | deadlines | reminders | breaches | level 1 | level 2 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...[inForce!, halvedOutcome!].map(
      (o) =>
        `| ${o.version} | ${o.closed} | ${o.failed} | ${o.medianDaysToClose} | ${o.totals.deadlines} | ${o.totals.reminders} | ` +
        `${o.totals.breaches} | ${o.totals.escalations1} | ${o.totals.escalations2} |`,
    ),
  ]);
  process.stdout.write(
    `${JSON.stringify({ seconds: result.seconds, bare: result.bareSeconds, floor: result.floorSeconds })}\n`,
  );
  process.exit(0);
}

runBench(main);
