import type { MigrationInterface, QueryRunner } from 'typeorm';

// The administration API: accounts that can be deactivated (their tokens stop working) and carry an e-mail,
// an office's own time zone (every office so far ran on WITA), and SLA policy versions that are stored before
// an administrator activates them (active_from NULL until then).
export class Administration1765100000000 implements MigrationInterface {
  name = 'Administration1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email text, ADD COLUMN deactivated_at timestamptz`);
    await q.query(
      `ALTER TABLE offices ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Makassar'
       CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'))`,
    );
    await q.query(`ALTER TABLE sla_policies ALTER COLUMN active_from DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sla_policies WHERE active_from IS NULL`);
    await q.query(`ALTER TABLE sla_policies ALTER COLUMN active_from SET NOT NULL`);
    await q.query(`ALTER TABLE offices DROP COLUMN time_zone`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at, DROP COLUMN email`);
  }
}
