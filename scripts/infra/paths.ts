import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const isRoot = (): boolean => process.getuid?.() === 0;

// Downloads and builds (the Temporal CLI, the Java test server) are cached here and reused by the next run.
export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rujukan');
}

// Data that must survive a restart (PostgreSQL cluster, Temporal's SQLite file). As root, PostgreSQL runs as an
// unprivileged user who cannot enter root's home, so the data goes to /var/lib/rujukan instead.
export function dataDir(): string {
  if (process.env.RUJUKAN_DATA_DIR) return process.env.RUJUKAN_DATA_DIR;
  if (isRoot()) return '/var/lib/rujukan';
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'rujukan');
}

// The repository (where package.json is), from this file's place in the sources or in dist/.
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}
