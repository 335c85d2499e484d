import type { MigrationInterface, QueryRunner } from 'typeorm';

// The partner's summary when it completes a referral, and the parent or guardian who gave a consent for a child
// (free text and a name: emptied when a case is anonymised).
export class PartnerAnswers1764892800000 implements MigrationInterface {
  name = 'PartnerAnswers1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ADD COLUMN summary text`);
    await q.query(`ALTER TABLE consents ADD COLUMN guardian_name text, ADD COLUMN guardian_relationship text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consents DROP COLUMN guardian_relationship, DROP COLUMN guardian_name`);
    await q.query(`ALTER TABLE referrals DROP COLUMN summary`);
  }
}
