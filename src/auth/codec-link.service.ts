import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../workflows/definition';
import type { AuthConfig } from '../config/auth.config';
import type { CurrentUserInfo } from './auth.types';

// A personal codec endpoint for the Temporal UI. The dev server's UI has no sign-in of its own, so it cannot pass a
// bearer token to a codec server; instead a supervisor asks for a link (POST /api/v1/codec-links) and pastes it into
// the UI's codec-server setting, which then posts to <link>/decode. The link carries a short-lived credential of its
// own: `<claims>.<mac>`, HMAC-SHA256 under a key derived from JWT_SECRET for this purpose only. It has two parts, not
// a JWT's three, so it is no bearer token for any other route, and a bearer token is no link. The request log and
// the metrics name the route pattern, never the link. No framework imports (AuthModule provides it).
type LinkClaims = { sub: string; username: string; role: Role; officeId: string | null; exp: number };

export class CodecLinkService {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;

  constructor(auth: Pick<AuthConfig, 'jwtSecret' | 'codecLinkTtlSeconds'>) {
    this.key = createHmac('sha256', auth.jwtSecret).update('rujukan codec link v1').digest();
    this.ttlSeconds = auth.codecLinkTtlSeconds;
  }

  issue(user: CurrentUserInfo, now = Date.now()): { token: string; expiresAt: Date } {
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    const claims: LinkClaims = {
      sub: user.userId,
      username: user.username,
      role: user.role,
      officeId: user.officeId,
      exp,
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(exp * 1000) };
  }

  // The caller the link was issued to, or null for a link that is forged, altered or expired.
  verify(token: string, now = Date.now()): CurrentUserInfo | null {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
      if (typeof c.exp !== 'number' || c.exp * 1000 <= now) return null;
      return { userId: c.sub, username: c.username, role: c.role, officeId: c.officeId, agencyId: null };
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
