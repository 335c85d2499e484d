import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CurrentUserInfo } from './auth.types';

export type RevokedReason = 'SIGNED_OUT' | 'REUSED' | 'DEACTIVATED' | 'PASSWORD_RESET';

// A refresh token as it was found, and whether this call was the one that spent it.
export type SpentToken = {
  sessionId: string;
  userId: string;
  // false: the token had been spent before (or by a request running at the same moment)
  fresh: boolean;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: RevokedReason | null;
  sessionStartedAt: Date;
  deactivatedAt: Date | null;
  passwordChangedAt: Date | null;
};

export type SessionOwner = CurrentUserInfo;

// The SQL of `sessions` and `session_tokens`: the console's sign-ins and the hashes of their refresh tokens.
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async open(s: { id: string; userId: string; expiresAt: Date; tokenHash: Buffer }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)`, [
        s.id,
        s.userId,
        s.expiresAt,
      ]);
      await m.query(`INSERT INTO session_tokens (token_hash, session_id) VALUES ($1, $2)`, [s.tokenHash, s.id]);
    });
  }

  // Spends a token: marked spent by the first caller only (the UPDATE's row lock makes a second, concurrent one
  // see it spent), and answered with its session and user as they are now. null: no such token.
  async spend(tokenHash: Buffer): Promise<SpentToken | null> {
    const rows = (await this.dataSource.query(
      `WITH spent AS (
         UPDATE session_tokens SET spent_at = now() WHERE token_hash = $1 AND spent_at IS NULL RETURNING session_id
       )
       SELECT s.id AS "sessionId", s.user_id AS "userId", EXISTS (SELECT 1 FROM spent) AS fresh,
              s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
              s.revoked_reason AS "revokedReason", s.created_at AS "sessionStartedAt",
              u.deactivated_at AS "deactivatedAt", u.password_changed_at AS "passwordChangedAt"
         FROM session_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    )) as SpentToken[];
    return rows[0] ?? null;
  }

  async addToken(sessionId: string, tokenHash: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO session_tokens (token_hash, session_id) VALUES ($1, $2)`, [
      tokenHash,
      sessionId,
    ]);
  }

  // Ends the session of a token, spent or not (the first reason stays), and answers whose it was; null: no such
  // token.
  async revokeByToken(tokenHash: Buffer, reason: RevokedReason): Promise<SessionOwner | null> {
    const rows = (await this.dataSource.query(
      `UPDATE sessions s SET revoked_at = COALESCE(s.revoked_at, now()), revoked_reason = COALESCE(s.revoked_reason, $2)
         FROM session_tokens t, users u WHERE t.token_hash = $1 AND s.id = t.session_id AND u.id = s.user_id
       RETURNING u.id AS "userId", u.username, u.role, u.office_id AS "officeId", u.agency_id AS "agencyId"`,
      [tokenHash, reason],
    )) as [SessionOwner[], number];
    return rows[0][0] ?? null;
  }

  async revoke(sessionId: string, reason: RevokedReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET revoked_at = COALESCE(revoked_at, now()), revoked_reason = COALESCE(revoked_reason, $2)
        WHERE id = $1`,
      [sessionId, reason],
    );
  }

  // Sessions that ended more than a day ago, with their tokens: nothing to keep them for.
  async purgeEnded(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sessions WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`,
    );
  }
}
