// A what-if in a process of its own, below the office's work. The engine keeps both cores busy for minutes (its
// time-skipping servers, its own Temporal worker, the simulated cases' workflow tasks); run inside the worker's
// process it shared that process's event loop with the office's real cases. Here the worker forks this module at
// niceness 19 and, where util-linux's chrt is, in Linux's idle scheduling class (both set before the process starts,
// so every thread of it and the engine's Java servers have them), hands it the run, and reads its progress and, at
// the end, only the counts; the SDK's promise stacks are left out of its workflow threads (without-promise-stacks.ts).
// Cancelling the run, or the worker going away, ends the process and its servers at once: the process leads a process
// group of its own, and the group is killed whole.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { runSimulation, type SimulationRun } from './engine';
import { countOutcomes, type PolicyOutcome } from './results';

export const WHAT_IF_NICENESS = 19;
const WITHOUT_PROMISE_STACKS = require.resolve('./without-promise-stacks');
const CHRT = '/usr/bin/chrt';

// nice(1), then Linux's idle scheduling class (SCHED_IDLE, through chrt): the process runs only on a core that
// nothing else wants, and gives it up the moment the office's work does. Without chrt, niceness alone.
let launcher: string[] | undefined;
function lowPriority(): string[] {
  if (launcher) return launcher;
  const idle = spawnSync(CHRT, ['--idle', '0', 'true']).status === 0;
  launcher = ['-n', String(WHAT_IF_NICENESS), ...(idle ? [CHRT, '--idle', '0'] : [])];
  return launcher;
}

// what the worker hands the process: the run without its callbacks, the workflows as a bundle file
export type ApartRun = Omit<SimulationRun, 'onProgress' | 'workflows'> & {
  bundlePath: string;
  versions: { label: string; version: string }[];
};
export type ApartOutcome = { outcomes: PolicyOutcome[]; simulatedFrom: number; lastEventAt: number };

type FromChild =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; outcome: ApartOutcome }
  | { kind: 'failed'; error: string };

// The worker's side: runs `run` in a forked process; rejects when the process fails or dies, or when `signal`
// aborts (the process group killed first).
export function runApart(
  run: ApartRun,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ApartOutcome> {
  if (signal?.aborted) return Promise.reject(new Error('the what-if was cancelled'));
  return new Promise<ApartOutcome>((resolve, reject) => {
    const child: ChildProcess = fork(__filename, [], {
      detached: true,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execPath: 'nice',
      // without the SDK's promise stacks (without-promise-stacks.ts: why)
      execArgv: [...lowPriority(), process.execPath, ...process.execArgv, '--require', WITHOUT_PROMISE_STACKS],
    });
    let settled = false;
    const end = (err: Error | null, outcome?: ApartOutcome) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      killGroup(child);
      if (err) reject(err);
      else resolve(outcome!);
    };
    const abort = () => end(new Error('the what-if was cancelled'));
    signal?.addEventListener('abort', abort);
    child.once('spawn', () => child.send(run));
    child.on('message', (m: FromChild) => {
      if (m.kind === 'progress') onProgress(m.done, m.total);
      else if (m.kind === 'done') end(null, m.outcome);
      else end(new Error(m.error));
    });
    child.once('error', (err) => end(err));
    // 'close', not 'exit': it comes after the IPC channel has closed, so every message sent has been read
    child.once('close', (code, sig) => end(new Error(`the what-if's process ended (${sig ?? `code ${code}`})`)));
  });
}

// The whole group, even when its leader has already died (its Java servers may not have): a group outlives its leader.
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// The process's side: one run, then exit. Its parent gone (the IPC channel closed), it ends with its servers.
async function child(run: ApartRun): Promise<void> {
  const { bundlePath, versions, ...rest } = run;
  const { cases, simulatedFrom } = await runSimulation({
    ...rest,
    workflows: { workflowBundle: { codePath: bundlePath } },
    onProgress: (done, total) => process.send?.({ kind: 'progress', done, total } satisfies FromChild),
  });
  // the servers are stopped by now (runSimulation's own finally)
  let lastEventAt = simulatedFrom;
  for (const c of cases) for (const e of c.events) lastEventAt = Math.max(lastEventAt, Date.parse(e.occurredAt));
  const outcome: ApartOutcome = { outcomes: countOutcomes(cases, versions), simulatedFrom, lastEventAt };
  await new Promise<void>((sent) =>
    process.send?.({ kind: 'done', outcome } satisfies FromChild, undefined, {}, () => sent()),
  );
}

if (require.main === module) {
  Runtime.install({
    logger: new DefaultLogger((process.env.TEMPORAL_SDK_LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN'),
    shutdownSignals: [],
  });
  // the worker gone (or done with it): the process and whatever it started end at once
  process.on('disconnect', () => process.kill(-process.pid, 'SIGKILL'));
  process.once('message', (run: ApartRun) => {
    child(run).then(
      // sent and written: exit, which also closes the channel (the worker then kills the group, empty by now)
      () => process.exit(0),
      (err: unknown) => {
        process.send?.({ kind: 'failed', error: (err as Error).message ?? String(err) } satisfies FromChild);
      },
    );
  });
}
