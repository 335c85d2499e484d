// The production Temporal server (not the dev server): built from the Go module proxy, its schema set up on
// PostgreSQL with its own SQL tool, run from a generated config file. Used by `npm run stack:cluster`.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { cacheDir } from './paths';
import { executable, goInstall, temporalAnswers } from './temporal';
import { InfraError, sleep, startProcess, stopProcess, waitUntil, type Managed } from './processes';

export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEMPORAL_SERVER_VERSION = 'v1.31.2';

export type TemporalServerBinaries = { server: string; sqlTool: string; schemaDir: string };

const run = promisify(execFile);

// The server and its SQL tool, built once into the cache; the schema files come from the same module.
export async function ensureTemporalServer(log: (line: string) => void): Promise<TemporalServerBinaries> {
  const bin = join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'bin');
  const server = join(bin, 'server');
  const sqlTool = join(bin, 'sql');
  mkdirSync(bin, { recursive: true });
  if (!executable(server) || !executable(sqlTool)) {
    log(
      `building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with Go; ` +
        `the first build takes several minutes, later runs reuse ${bin}`,
    );
    for (const pkg of [
      `${TEMPORAL_SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ]) {
      log(`go install ${pkg}`);
      const code = await goInstall(pkg, bin);
      if (code !== 0)
        throw new InfraError(
          `go install ${pkg} failed (exit ${code}): is Go installed and the Go module proxy reachable?`,
        );
    }
  }
  let dir: string;
  try {
    const { stdout } = await run(
      'go',
      ['mod', 'download', '-json', `${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`],
      { maxBuffer: 1 << 20 },
    );
    dir = (JSON.parse(stdout) as { Dir: string }).Dir;
  } catch (err) {
    throw new InfraError(
      `could not fetch the Temporal server's schema files (go mod download): ${(err as Error).message}`,
    );
  }
  return { server, sqlTool, schemaDir: join(dir, 'schema', 'postgresql', 'v12') };
}

export type SqlTarget = { host: string; port: number; user: string; password: string };

// Creates the tables on first use and brings them up to the server's version afterwards (update-schema is a no-op
// when they already are).
export async function setupTemporalSchema(
  bins: TemporalServerBinaries,
  target: SqlTarget,
  log: (line: string) => void,
): Promise<void> {
  const base = [
    '--plugin',
    'postgres12',
    '--endpoint',
    target.host,
    '--port',
    String(target.port),
    '--user',
    target.user,
  ];
  const env = { ...process.env, SQL_PASSWORD: target.password };
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const args = [...base, '--database', database];
    // setup-schema creates the version tables when they are missing and leaves them alone otherwise
    await run(bins.sqlTool, [...args, 'setup-schema', '-v', '0.0'], { env }).catch((err: { stderr?: string }) => {
      if (!/already exists/i.test(err.stderr ?? ''))
        throw new InfraError(`temporal-sql-tool setup-schema on ${database} failed:\n${err.stderr ?? ''}`);
    });
    await run(bins.sqlTool, [...args, 'update-schema', '-d', join(bins.schemaDir, folder, 'versioned')], { env }).catch(
      (err: { stderr?: string }) => {
        throw new InfraError(`temporal-sql-tool update-schema on ${database} failed:\n${err.stderr ?? ''}`);
      },
    );
    log(`Temporal schema on ${database}: at ${TEMPORAL_SERVER_VERSION}`);
  }
}

export type ServerPorts = {
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  membershipBase: number;
  http: number;
  metrics: number;
};

// One process running all four services, its persistence and visibility on PostgreSQL.
export function temporalServerConfig(target: SqlTarget, ports: ServerPorts): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${target.host}:${target.port}"
        connectProtocol: tcp
        user: "${target.user}"
        password: "${target.password}"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (name: string, grpc: number, membership: number) => `
  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${name === 'frontend' ? `\n      httpPort: ${ports.http}` : ''}`;
  const services = [
    service('frontend', ports.frontend, ports.membershipBase),
    service('history', ports.history, ports.membershipBase + 1),
    service('matching', ports.matching, ports.membershipBase + 2),
    service('worker', ports.worker, ports.membershipBase + 3),
  ].join('');
  return `# generated by scripts/cluster.ts: the Temporal server for Rujukan's production topology on one machine
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:${store('temporal', 20)}
    postgres-visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${ports.metrics}"
services:${services}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
`;
}

export type TemporalServer = { address: string; process: Managed; stop: () => Promise<void> };

export async function startTemporalServer(
  bins: TemporalServerBinaries,
  configFile: string,
  config: string,
  frontendPort: number,
): Promise<TemporalServer> {
  writeFileSync(configFile, config);
  const proc = startProcess('temporal-server', bins.server, ['--config-file', configFile, '--allow-no-auth', 'start']);
  const address = `127.0.0.1:${frontendPort}`;
  const stop = () => stopProcess(proc, 'SIGTERM', 30000);
  try {
    await waitUntil(`the Temporal server answered on ${address}`, () => temporalAnswers(address, null), 120000, proc);
  } catch (err) {
    await stop();
    if (/address already in use|bind/i.test(proc.tail()))
      throw new InfraError(`a port of the Temporal server is already in use:\n${proc.tail()}`);
    throw err;
  }
  return { address, process: proc, stop };
}

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

// What the auto-setup image does: the namespace, then Rujukan's search attributes; both only when missing.
export async function ensureNamespace(
  address: string,
  namespace: string,
  retentionDays: number,
  log: (line: string) => void,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const exists = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
      });
      log(`registered the namespace ${namespace}`);
    }
    // a new namespace reaches every service's cache within seconds
    for (let t = 0; ; t += 1) {
      const listed = await connection.operatorService.listSearchAttributes({ namespace }).catch(() => null);
      if (listed) {
        const missing = CASE_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (listed.customAttributes ?? {})));
        if (missing.length) {
          await connection.operatorService.addSearchAttributes({
            namespace,
            searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED[k.type]!])),
          });
          log(`added the search attributes ${missing.map((k) => k.name).join(', ')}`);
        }
        return;
      }
      if (t > 60) throw new InfraError(`the namespace ${namespace} did not become usable`);
      await sleep(1000);
    }
  } finally {
    await connection.close();
  }
}
