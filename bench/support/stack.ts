// A whole Rujukan for a benchmark: its own embedded PostgreSQL and in-memory Temporal dev server, migrated and
// seeded, with the built worker and API (dist/) as processes, and helpers to sign in and call the API. The stack
// itself is scripts/infra/stack.ts's, shared with npm start, the tests and the fuzzer.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/infra/paths';
import { sampleRegistration, startLocalStack, type LocalStack } from '../../scripts/infra/stack';

export const ROOT = repoRoot();
export const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
// extra node flags for the API and worker, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=<folder>" to find a
// bottleneck
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export type BenchStack = LocalStack;

export function startBenchStack(extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchStack> {
  return startLocalStack(
    { LOG_LEVEL: 'warn', ...extraEnv },
    { label: 'bench', database: 'rujukan_bench', taskQueue: 'rujukan-bench', nodeArgs: NODE_ARGS, log },
  );
}

export type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: s.length,
    p50: r(at(0.5)),
    p95: r(at(0.95)),
    p99: r(at(0.99)),
    max: r(s[s.length - 1]!),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

// A seeded generator, so that two runs of a benchmark draw the same data in the same order (the what-if's).
export { seeded as mulberry32 } from '../../src/simulations/case-set';

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

// A registered returnee, for benchmarks that need cases.
export function benchRegistration(i: number) {
  return sampleRegistration(i, 'bench');
}

// `concurrency` workers taking the next of `n` jobs until all are done.
export async function pool<T>(n: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

// bench/results/<name>.json and .md
export function writeResults(name: string, result: unknown, markdown: string[]): void {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), `${markdown.join('\n')}\n`);
  log(`results in bench/results/${name}.json and .md`);
}

// The commit a benchmark ran on (with "+changes" when the tree differs from it), for its results.
export function benchCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return (
      git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+changes' : '')
    );
  } catch {
    return 'unknown';
  }
}

// A benchmark's entry point: a failure is printed with its stack and exits 1.
export function runBench(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
