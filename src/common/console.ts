// The web console (web/, built into web/dist by `npm run build`) served by the API itself at /, on the API's own
// origin: one address to open, no CORS, and cookies that can stay SameSite=Strict. Its files are static; any other
// GET that asks for a page (a console route such as /cases/…) gets index.html, and the console's router takes it
// from there. The API's own paths are never answered with the page.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

const API_PATHS = ['/api/', '/api', '/health', '/metrics', '/codec/'];

export function consoleDirectory(): string {
  // dist/src/common → the repository's web/dist
  return resolve(__dirname, '..', '..', '..', 'web', 'dist');
}

export function serveConsole(app: NestExpressApplication, dir = consoleDirectory()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  // hashed file names: the assets may be cached for a year; index.html never (a new build must reach the user)
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PATHS.some((p) => req.path === p || req.path.startsWith(p.endsWith('/') ? p : `${p}/`))) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
