// `npm run bench`: the whole suite, one benchmark after another (each on its own fresh stack, so none disturbs the
// next), then bench/results/README.md gathers their tables. `npm run bench -- throughput escalations` runs a subset;
// `npm run bench -- --collect` only gathers.
// Each benchmark reports its figures beside a baseline measured in the same run: these machines are shared and noisy.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, ROOT } from './support/stack';

const SUITE = [
  {
    name: 'throughput',
    script: 'case-throughput',
    what: 'full HIGH cases over HTTP vs a bare workflow with the same Updates',
  },
  {
    name: 'escalations',
    script: 'escalation-lag',
    what: '1,000 deadlines passing at once: deadline to escalation visible',
  },
  {
    name: 'read-model',
    script: 'read-model',
    what: 'inbox, list and timeline at 100k cases and 1M events, with plans',
  },
  { name: 'worker-memory', script: 'worker-memory', what: 'RSS of one worker holding 10k open cases' },
  { name: 'actions', script: 'action-latency', what: 'one action over HTTP vs a raw executeUpdate' },
  { name: 'notifications', script: 'notification-delivery', what: '1,000 signed webhooks vs a bare POST loop' },
  { name: 'search', script: 'search', what: 'GET /cases?q= at 100k returnees, 20 concurrent, vs GET /cases/{id}' },
  {
    name: 'console',
    script: 'console',
    what: 'the staff console at 100k cases: Lighthouse, initial script, sign-in to an interactive inbox vs bare requests',
  },
] as const;

function runOne(script: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'bench', `${script}.js`)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', resolve);
  });
}

async function main(): Promise<void> {
  // --collect: only gather the latest results into bench/results/README.md
  const collectOnly = process.argv.includes('--collect');
  const wanted = process.argv.slice(2).filter((a) => a !== '--collect');
  const unknown = wanted.filter((w) => !SUITE.some((b) => b.name === w));
  if (unknown.length)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; the suite: ${SUITE.map((b) => b.name).join(', ')}`);
  const chosen = collectOnly ? [] : wanted.length ? SUITE.filter((b) => wanted.includes(b.name)) : SUITE;
  const failed: string[] = [];
  for (const b of chosen) {
    log(`--- ${b.name}: ${b.what}`);
    const t0 = Date.now();
    const code = await runOne(b.script);
    log(`--- ${b.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${Math.round((Date.now() - t0) / 1000)} s`);
    if (code !== 0) failed.push(b.name);
  }

  const sections = SUITE.map((b) => {
    const md = join(ROOT, 'bench', 'results', `${b.script}.md`);
    const body = existsSync(md) ? readFileSync(md, 'utf8').replace(/^# /, '## ') : `## ${b.name}\n\n(not run yet)\n`;
    return `${body.trimEnd()}\n\n(\`npm run bench -- ${b.name}\`; raw figures in [${b.script}.json](${b.script}.json))\n`;
  });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'README.md'),
    [
      '# Benchmark results',
      '',
      'Written by `npm run bench`; every figure is beside a baseline measured in the same run, on the same machine.',
      '',
      ...sections,
    ].join('\n'),
  );
  log('bench/results/README.md updated');
  if (failed.length) throw new Error(`failed: ${failed.join(', ')}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exit(1);
});
