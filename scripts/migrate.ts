// `npm run migrate` (and the `migrate` service of docker-compose.yml): applies pending migrations to DATABASE_URL.
import { checkPostgres, describeBootError } from '../src/common/boot';
import { readDatabaseConfig } from '../src/config/database.config';
import { runMigrations } from '../src/database/migrate';

async function main(): Promise<void> {
  const { url } = readDatabaseConfig();
  await checkPostgres();
  const applied = await runMigrations(url);
  process.stdout.write(applied.length ? `migrate: applied ${applied.join(', ')}\n` : 'migrate: schema is up to date\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`migrate: ${describeBootError(err)}\n`);
  process.exit(1);
});
