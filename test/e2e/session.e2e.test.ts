// The console's session over real HTTP: sign-in sets a refresh token in an httpOnly, SameSite=Strict cookie limited
// to the auth routes (only its hash in PostgreSQL), each refresh spends it for a new one, a spent one used again
// ends its whole family, sign-out ends it, and a deactivated account, a reset password or the end of the shift
// refuse it; bad cookies and bodies get a 4xx, never a 500. The bearer API stays as it was.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { DEMO_OFFICES } from '../../src/database/seed';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

type Answer = { status: number; body: any; cookie: string | undefined; setCookie: string | undefined };

const sha256 = (s: string) => createHash('sha256').update(s).digest();

describe('the console session (refresh token cookie)', () => {
  let sut: E2eStack;

  beforeAll(async () => {
    sut = await startE2eStack();
  });
  afterAll(async () => {
    await sut?.stop();
  });

  // A POST as a browser of the console would send it: the cookie (if any), no Authorization header.
  async function post(path: string, cookie?: string, body?: string): Promise<Answer> {
    const res = await fetch(`${sut.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        ...(cookie !== undefined ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body,
    });
    const text = await res.text();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rujukan_refresh='));
    const value = setCookie?.split(';')[0];
    return {
      status: res.status,
      body: text ? JSON.parse(text) : undefined,
      setCookie,
      cookie: value && value !== 'rujukan_refresh=' ? value : undefined,
    };
  }
  const login = (username: string, password = 'rujukan-demo') =>
    post('/api/v1/auth/login', undefined, JSON.stringify({ username, password }));
  const refresh = (cookie?: string) => post('/api/v1/auth/refresh', cookie);
  const logout = (cookie?: string) => post('/api/v1/auth/logout', cookie);
  const tokenOf = (cookie: string) => cookie.slice('rujukan_refresh='.length);

  it('should set the refresh cookie at sign-in (httpOnly, SameSite=Strict, auth routes only, a shift long) and keep only its hash', async () => {
    const res = await login('cw.palu');
    expect(res.status).toBe(200);
    // the bearer API's answer is as it was
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(res.body.expiresIn).toBe(900);
    const flags = res.setCookie!.split(';').map((f) => f.trim());
    expect(flags).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v1/auth', 'Max-Age=43200']),
    );
    // plain http to 127.0.0.1: not Secure (the browser would drop it), the development default
    expect(flags).not.toContain('Secure');
    const token = tokenOf(res.cookie!);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await sut.db.query(
      `SELECT round(extract(epoch FROM s.expires_at - s.created_at))::int AS shift FROM session_tokens t
         JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1`,
      [sha256(token)],
    );
    expect(rows).toHaveLength(1);
    expect(Math.abs(rows[0].shift - 12 * 3600)).toBeLessThanOrEqual(2);
    const stored = await sut.db.query(
      `SELECT count(*)::int AS n FROM session_tokens WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0`,
      [token],
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it('should mark the cookie Secure for any host but a loopback one', async () => {
    const setCookie = await new Promise<string[]>((resolve, reject) => {
      const url = new URL(`${sut.baseUrl}/api/v1/auth/login`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { host: 'rujukan.bp3mi.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          expect(res.statusCode).toBe(200);
          resolve(res.headers['set-cookie'] ?? []);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'cw.palu', password: 'rujukan-demo' }));
    });
    expect(setCookie.find((c) => c.startsWith('rujukan_refresh='))).toMatch(/; Secure/);
  });

  it('should give a new access token and rotate the cookie on refresh, within the same shift', async () => {
    const first = await login('cw.palu');
    const next = await refresh(first.cookie);
    expect(next.status).toBe(200);
    expect(next.body.user).toMatchObject({ username: 'cw.palu', role: 'CASEWORKER' });
    expect(next.cookie).toBeDefined();
    expect(next.cookie).not.toBe(first.cookie);
    // the new access token works as a bearer token
    const inbox = await sut.http('GET', '/api/v1/inbox', undefined, sut.as(next.body.accessToken));
    expect(inbox.status).toBe(200);
    // the shift does not grow with each refresh: what is left of it, not 12 h again
    const maxAge = Number(/Max-Age=(\d+)/.exec(next.setCookie!)![1]);
    expect(maxAge).toBeLessThanOrEqual(43200);
    expect(maxAge).toBeGreaterThan(43000);
    const again = await refresh(next.cookie);
    expect(again.status).toBe(200);
    const { rows } = await sut.db.query(
      `SELECT count(*)::int AS tokens, count(spent_at)::int AS spent FROM session_tokens
        WHERE session_id = (SELECT session_id FROM session_tokens WHERE token_hash = $1)`,
      [sha256(tokenOf(first.cookie!))],
    );
    expect(rows[0]).toEqual({ tokens: 3, spent: 2 });
  });

  it('should end the whole session when a spent refresh token is used again', async () => {
    const stolen = await login('cw.palu');
    const rightful = await refresh(stolen.cookie);
    expect(rightful.status).toBe(200);
    // the spent token again (a copy): refused, and the family ended
    const replay = await refresh(stolen.cookie);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('SESSION_REUSED');
    // the cookie is cleared in the answer
    expect(replay.setCookie).toMatch(/^rujukan_refresh=;/);
    // the newer token of the same family no longer works either
    const after = await refresh(rightful.cookie);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('SESSION_REUSED');
    const { rows } = await sut.db.query(
      `SELECT s.revoked_reason FROM sessions s JOIN session_tokens t ON t.session_id = s.id WHERE t.token_hash = $1`,
      [sha256(tokenOf(rightful.cookie!))],
    );
    expect(rows[0].revoked_reason).toBe('REUSED');
    // another sign-in of the same user is not touched
    const other = await login('cw.palu');
    expect((await refresh(other.cookie)).status).toBe(200);
  });

  it('should let only one of two refreshes at the same moment with the same token through', async () => {
    const signedIn = await login('cw.palu');
    const answers = await Promise.all([refresh(signedIn.cookie), refresh(signedIn.cookie)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    expect(answers.find((a) => a.status === 401)!.body.error).toBe('SESSION_REUSED');
  });

  it('should end the session on sign-out, idempotently, audited as a change', async () => {
    const signedIn = await login('spv.palu');
    const out = await logout(signedIn.cookie);
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^rujukan_refresh=;.*Path=\/api\/v1\/auth/);
    const refused = await refresh(signedIn.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('SESSION_REVOKED');
    // again, and with no cookie at all: the same answer
    expect((await logout(signedIn.cookie)).status).toBe(204);
    expect((await logout()).status).toBe(204);
    const { rows } = await sut.db.query(
      `SELECT username, role, status FROM audit_log WHERE action = 'auth.sign_out' AND username = 'spv.palu'`,
    );
    expect(rows[0]).toEqual({ username: 'spv.palu', role: 'SUPERVISOR', status: 204 });
    // a sign-out from a tab whose cookie is a step behind (spent) still ends the session
    const behind = await login('spv.palu');
    const ahead = await refresh(behind.cookie);
    expect((await logout(behind.cookie)).status).toBe(204);
    expect((await refresh(ahead.cookie)).body.error).toBe('SESSION_REVOKED');
  });

  it('should refuse the session of a deactivated account, and one begun before a password reset', async () => {
    await sut.addStaffUser('cw.session', 'CASEWORKER', DEMO_OFFICES.sulteng.id);
    const admin = sut.as(await sut.login('admin'));
    const { rows } = await sut.db.query(`SELECT id FROM users WHERE username = 'cw.session'`);
    const id = rows[0].id as string;

    const before = await login('cw.session');
    expect((await sut.http('POST', `/api/v1/users/${id}/deactivate`, {}, admin)).status).toBe(200);
    const refused = await refresh(before.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('ACCOUNT_DEACTIVATED');
    expect((await sut.http('POST', `/api/v1/users/${id}/reactivate`, {}, admin)).status).toBe(200);
    // reactivated: that session stays ended
    expect((await refresh(before.cookie)).body.error).toBe('ACCOUNT_DEACTIVATED');

    const beforeReset = await login('cw.session');
    const reset = await sut.http('POST', `/api/v1/users/${id}/password-reset`, {}, admin);
    expect(reset.status).toBe(200);
    const afterReset = await refresh(beforeReset.cookie);
    expect(afterReset.status).toBe(401);
    expect(afterReset.body.error).toBe('PASSWORD_RESET');
    // a sign-in with the new password begins a session that works
    const fresh = await login('cw.session', reset.body.password);
    expect((await refresh(fresh.cookie)).status).toBe(200);
  });

  it('should refuse a session whose shift is over', async () => {
    const res = await login('cw.palu');
    await sut.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second'
        WHERE id = (SELECT session_id FROM session_tokens WHERE token_hash = $1)`,
      [sha256(tokenOf(res.cookie!))],
    );
    const refused = await refresh(res.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('SESSION_EXPIRED');
  });

  it('should answer bad cookies and bodies with a 4xx and a code, never a 500', async () => {
    const missing = await refresh();
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('SESSION_MISSING');
    for (const cookie of [
      'rujukan_refresh=',
      'rujukan_refresh=not-a-token',
      `rujukan_refresh=${'A'.repeat(5000)}`,
      'rujukan_refresh=%zz%00;;=;rujukan_refresh',
      'other=1; rujukan_refresh="quoted"',
      '=;;;',
    ]) {
      const res = await refresh(cookie);
      expect([cookie, res.status]).toEqual([cookie, 401]);
      expect(['SESSION_MISSING', 'SESSION_UNKNOWN']).toContain(res.body.error);
      expect((await logout(cookie)).status).toBe(204);
    }
    const notJson = await post('/api/v1/auth/refresh', undefined, '{"half');
    expect(notJson.status).toBe(400);
    // an access token is not a refresh token
    const bearer = await sut.http('POST', '/api/v1/auth/refresh', undefined, {});
    expect(bearer.status).toBe(401);
  });
});
