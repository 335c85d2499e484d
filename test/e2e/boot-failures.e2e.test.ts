import { createServer, type Server } from 'node:net';
import { freePort } from '../../scripts/infra/processes';
import { nodeProcess } from '../support/e2e-stack';

// A misconfigured API or worker must stop at once with one line that names the problem and the fix.
async function bootFails(
  script: 'main' | 'worker',
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  const proc = nodeProcess(script, script, { ...process.env, LOG_LEVEL: 'warn', ...env });
  const code = await proc.exited;
  return { code, stderr: proc.tail() };
}

describe('boot failures', () => {
  const pgUrl = () => `${process.env.RUJUKAN_TEST_PG_URL_PREFIX}rujukan_template`;
  const temporal = () => process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS!;

  it('should name an unreachable PostgreSQL and exit non-zero', async () => {
    const port = await freePort();
    for (const script of ['main', 'worker'] as const) {
      const { code, stderr } = await bootFails(script, {
        DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/x`,
        TEMPORAL_ADDRESS: temporal(),
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `PostgreSQL at 127.0.0.1:${port}/x cannot be used (connection refused): start it, or fix DATABASE_URL`,
      );
    }
  });

  it('should name wrong PostgreSQL credentials and a missing database', async () => {
    const wrongPassword = pgUrl().replace(/:[^:@/]+@/, ':wrong@');
    expect((await bootFails('main', { DATABASE_URL: wrongPassword, TEMPORAL_ADDRESS: temporal() })).stderr).toContain(
      'the user or password was refused',
    );
    const noDb = pgUrl().replace(/rujukan_template$/, 'no_such_db');
    expect((await bootFails('main', { DATABASE_URL: noDb, TEMPORAL_ADDRESS: temporal() })).stderr).toContain(
      'that database does not exist',
    );
  });

  it('should refuse a DATABASE_URL that is not a postgres URL', async () => {
    const { code, stderr } = await bootFails('main', { DATABASE_URL: 'mysql://x@y/z', TEMPORAL_ADDRESS: temporal() });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL must start with postgres:// or postgresql://');
  });

  it('should name an unreachable Temporal and exit non-zero', async () => {
    const port = await freePort();
    for (const script of ['main', 'worker'] as const) {
      const { code, stderr } = await bootFails(script, {
        DATABASE_URL: pgUrl(),
        TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`Temporal at 127.0.0.1:${port} cannot be used`);
      expect(stderr).toContain('fix TEMPORAL_ADDRESS');
    }
  });

  it('should name a port already taken', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const { code, stderr } = await bootFails('main', {
        DATABASE_URL: pgUrl(),
        TEMPORAL_ADDRESS: temporal(),
        PORT: String(port),
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is already in use: stop what holds it, or set PORT`);
    } finally {
      blocker.close();
    }
  });
});
