import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname } from 'node:path';

export class InfraError extends Error {}

// A child process whose last output lines we keep, so a failure can say what the child said.
// output(): everything the process wrote (tests only: `keepOutput`), up to the last 8 MB
export type Managed = {
  name: string;
  child: ChildProcess;
  tail: () => string;
  output: () => string;
  exited: Promise<number | null>;
};

const OUTPUT_LIMIT = 8 * 1024 * 1024;

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
  keepOutput = false,
): Managed {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const lines: string[] = [];
  let all = '';
  const keep = (chunk: Buffer) => {
    if (keepOutput) {
      all += chunk.toString('utf8');
      if (all.length > OUTPUT_LIMIT) all = all.slice(all.length - OUTPUT_LIMIT);
    }
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) lines.push(line);
    }
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      lines.push(String(err));
      resolve(-1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
  });
  return { name, child, tail: () => lines.slice(-12).join('\n'), output: () => all, exited };
}

export function isRunning(p: Managed): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

// Stops a child: the polite signal first, SIGKILL if it has not exited in time.
export async function stopProcess(p: Managed, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<void> {
  if (!isRunning(p)) return;
  p.child.kill(signal);
  // the grace timer is cleared once the process exits, so it never keeps the caller alive
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const done = await Promise.race([p.exited.then(() => true), grace]);
  clearTimeout(timer);
  if (!done && isRunning(p)) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Polls `probe` until it resolves true; fails early if the process died, or at the deadline.
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  proc?: Managed,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && !isRunning(proc)) {
      throw new InfraError(`${proc.name} exited before ${what}:\n${proc.tail()}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new InfraError(
        `${what} did not happen within ${Math.round(timeoutMs / 1000)} s${proc ? `:\n${proc.tail()}` : ''}`,
      );
    }
    await sleep(200);
  }
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
    socket.connect(port, host);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  if (await portAnswers(port)) {
    throw new InfraError(`port ${port} (${what}) is already in use: stop what holds it, or set ${envName}`);
  }
}

export type OutputRoute = {
  // everything the process writes, appended to this file (its folder is created)
  logFile?: string | null;
  // what reaches this terminal, line by line with the process's name in front
  echo?: 'all' | 'stderr' | 'none';
};

// Sends a child's output where `route` says (its tail is kept in any case, for a failure to show).
export function routeOutput(proc: Managed, route: OutputRoute): void {
  if (route.logFile) {
    mkdirSync(dirname(route.logFile), { recursive: true });
    const file = createWriteStream(route.logFile, { flags: 'a' });
    file.on('error', () => undefined);
    file.write(`--- ${new Date().toISOString()} ${proc.name} (pid ${proc.child.pid ?? '?'}) started\n`);
    proc.child.stdout?.on('data', (chunk: Buffer) => file.write(chunk));
    proc.child.stderr?.on('data', (chunk: Buffer) => file.write(chunk));
    void proc.exited.then(() => file.end());
  }
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) stream.write(`[${proc.name}] ${line}\n`);
  };
  const echo = route.echo ?? 'none';
  if (echo === 'all') proc.child.stdout?.on('data', forward(process.stdout));
  if (echo !== 'none') proc.child.stderr?.on('data', forward(process.stderr));
}

export type Stoppable = { name: string; stop: () => Promise<void> };

// What a run command started: stopped in reverse order on SIGINT, SIGTERM or SIGHUP, or on a failure, after which
// the process exits with the given code.
export function stopList(say: (line: string) => void): {
  started: Stoppable[];
  stopAll: (code: number) => Promise<void>;
  stopping: () => boolean;
} {
  const started: Stoppable[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    for (const s of [...started].reverse())
      await s.stop().catch((err) => say(`could not stop ${s.name}: ${(err as Error).message}`));
    say('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  return { started, stopAll, stopping: () => stopping };
}
