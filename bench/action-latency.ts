// `npm run bench:actions`: how long a case action takes over HTTP (POST /api/v1/cases/{id}/actions: token check,
// payload validation, office scoping, the Update, the read-model write by the worker's activity, the case read back),
// from one client and from 20 concurrent clients, against two baselines on the same Temporal server in the same run:
// - the raw `executeUpdate` of the very same Update of the case workflow (what the API adds on top of Temporal and
//   the activity);
// - a bare Update: a workflow that only runs one no-op activity per Update, on a worker of its own, with the SDK's
//   default data converter (what the case workflow, its codec and its activity add on top of the engine; issue 21's
//   yardstick).
// Phases alternate (HTTP, raw, bare, HTTP, ...) so drift on a shared machine falls on every path.
// Results: bench/results/action-latency.json and .md.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { consentPayload } from './support/consent';
import { noopCaseActivities } from './support/noop-activities';
import { DEMO_USERS } from '../src/database/seed';
import { performActionUpdate } from '../workflows/messages';
import { caseWorkflowId, type CaseAction } from '../workflows/types';
import { baselineStepUpdate } from './workflows/baseline.workflow';
import {
  benchCommit,
  benchRegistration,
  log,
  ratio,
  runBench,
  startBenchStack,
  stats as latency,
  writeResults,
} from './support/stack';

const LEVELS = (process.env.BENCH_CLIENTS ?? '1,20').split(',').map(Number);
const ACTIONS_PER_PHASE = Number(process.env.BENCH_ACTIONS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PATHS = ['http', 'raw', 'bare'] as const;
type Path = (typeof PATHS)[number];

type Stats = ReturnType<typeof latency> & { perSecond: number };

function stats(ms: number[], seconds: number): Stats {
  return { ...latency(ms), perSecond: Math.round((ms.length / seconds) * 10) / 10 };
}

// `clients` workers, each taking the next job until `total` are done; every job timed.
async function timed(
  total: number,
  clients: number,
  job: (client: number) => Promise<void>,
): Promise<{ ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        next += 1;
        const start = performance.now();
        await job(client);
        ms.push(performance.now() - start);
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000 };
}

type Level = { clients: number; paths: Record<Path, Stats>; ratio: Record<string, number> };

