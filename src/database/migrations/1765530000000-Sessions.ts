import type { MigrationInterface, QueryRunner } from 'typeorm';

// The console's sessions: one row a sign-in (a family of refresh tokens) with its absolute end, and one row for
// every refresh token it was given, as a SHA-256 hash only (the token itself lives in the browser's cookie). A
// token is spent once: a spent token seen again means it was copied, and ends its whole family. And when a
// password was last set, so a reset ends the sessions begun before it.
export class Sessions1765530000000 implements MigrationInterface {
  name = 'Sessions1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('SIGNED_OUT', 'REUSED', 'DEACTIVATED', 'PASSWORD_RESET'))
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE session_tokens (
        token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        spent_at timestamptz
      )`);
    await q.query(`CREATE INDEX session_tokens_session ON session_tokens (session_id)`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`DROP TABLE session_tokens`);
    await q.query(`DROP TABLE sessions`);
  }
}
