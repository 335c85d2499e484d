import type { MigrationInterface, QueryRunner } from 'typeorm';

// A referral a caseworker prepares for a child, or without consent, waits for a supervisor (PENDING_APPROVAL) and
// is either sent or sent back (REJECTED, never told to the partner). Issue 16, rule 1.
const BEFORE = `'SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'REVOKED'`;

export class ReferralApproval1765300000000 implements MigrationInterface {
  name = 'ReferralApproval1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_status_check`);
    await q.query(
      `ALTER TABLE referrals ADD CONSTRAINT referrals_status_check
         CHECK (status IN (${BEFORE}, 'PENDING_APPROVAL', 'REJECTED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // a referral that never went out has no place in the older list
    await q.query(`DELETE FROM referrals WHERE status IN ('PENDING_APPROVAL', 'REJECTED')`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_status_check`);
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_status_check CHECK (status IN (${BEFORE}))`);
  }
}
