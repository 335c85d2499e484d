// `npm run bench:what-if`: how long a what-if of BENCH_WHATIF_CASES synthetic cases (1,000; issue 20's goal: within
// 5 minutes on 2 cores) takes, each case played to its closure under the default policy and under a draft, on the
// real case workflow and a time-skipping server of its own, as the worker runs it (src/simulations/engine.ts).
// Baseline in the same run: the same number of bare workflows (bench/workflows/baseline.workflow.ts) on as many servers
// of their own (one JVM), each taking one Update at every moment its case's people acted, under the same scheduler:
// what the engine costs for the same simulated work without the case's own code.
// Results: bench/results/what-if.json and .md.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../src/temporal/workflow-bundle';
import { ensureTestServer, startTestServers } from '../scripts/infra/test-server';
import { freePort } from '../scripts/infra/processes';
import { createCalendar, DEFAULT_SLA_POLICY, type SlaPolicy } from '../workflows/definition';
import { syntheticCases } from '../src/simulations/case-set';
import { DEFAULT_SHARDS, runSimulation, SimClock, type SimulationOutcome } from '../src/simulations/engine';
import { countOutcomes } from '../src/simulations/results';
import { baselineStepUpdate } from './workflows/baseline.workflow';
import { benchCommit, log, ratio, runBench, writeResults } from './support/stack';

const CASES = Number(process.env.BENCH_WHATIF_CASES ?? 1000);
const RESOLUTION_MS = Number(process.env.BENCH_WHATIF_RESOLUTION_MS ?? 60_000);
const SHARDS = process.env.BENCH_WHATIF_SHARDS ? Number(process.env.BENCH_WHATIF_SHARDS) : undefined;
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

async function bareRun(outcome: SimulationOutcome, codePath: string, shards: number): Promise<number> {
  const began = Date.now();
  const { classpath, wrapper } = await ensureTestServer(() => undefined);
  const ports: number[] = [];
  while (ports.length < shards) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers = await startTestServers(classpath, ports);
  try {
    await Promise.all(
      ports.map(async (port, k) => {
        const mine = outcome.cases.map((c, i) => ({ c, i })).filter(({ i }) => i % shards === k);
        const env = await TestWorkflowEnvironment.createTimeSkipping({
          server: { executable: { type: 'existing-path', path: wrapper }, port },
        });
        await env.connection.testService!.lockTimeSkipping({});
        const taskQueue = `what-if-bare-${k}`;
        const worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle: { codePath },
          // a what-if's queue (what-if-): the activity is handed out through the bundle's sink, as the what-if's are
          sinks: { simulation: { activity: { fn: () => undefined } } },
          maxConcurrentWorkflowTaskExecutions: 40,
          maxCachedWorkflows: 4000,
        });
        const clock = new SimClock(await env.currentTimeMs(), (ms) => env.sleep(ms), RESOLUTION_MS);
        const shift = clock.now() - outcome.simulatedFrom;
        await worker.runUntil(async () => {
          const plays = mine.map(({ c, i }) =>
            clock.task(async () => {
              await clock.at(c.startedAt + shift);
              const handle = await env.client.workflow.start('baselineWorkflow', {
                workflowId: `bare-${i}`,
                taskQueue,
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
      }),
    );
  } finally {
    await servers.stop();
  }
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
  const bareSeconds = await bareRun(outcome, codePath, SHARDS ?? DEFAULT_SHARDS);
  log2(`bare: ${bareSeconds.toFixed(1)} s`);
  // the case's activity calls, each handed out of its workflow in a what-if (workflows/simulation.interceptors.ts)
  const activityCalls = outcome.cases.reduce((n, c) => n + c.tasks, 0);
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
    activityCalls,
    moves: outcome.moves.count,
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
    '',
    '| policy | closed | failed | median days to close | deadlines | reminders | breaches | level 1 | level 2 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...[inForce!, halvedOutcome!].map(
      (o) =>
        `| ${o.version} | ${o.closed} | ${o.failed} | ${o.medianDaysToClose} | ${o.totals.deadlines} | ${o.totals.reminders} | ` +
        `${o.totals.breaches} | ${o.totals.escalations1} | ${o.totals.escalations2} |`,
    ),
  ]);
  process.stdout.write(`${JSON.stringify({ seconds: result.seconds, bare: result.bareSeconds })}\n`);
  process.exit(0);
}

runBench(main);
