// `npm run bench:what-if-office`: what a what-if costs the office's own work while it runs. A caseworker's action
// over HTTP (record-consent: a consent row, a case event, the case projection), one client at a time, timed on a
// quiet stack (the baseline, measured in the same run), then while a head's what-if of BENCH_WHATIF_OFFICE_CASES
// synthetic cases (200) runs on the same worker, then quiet again once it has finished.
// Results: bench/results/what-if-office.json and .md.
import { cpus, loadavg } from 'node:os';
import { consentPayload } from './support/consent';
import {
  benchCommit,
  benchRegistration,
  log,
  ratio,
  runBench,
  startBenchStack,
  stats,
  writeResults,
  type Stats,
} from './support/stack';

const CASES = Number(process.env.BENCH_WHATIF_OFFICE_CASES ?? 200);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 200);

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  try {
    const cw = await stack.login('cw.palu');
    const head = await stack.login('head.palu');
    const created = await stack.post('/api/v1/cases', benchRegistration(0), cw);
    if (created.status !== 201) throw new Error(`registration failed: ${created.status}`);
    const caseId = created.body.id as string;
    await stack.post(`/api/v1/cases/${caseId}/actions`, { type: 'complete-registration' }, cw);
    await stack.post(
      `/api/v1/cases/${caseId}/actions`,
      { type: 'complete-screening', payload: { indicators: [], flags: {} } },
      cw,
    );
    const act = async (): Promise<number> => {
      const began = performance.now();
      const res = await stack.post(
        `/api/v1/cases/${caseId}/actions`,
        { type: 'record-consent', payload: consentPayload() },
        cw,
      );
      if (res.status !== 200) throw new Error(`action failed: ${res.status} ${JSON.stringify(res.body)}`);
      return performance.now() - began;
    };
    const phase = async (n: number): Promise<Stats> => {
      const ms: number[] = [];
      for (let i = 0; i < n; i += 1) ms.push(await act());
      return stats(ms);
    };
    await phase(20); // warm-up
    const quiet = await phase(ACTIONS);
    log(`quiet: p50 ${quiet.p50} ms`);

    const draft = await stack.post('/api/v1/sla-policies/drafts', { province: 'Sulawesi Tengah' }, head);
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    const path = `/api/v1/sla-policies/${String(draft.body.id)}/simulations`;
    const began = Date.now();
    const run = await stack.post(path, { source: 'SYNTHETIC', cases: CASES, seed: 7 }, head);
    if (run.status !== 202) throw new Error(`what-if: ${run.status} ${JSON.stringify(run.body)}`);
    const runPath = `${path}/${String(run.body.id)}`;
    const status = async () => (await stack.get(runPath, head)).body;
    // measured once its servers are up and its cases under way
    while ((await status()).status !== 'RUNNING') await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 10_000));
    const busy = await phase(ACTIONS);
    const during = await status();
    if (during.status !== 'RUNNING') throw new Error(`the what-if ended before the actions did: ${during.status}`);
    log(`during the what-if: p50 ${busy.p50} ms`);
    let end = await status();
    while (end.status === 'QUEUED' || end.status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 1000));
      end = await status();
    }
    const whatIfSeconds = Math.round((Date.now() - began) / 100) / 10;
    if (end.status !== 'DONE') throw new Error(`the what-if ended ${String(end.status)}: ${String(end.error)}`);
    const after = await phase(ACTIONS);
    log(`after: p50 ${after.p50} ms; the what-if took ${whatIfSeconds} s`);

    const result = {
      date: new Date().toISOString(),
      commit: benchCommit(),
      machine: { cpus: cpus().length, node: process.version },
      load: { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) },
      whatIfCases: CASES,
      whatIfSeconds,
      quiet,
      during: busy,
      after,
      ratio: {
        duringVsQuietP50: ratio(busy.p50, quiet.p50),
        duringVsQuietP95: ratio(busy.p95, quiet.p95),
        duringVsQuietP99: ratio(busy.p99, quiet.p99),
      },
    };
    const row = (name: string, s: Stats) => `| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`;
    writeResults('what-if-office', result, [
      `# An office's actions while a what-if runs (${result.date.slice(0, 10)}, commit ${result.commit}, ` +
        `${result.machine.cpus} CPUs)`,
      '',
      `A caseworker's record-consent over HTTP, one at a time, ${ACTIONS} per phase; the what-if: ${CASES} synthetic ` +
        `cases under two policies, run by the worker (${whatIfSeconds} s from the request to its results). ` +
        `Load average before ${result.load.before.join(' / ')}, after ${result.load.after.join(' / ')}.`,
      '',
      '| phase | actions | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---|---|---|---|---|',
      row('baseline: no what-if running', quiet),
      row('while the what-if runs', busy),
      row('after it finished', after),
      '',
      `While the what-if runs ÷ quiet: p50 **${result.ratio.duringVsQuietP50}×**, p95 ` +
        `**${result.ratio.duringVsQuietP95}×**, p99 **${result.ratio.duringVsQuietP99}×**.`,
    ]);
  } finally {
    await stack.stop();
  }
  process.exit(0);
}

runBench(main);
