// Builds the web console (web/ → web/dist) when its sources are newer than the last build, so `npm start` and
// `npm test` do not pay for a console build that is already there. The console has its own packages (web/, installed
// by the root `npm ci` through postinstall), so the API's dependencies stay the API's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './infra/paths';

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function main(): void {
  const web = join(repoRoot(), 'web');
  const built = join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'].map((f) =>
    join(web, f),
  );
  if (existsSync(built) && Math.max(...sources.map(newest)) <= statSync(built).mtimeMs) return;
  if (!existsSync(join(web, 'node_modules'))) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: web, stdio: 'inherit' });
  }
  execFileSync('npm', ['run', '--silent', 'build', '--', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
}

main();
