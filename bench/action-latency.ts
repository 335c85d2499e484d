// `npm run bench:actions`: how long a case action takes over HTTP (POST /api/v1/cases/{id}/actions: token check,
// payload validation, office scoping, the Update, the read-model write by the worker's activity, the case read back)
// at 20 concurrent clients, against a raw `executeUpdate` of the very same Update on the same Temporal server, worker,
// PostgreSQL and cases, in the same run. The ratio is what the API adds on top of Temporal and the activity.
// Phases alternate (HTTP, raw, HTTP, raw) so drift on a shared machine falls on both sides.
// Results: bench/results/action-latency.json and .md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENCIES, DEMO_USERS } from '../src/database/seed';
import type { ActionPayload } from '../workflows/definition';
import { performActionUpdate } from '../workflows/messages';
import { caseWorkflowId, type CaseAction } from '../workflows/types';
import { benchRegistration, log, ratio, ROOT, startBenchStack, stats as latency } from './support/stack';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const ACTIONS_PER_PHASE = Number(process.env.BENCH_ACTIONS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

// A repeatable action with real effects: a consent row, a case event, the case projection.
const consentPayload = (): ActionPayload<'record-consent'> => ({
  givenBy: 'SELF',
  method: 'WRITTEN',
  purpose: 'REFERRAL',
  recipientAgencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
  dataCategories: ['IDENTITY', 'HEALTH'],
  expiresAt: new Date(Date.now() + 90 * 86400000).toISOString(),
});

type Stats = ReturnType<typeof latency> & { perSecond: number };

function stats(ms: number[], seconds: number): Stats {
  return { ...latency(ms), perSecond: Math.round((ms.length / seconds) * 10) / 10 };
}

// `clients` workers, each taking the next job until `total` are done; every job timed.
async function timed(
  total: number,
  clients: number,
  job: (client: number, i: number) => Promise<void>,
): Promise<{ ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await job(client, i);
        ms.push(performance.now() - start);
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const { post, temporal: client } = stack;
    const token = await stack.login('cw.palu');

    // one open case per client, registered and screened over HTTP
    const caseIds: string[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
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
    }

    const http = (c: number) => async () => {
      const res = await post(
        `/api/v1/cases/${caseIds[c]!}/actions`,
        { type: 'record-consent', payload: consentPayload() },
        token,
      );
      if (res.status !== 200) throw new Error(`action failed: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const actor = { userId: DEMO_USERS.cwPalu!.id, role: 'CASEWORKER' } as const;
    const raw = (c: number) => async () => {
      const action: CaseAction = { type: 'record-consent', payload: consentPayload(), actor };
      await client.workflow
        .getHandle(caseWorkflowId(caseIds[c]!))
        .executeUpdate(performActionUpdate, { args: [action] });
    };

    // warm-up of both paths (JIT, connection pools, sticky caches)
    await timed(CLIENTS * 3, CLIENTS, (c) => http(c)());
    await timed(CLIENTS * 3, CLIENTS, (c) => raw(c)());

    const httpMs: number[] = [];
    const rawMs: number[] = [];
    let httpSeconds = 0;
    let rawSeconds = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const h = await timed(ACTIONS_PER_PHASE, CLIENTS, (c) => http(c)());
      httpMs.push(...h.ms);
      httpSeconds += h.seconds;
      const r = await timed(ACTIONS_PER_PHASE, CLIENTS, (c) => raw(c)());
      rawMs.push(...r.ms);
      rawSeconds += r.seconds;
      log(
        `round ${round + 1}/${ROUNDS}: HTTP p50 ${stats(h.ms, h.seconds).p50} ms, ` +
          `raw p50 ${stats(r.ms, r.seconds).p50} ms`,
      );
    }
    const viaHttp = stats(httpMs, httpSeconds);
    const viaUpdate = stats(rawMs, rawSeconds);
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      clients: CLIENTS,
      actionsPerPhase: ACTIONS_PER_PHASE,
      rounds: ROUNDS,
      action: 'record-consent (a consent row, a case event and the case projection written by the worker activity)',
      http: viaHttp,
      rawExecuteUpdate: viaUpdate,
      ratio: {
        p50: ratio(viaHttp.p50, viaUpdate.p50),
        p95: ratio(viaHttp.p95, viaUpdate.p95),
        p99: ratio(viaHttp.p99, viaUpdate.p99),
        throughput: ratio(viaHttp.perSecond, viaUpdate.perSecond),
      },
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'action-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
    const row = (name: string, s: Stats) =>
      `| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${s.perSecond} |`;
    writeFileSync(
      join(dir, 'action-latency.md'),
      [
        `# Action latency (${result.date.slice(0, 10)}, ${CLIENTS} concurrent clients, ${cpus().length} CPUs, ` +
          'dev server in memory, real worker and PostgreSQL)',
        '',
        `The action: ${result.action}. Each path ran ${ROUNDS} × ${ACTIONS_PER_PHASE} actions, alternating.`,
        '',
        '| path | actions | p50 ms | p95 ms | p99 ms | max ms | actions/s |',
        '|---|---|---|---|---|---|---|',
        row('HTTP `POST /api/v1/cases/{id}/actions`', viaHttp),
        row('baseline: raw `executeUpdate` (same Update, same server)', viaUpdate),
        '',
        `HTTP ÷ raw: p50 **${result.ratio.p50}×**, p95 **${result.ratio.p95}×**, p99 **${result.ratio.p99}×**; ` +
          `throughput ${result.ratio.throughput}×.`,
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
