import type { Request, Response } from 'express';
import type { IssuedRefresh } from './session.service';

// The console's refresh token travels in this cookie and nowhere else. httpOnly: no script of the page reads it;
// SameSite=Strict: no other site's page makes the browser send it; Path: only the auth routes receive it.
//
// CSRF: besides SameSite=Strict, the only route that acts on the cookie and gives something back is
// POST /api/v1/auth/refresh, which answers the new access token in a JSON body that another origin cannot read;
// logout only ends the session. Every other route ignores the cookie and wants the Authorization header.
export const REFRESH_COOKIE = 'rujukan_refresh';
const COOKIE_PATH = '/api/v1/auth';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

// Secure, except over plain http to a loopback address ('auto', the development default: `npm start` serves
// http://127.0.0.1:3000, where a Secure cookie is not kept); SESSION_COOKIE_SECURE=always sets it whatever the
// request (behind a proxy that ends TLS and forwards to a loopback address).
function secure(req: Request, mode: 'auto' | 'always'): boolean {
  return mode === 'always' || req.protocol !== 'http' || !LOOPBACK.has(req.hostname);
}

export function readRefreshCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === REFRESH_COOKIE) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

export function setRefreshCookie(req: Request, res: Response, refresh: IssuedRefresh, mode: 'auto' | 'always'): void {
  res.cookie(REFRESH_COOKIE, refresh.token, {
    httpOnly: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    secure: secure(req, mode),
    maxAge: refresh.maxAgeSeconds * 1000,
  });
}

export function clearRefreshCookie(req: Request, res: Response, mode: 'auto' | 'always'): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure: secure(req, mode) });
}
