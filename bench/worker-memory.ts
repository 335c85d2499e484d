// `npm run bench:worker-memory`: the resident memory (RSS) of one worker process holding 10,000 open cases, each
// registered over HTTP and waiting on its deadline timers. Baseline in the same run: the same worker idle, before the
// first case. Then the sticky cache, the one knob that bounds it (WORKER_MAX_CACHED_WORKFLOWS): the worker is
// restarted with the SDK's default cache and with a small one, every case is touched by a Query (which loads it into
// the cache, replaying its history if it is not there), and RSS and the touch rate are measured again.
// Results: bench/results/worker-memory.json and .md.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { caseWorkflowId } from '../workflows/types';
import {
  benchRegistration,
  log,
  pool,
  ratio,
  startBenchStack,
  writeResults,
  type BenchStack,
  runBench,
} from './support/stack';

const CASES = Number(process.env.BENCH_OPEN_CASES ?? 10000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SMALL_CACHE = Number(process.env.BENCH_SMALL_CACHE ?? 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}

// RSS after things settle: the median of five samples a second apart
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await sleep(1000);
    samples.push(memoryOf(pid).rssMiB);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

// A Query to every case: each is loaded into the worker's cache (replayed from its history when not there).
async function touchAll(stack: BenchStack, ids: string[]): Promise<number> {
  const t0 = performance.now();
  await pool(ids.length, CONCURRENCY, (i) =>
    stack.temporal.workflow.getHandle(caseWorkflowId(ids[i]!)).query('caseSnapshot'),
  );
  return Math.round((ids.length / ((performance.now() - t0) / 1000)) * 10) / 10;
}

async function main(): Promise<void> {
  // a cache large enough for every case: the worker holds all of them
  const stack = await startBenchStack({ WORKER_MAX_CACHED_WORKFLOWS: String(CASES + 100), TOKEN_TTL_SECONDS: '7200' });
  try {
    const token = await stack.login('cw.palu');
    // one case first, so the idle figure includes the loaded workflow bundle and warm connections
    const warm = await stack.post('/api/v1/cases', benchRegistration(-1), token);
    if (warm.status !== 201) throw new Error(`registration: ${warm.status}`);
    const idle = await settledRss(stack.worker.child.pid!);
    log(`worker idle: ${idle} MiB; registering ${CASES} cases, ${CONCURRENCY} at a time`);

    const ids: string[] = [warm.body.id as string];
    const curve: { openCases: number; rssMiB: number }[] = [{ openCases: 1, rssMiB: idle }];
    const t0 = performance.now();
    await pool(CASES - 1, CONCURRENCY, async (i) => {
      const res = await stack.post('/api/v1/cases', benchRegistration(i), token);
      if (res.status !== 201) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
      ids.push(res.body.id as string);
      if (ids.length % 1000 === 0) {
        curve.push({ openCases: ids.length, rssMiB: memoryOf(stack.worker.child.pid!).rssMiB });
        log(`${ids.length} open cases: worker RSS ${curve[curve.length - 1]!.rssMiB} MiB`);
      }
    });
    const registrationSeconds = (performance.now() - t0) / 1000;
    const holding = await settledRss(stack.worker.child.pid!);
    const holdingPeak = memoryOf(stack.worker.child.pid!).peakMiB;
    // every case is in this worker's cache already; a touch pass measures the rate with no replays
    const hotTouchRate = await touchAll(stack, ids);

    log('restarting the worker with the SDK default cache');
    await stack.restartWorker({ WORKER_MAX_CACHED_WORKFLOWS: '' });
    const defaultIdle = await settledRss(stack.worker.child.pid!);
    const defaultTouchRate = await touchAll(stack, ids);
    const defaultRss = await settledRss(stack.worker.child.pid!);

    log(`restarting the worker with a cache of ${SMALL_CACHE}`);
    await stack.restartWorker({ WORKER_MAX_CACHED_WORKFLOWS: String(SMALL_CACHE) });
    const smallIdle = await settledRss(stack.worker.child.pid!);
    const smallTouchRate = await touchAll(stack, ids);
    const smallRss = await settledRss(stack.worker.child.pid!);

    const perCaseKiB = Math.round(((holding - idle) * 1024) / CASES);
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length },
      openCases: ids.length,
      registrationSeconds: Math.round(registrationSeconds),
      baselineIdleRssMiB: idle,
      holdingAll: {
        maxCachedWorkflows: CASES + 100,
        rssMiB: holding,
        peakMiB: holdingPeak,
        ratioToIdle: ratio(holding, idle),
        perCaseKiB,
        touchPerSecond: hotTouchRate,
      },
      sdkDefaultCache: {
        idleRssMiB: defaultIdle,
        rssAfterTouchingAllMiB: defaultRss,
        ratioToIdle: ratio(defaultRss, idle),
        touchPerSecond: defaultTouchRate,
      },
      smallCache: {
        maxCachedWorkflows: SMALL_CACHE,
        idleRssMiB: smallIdle,
        rssAfterTouchingAllMiB: smallRss,
        ratioToIdle: ratio(smallRss, idle),
        touchPerSecond: smallTouchRate,
      },
      curve,
    };
    writeResults('worker-memory', result, [
      `# Worker memory (${result.date.slice(0, 10)}, ${ids.length} open cases waiting on timers, ` +
        `${cpus().length} cores, embedded stack)`,
      '',
      '| worker | RSS (MiB) | × idle | Query touch of every case (per second) |',
      '|---|---|---|---|',
      `| baseline: idle, one case | ${idle} | 1 | |`,
      `| holding all ${ids.length} cases (cache ${CASES + 100}) | ${holding} (peak ${holdingPeak}) | **${result.holdingAll.ratioToIdle}×** | ${hotTouchRate} (all cached) |`,
      `| restarted, SDK default cache, every case touched | ${defaultRss} | ${result.sdkDefaultCache.ratioToIdle}× | ${defaultTouchRate} |`,
      `| restarted, cache ${SMALL_CACHE}, every case touched | ${smallRss} | ${result.smallCache.ratioToIdle}× | ${smallTouchRate} |`,
      '',
      `One cached open case costs about **${perCaseKiB} KiB** of worker memory. RSS as cases were registered: ${curve.map((c) => `${c.openCases}: ${c.rssMiB}`).join(', ')} MiB.`,
    ]);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await stack.stop();
  }
}

runBench(main);
