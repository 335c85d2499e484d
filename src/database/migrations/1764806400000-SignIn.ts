import type { MigrationInterface, QueryRunner } from 'typeorm';

// Failed sign-ins per account, for the temporary lockout.
export class SignIn1764806400000 implements MigrationInterface {
  name = 'SignIn1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN locked_until, DROP COLUMN failed_logins`);
  }
}
