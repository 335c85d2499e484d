import type { MigrationInterface, QueryRunner } from 'typeorm';

// The partner's summary when it completes a referral (free text: emptied when a case is anonymised).
export class ReferralSummary1764892800000 implements MigrationInterface {
  name = 'ReferralSummary1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ADD COLUMN summary text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP COLUMN summary`);
  }
}
