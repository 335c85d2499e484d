import type { MigrationInterface, QueryRunner } from 'typeorm';

// Printable letters (surat rujukan, berita acara serah terima): the office's address for the letterhead, and the
// letter register. A letter's number is a running number per office per year, taken once: printing the same
// letter again reads its row back (unique per case, kind and referral), so a reprint never burns a number.
export class Letters1764993600000 implements MigrationInterface {
  name = 'Letters1764993600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offices ADD COLUMN address text, ADD COLUMN phone text, ADD COLUMN email text`);
    // the last number given per office and year; its row is locked while a number is taken, so numbers have no gaps
    await q.query(`
      CREATE TABLE letter_counters (
        office_id uuid NOT NULL REFERENCES offices(id),
        year integer NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        PRIMARY KEY (office_id, year)
      )`);
    await q.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        kind text NOT NULL CHECK (kind IN ('REFERRAL', 'HANDOVER')),
        number text NOT NULL,
        case_id uuid NOT NULL REFERENCES cases(id),
        referral_id uuid REFERENCES referrals(id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by uuid REFERENCES users(id),
        UNIQUE (office_id, year, seq),
        CHECK ((kind = 'REFERRAL') = (referral_id IS NOT NULL))
      )`);
    // one letter per referral, one handover record per case
    await q.query(
      `CREATE UNIQUE INDEX letters_subject ON letters
       (case_id, kind, COALESCE(referral_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letters`);
    await q.query(`DROP TABLE letter_counters`);
    await q.query(`ALTER TABLE offices DROP COLUMN email, DROP COLUMN phone, DROP COLUMN address`);
  }
}
