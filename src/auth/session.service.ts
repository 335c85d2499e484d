import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../common/api-error';
import type { AuthConfig } from '../config/auth.config';
import { SessionRepository, type RevokedReason, type SessionOwner, type SpentToken } from './session.repository';

// A refresh token given to the browser: the token (for its cookie) and how long the cookie may live.
export type IssuedRefresh = { token: string; maxAgeSeconds: number };

export type SessionRefusal =
  | 'SESSION_MISSING'
  | 'SESSION_UNKNOWN'
  | 'SESSION_EXPIRED'
  | 'SESSION_REVOKED'
  | 'SESSION_REUSED'
  | 'ACCOUNT_DEACTIVATED'
  | 'PASSWORD_RESET';

const REFUSALS: Record<SessionRefusal, string> = {
  SESSION_MISSING: 'no session: sign in first',
  SESSION_UNKNOWN: 'this session is not known (or long over): sign in again',
  SESSION_EXPIRED: 'this session has reached the end of its shift: sign in again',
  SESSION_REVOKED: 'this session was ended (signed out): sign in again',
  SESSION_REUSED:
    'this refresh token had already been used, so it may have been copied: the session is ended, sign in again',
  ACCOUNT_DEACTIVATED: 'this account has been deactivated',
  PASSWORD_RESET: 'the password was reset after this session began: sign in with the new one',
};

export function sessionRefused(code: SessionRefusal): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, code, REFUSALS[code]);
}

// A token longer than this was never ours: refused without a look in the database.
const MAX_TOKEN_LENGTH = 100;

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

// The console's sessions (refresh tokens): one family a sign-in, with an absolute end (a working shift) however
// often it is refreshed; every refresh spends its token and gives a new one (rotation); a spent token presented
// again ends the whole family (it was copied, or stolen: whoever holds the newer one loses it too). Only hashes
// are stored.
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);
  private readonly config: AuthConfig;

  constructor(
    private readonly sessions: SessionRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<AuthConfig>('auth');
  }

  async open(userId: string): Promise<IssuedRefresh> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlSeconds * 1000);
    await this.sessions.open({ id: randomUUID(), userId, expiresAt, tokenHash: hashOf(token) });
    // now and then, the sessions long over go (a sign-in is a fine moment: rare, and not on a hot path)
    if (Math.random() < 0.05) await this.sessions.purgeEnded();
    return { token, maxAgeSeconds: this.config.sessionTtlSeconds };
  }

  // Spends the token and gives the next one of its family, or refuses with the reason.
  async rotate(token: string | undefined): Promise<{ userId: string; refresh: IssuedRefresh }> {
    if (!token) throw sessionRefused('SESSION_MISSING');
    if (token.length > MAX_TOKEN_LENGTH) throw sessionRefused('SESSION_UNKNOWN');
    const found = await this.sessions.spend(hashOf(token));
    if (!found) throw sessionRefused('SESSION_UNKNOWN');
    const refusal = this.refusal(found);
    if (refusal) {
      const reason = REVOKE_FOR[refusal];
      if (reason) await this.sessions.revoke(found.sessionId, reason);
      if (refusal === 'SESSION_REUSED')
        this.logger.warn({ msg: 'a spent refresh token was used again: session ended', sessionId: found.sessionId });
      throw sessionRefused(refusal);
    }
    const next = newToken();
    await this.sessions.addToken(found.sessionId, hashOf(next));
    const maxAgeSeconds = Math.max(1, Math.floor((found.expiresAt.getTime() - Date.now()) / 1000));
    return { userId: found.userId, refresh: { token: next, maxAgeSeconds } };
  }

  // Ends the session of a token, spent or not (sign-out from a tab whose cookie is a step behind still ends it).
  // Whose it was, for the audit log; null when there was nothing to end.
  async end(token: string | undefined): Promise<SessionOwner | null> {
    if (!token || token.length > MAX_TOKEN_LENGTH) return null;
    return this.sessions.revokeByToken(hashOf(token), 'SIGNED_OUT');
  }

  private refusal(t: SpentToken): SessionRefusal | null {
    if (t.revokedAt) return REFUSAL_OF[t.revokedReason ?? 'SIGNED_OUT'];
    if (!t.fresh) return 'SESSION_REUSED';
    if (t.expiresAt.getTime() <= Date.now()) return 'SESSION_EXPIRED';
    if (t.deactivatedAt) return 'ACCOUNT_DEACTIVATED';
    if (t.passwordChangedAt && t.passwordChangedAt.getTime() >= t.sessionStartedAt.getTime()) return 'PASSWORD_RESET';
    return null;
  }
}

// What a refusal does to the session: ended for good, except when it had already ended or run out.
const REVOKE_FOR: Partial<Record<SessionRefusal, RevokedReason>> = {
  SESSION_REUSED: 'REUSED',
  ACCOUNT_DEACTIVATED: 'DEACTIVATED',
  PASSWORD_RESET: 'PASSWORD_RESET',
};

const REFUSAL_OF: Record<RevokedReason, SessionRefusal> = {
  SIGNED_OUT: 'SESSION_REVOKED',
  REUSED: 'SESSION_REUSED',
  DEACTIVATED: 'ACCOUNT_DEACTIVATED',
  PASSWORD_RESET: 'PASSWORD_RESET',
};

// 32 random bytes, base64url: 43 characters.
function newToken(): string {
  return randomBytes(32).toString('base64url');
}
