// The production topology on this machine (npm run stack:cluster --check): the Temporal server built from the Go
// module proxy on PostgreSQL, two workers and one API; worker 1 is killed with SIGKILL and worker 2 must carry on.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/infra/processes';

const ROOT = resolve(__dirname, '..', '..');

describe('the production topology (stack:cluster)', () => {
  it('should run the Temporal server on PostgreSQL with two workers, and let the second take over when the first is killed', async () => {
    const data = mkdtempSync(join(tmpdir(), 'rujukan-cluster-'));
    const [pg, api, temporal] = [await freePort(), await freePort(), 20000 + Math.floor(Math.random() * 12000)];
    try {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'cluster.js'), '--check'], {
        cwd: ROOT,
        env: {
          ...process.env,
          RUJUKAN_CLUSTER_DATA_DIR: data,
          RUJUKAN_CLUSTER_PG_PORT: String(pg),
          RUJUKAN_CLUSTER_API_PORT: String(api),
          RUJUKAN_CLUSTER_TEMPORAL_PORT: String(temporal),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      if (code !== 0) throw new Error(`stack:cluster --check exited ${code}:\n${out.slice(-4000)}`);
      expect(out).toMatch(/Temporal schema on temporal: at v1\.31\.2/);
      expect(out).toMatch(
        /ready: API http:\/\/127\.0\.0\.1:\d+\/api\/v1, Temporal 127\.0\.0\.1:\d+, workers pid (\d+) and (\d+)/,
      );
      expect(out).toMatch(/killed worker-1 \(pid \d+\) with SIGKILL/);
      expect(out).toMatch(/all 10 cases screened after the kill/);
      expect(out).toMatch(/failover: worker-2 took over every case/);
      expect(out).toMatch(/cluster: stopped/);
      process.stderr.write(
        `${out
          .split('\n')
          .filter((l) => /^cluster: (all 10|workflow tasks|failover)/.test(l))
          .join('\n')}\n`,
      );
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 600000);
});