async function main(): Promise<void> {
  const stack = await startBenchStack();
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const load = { before: loadavg().map((x) => Math.round(x * 100) / 100), after: [] as number[] };
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: stack.temporalAddress });
  const taskQueue = `bench-bare-${randomUUID()}`;
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: noopCaseActivities,
  });
  const bare: WorkflowHandle[] = [];
  try {
    await worker.runUntil(async () => {
      const { post } = stack;
      const token = await stack.login('cw.palu');
      const most = Math.max(...LEVELS);
      // one open case per client, registered and screened over HTTP; one bare workflow per client
      const caseIds: string[] = [];
      for (let i = 0; i < most; i += 1) {
        const created = await post('/api/v1/cases', benchRegistration(i), token);
        if (created.status !== 201)
          throw new Error(`registration failed: ${created.status} ${JSON.stringify(created.body)}`);
        const id = created.body.id as string;
        await post(`/api/v1/cases/${id}/actions`, { type: 'complete-registration' }, token);
        await post(
          `/api/v1/cases/${id}/actions`,
          { type: 'complete-screening', payload: { indicators: [], flags: {} } },
          token,
        );
        caseIds.push(id);
        bare.push(
          await client.workflow.start('baselineWorkflow', {
            workflowId: `bench-bare-${randomUUID()}`,
            taskQueue,
            args: [1_000_000],
          }),
        );
      }

      const actor = { userId: DEMO_USERS.cwPalu!.id, role: 'CASEWORKER' } as const;
      const run: Record<Path, (c: number) => Promise<void>> = {
        http: async (c) => {
          const res = await post(
            `/api/v1/cases/${caseIds[c]!}/actions`,
            { type: 'record-consent', payload: consentPayload() },
            token,
          );
          if (res.status !== 200) throw new Error(`action failed: ${res.status} ${JSON.stringify(res.body)}`);
        },
        raw: async (c) => {
          const action: CaseAction = { type: 'record-consent', payload: consentPayload(), actor };
          // through the stack's own client: the case workflow's payloads go through Rujukan's codec
          await stack.temporal.workflow
            .getHandle(caseWorkflowId(caseIds[c]!))
            .executeUpdate(performActionUpdate, { args: [action] });
        },
        bare: async (c) => {
          await bare[c]!.executeUpdate(baselineStepUpdate);
        },
      };

      const levels: Level[] = [];
      for (const clients of LEVELS) {
        // warm-up of every path (JIT, connection pools, sticky caches)
        for (const path of PATHS) await timed(clients * 3, clients, run[path]);
        const ms: Record<Path, number[]> = { http: [], raw: [], bare: [] };
        const seconds: Record<Path, number> = { http: 0, raw: 0, bare: 0 };
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const path of PATHS) {
            const t = await timed(ACTIONS_PER_PHASE, clients, run[path]);
            ms[path].push(...t.ms);
            seconds[path] += t.seconds;
          }
          log(`${clients} client(s), round ${round + 1}/${ROUNDS} done`);
        }
        const paths = Object.fromEntries(PATHS.map((p) => [p, stats(ms[p], seconds[p])])) as Record<Path, Stats>;
        levels.push({
          clients,
          paths,
          ratio: {
            httpVsBareP50: ratio(paths.http.p50, paths.bare.p50),
            httpVsBareP99: ratio(paths.http.p99, paths.bare.p99),
            httpVsRawP50: ratio(paths.http.p50, paths.raw.p50),
            httpVsRawP99: ratio(paths.http.p99, paths.raw.p99),
            rawVsBareP50: ratio(paths.raw.p50, paths.bare.p50),
            throughputVsBare: ratio(paths.http.perSecond, paths.bare.perSecond),
          },
        });
      }
      load.after = loadavg().map((x) => Math.round(x * 100) / 100);
      const result = {
        date: new Date().toISOString(),
        commit: benchCommit(),
        machine: { cpus: cpus().length, node: process.version },
        load,
        actionsPerPhase: ACTIONS_PER_PHASE,
        rounds: ROUNDS,
        action: 'record-consent (a consent row, a case event and the case projection written by the worker activity)',
        levels,
      };
      const row = (name: string, s: Stats) =>
        `| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${s.perSecond} |`;
      writeResults('action-latency', result, [
        `# Action latency (${result.date.slice(0, 10)}, commit ${result.commit}, ${cpus().length} CPUs, ` +
          'dev server in memory, real worker and PostgreSQL)',
        '',
        `The action: ${result.action}. Each path ran ${ROUNDS} × ${ACTIONS_PER_PHASE} actions per level, ` +
          `alternating. Load average before ${load.before.join(' / ')}, after ${load.after.join(' / ')}.`,
        ...levels.flatMap((l) => [
          '',
          `## ${l.clients} client${l.clients === 1 ? '' : 's'}`,
          '',
          '| path | actions | p50 ms | p95 ms | p99 ms | max ms | actions/s |',
          '|---|---|---|---|---|---|---|',
          row('HTTP `POST /api/v1/cases/{id}/actions`', l.paths.http),
          row('raw `executeUpdate` of the same case Update', l.paths.raw),
          row('baseline: bare Update (one no-op activity)', l.paths.bare),
          '',
          `HTTP ÷ bare: p50 **${l.ratio.httpVsBareP50}×**, p99 **${l.ratio.httpVsBareP99}×**, throughput ` +
            `${l.ratio.throughputVsBare}×. HTTP ÷ raw: p50 ${l.ratio.httpVsRawP50}×, ` +
            `p99 ${l.ratio.httpVsRawP99}×; ` +
            `raw ÷ bare p50 ${l.ratio.rawVsBareP50}×.`,
        ]),
      ]);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
  } finally {
    await Promise.all(bare.map((h) => h.terminate('bench done').catch(() => undefined)));
    await native.close();
    await connection.close();
    await stack.stop();
  }
}

runBench(main);
