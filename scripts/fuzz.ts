// `npm run fuzz`: schemathesis against the served OpenAPI document, on a Rujukan of its own (embedded PostgreSQL,
// in-memory Temporal, the built API and worker), with a valid token of each role. Counts the requests and the 5xx
// answers from the API's own metrics (the goal is zero 5xx). Schemathesis is installed from PyPI into a venv in the
// cache the first time. Results: bench/results/fuzz.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './infra/paths';
import { sampleRegistration, startLocalStack } from './infra/stack';

const ROOT = repoRoot();
const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);

const EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '30';
const USERS = ['cw.palu', 'spv.palu', 'head.palu', 'ppa.sulteng', 'admin'];

function schemathesis(): string {
  const venv = join(cacheDir(), 'schemathesis-venv');
  const st = join(venv, 'bin', 'st');
  if (!existsSync(st)) {
    log(`installing schemathesis into ${venv}`);
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin', 'pip'), ['install', '-q', 'schemathesis>=4,<5'], { stdio: 'inherit' });
  }
  return st;
}

async function counts(
  baseUrl: string,
): Promise<{ requests: number; errors5xx: number; byRoute5xx: Record<string, number> }> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let requests = 0;
  let errors5xx = 0;
  const byRoute5xx: Record<string, number> = {};
  for (const m of text.matchAll(/^rujukan_http_request_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const n = Number(m[2]);
    requests += n;
    if (labels.status?.startsWith('5')) {
      errors5xx += n;
      const key = `${labels.method} ${labels.route} ${labels.status}`;
      byRoute5xx[key] = (byRoute5xx[key] ?? 0) + n;
    }
  }
  return { requests, errors5xx, byRoute5xx };
}

async function main(): Promise<void> {
  const st = schemathesis();
  const stack = await startLocalStack(
    { LOG_LEVEL: 'error', LOGIN_ATTEMPTS_PER_MINUTE: '10000' },
    { label: 'fuzz', database: 'rujukan_bench', taskQueue: 'rujukan-bench', log },
  );
  try {
    // something to find: a few cases
    const cw = await stack.login('cw.palu');
    for (let i = 0; i < 3; i += 1) await stack.post('/api/v1/cases', sampleRegistration(i, 'bench'), cw);
    const before = await counts(stack.baseUrl);
    const runs: { user: string; exitCode: number | null }[] = [];
    for (const user of USERS) {
      const token = await stack.login(user);
      log(`schemathesis as ${user}`);
      // not spawnSync: a blocked event loop would leave this process's HTTP connections stale
      const child = spawn(
        st,
        [
          'run',
          `${stack.baseUrl}/api/docs-json`,
          '-u',
          stack.baseUrl,
          '-H',
          `Authorization: Bearer ${token}`,
          '-c',
          'not_a_server_error',
          '-n',
          EXAMPLES,
          '--workers',
          '2',
        ],
        {
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      runs.push({ user, exitCode });
    }
    const after = await counts(stack.baseUrl);
    const byRoute5xx = Object.fromEntries(
      Object.entries(after.byRoute5xx)
        .map(([k, v]) => [k, v - (before.byRoute5xx[k] ?? 0)])
        .filter(([, v]) => (v as number) > 0),
    );
    const result = {
      date: new Date().toISOString(),
      maxExamplesPerOperation: Number(EXAMPLES),
      users: USERS,
      requests: after.requests - before.requests,
      errors5xx: after.errors5xx - before.errors5xx,
      byRoute5xx,
      runs,
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'fuzz.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.errors5xx > 0) process.exitCode = 1;
  } catch (err) {
    const { exitCode, signalCode } = stack.api.child;
    process.stderr.write(
      `fuzz: API running: ${exitCode === null && signalCode === null} (exit ${exitCode}, signal ${signalCode}); ` +
        `it said, last:\n${stack.api.tail()}\n`,
    );
    throw err;
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `fuzz: ${(err as Error).stack ?? String(err)} ${String((err as { cause?: unknown }).cause ?? '')}\n`,
  );
  process.exit(1);
});
