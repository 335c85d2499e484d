import type { MigrationInterface, QueryRunner } from 'typeorm';

// The head of a partner's unit (PARTNER_HEAD) decides a referral, accepts or declines it (PROCESS.md 5c); other
// partner users (PARTNER) acknowledge and complete. Existing partner users stay PARTNER: an administrator names the
// head of each unit. Issue 16, rule 7.
const STAFF_OR_PARTNER = (partner: string) =>
  `CHECK ((role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD') AND office_id IS NOT NULL AND agency_id IS NULL)
      OR (role IN (${partner}) AND agency_id IS NOT NULL AND office_id IS NULL)
      OR (role = 'ADMIN' AND office_id IS NULL AND agency_id IS NULL))`;

export class PartnerHead1765300100000 implements MigrationInterface {
  name = 'PartnerHead1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check, DROP CONSTRAINT users_check`);
    await q.query(
      `ALTER TABLE users
         ADD CONSTRAINT users_role_check
           CHECK (role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD', 'PARTNER', 'ADMIN', 'PARTNER_HEAD')),
         ADD CONSTRAINT users_check ${STAFF_OR_PARTNER(`'PARTNER', 'PARTNER_HEAD'`)}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check, DROP CONSTRAINT users_check`);
    await q.query(`UPDATE users SET role = 'PARTNER' WHERE role = 'PARTNER_HEAD'`);
    await q.query(
      `ALTER TABLE users
         ADD CONSTRAINT users_role_check CHECK (role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD', 'PARTNER', 'ADMIN')),
         ADD CONSTRAINT users_check ${STAFF_OR_PARTNER(`'PARTNER'`)}`,
    );
  }
}
