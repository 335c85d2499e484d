import type { MigrationInterface, QueryRunner } from 'typeorm';

// The handover of a case between offices and the reason a case closed. A case belongs to one office
// (cases.office_id, the one that acts); cases.transfer_to_office_id names the office it is being handed to until
// that office decides; case_offices holds every office the case has belonged to, which keep read access to it.
// cases.closure_reason_code and duplicate_of_case_id: why the case closed, and the case it duplicates.
export class OfficeTransfer1765200000000 implements MigrationInterface {
  name = 'OfficeTransfer1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN transfer_to_office_id uuid REFERENCES offices(id),
        ADD COLUMN transfer_requested_at timestamptz,
        ADD COLUMN closure_reason_code text CHECK (closure_reason_code IN
          ('COMPLETED', 'DIED', 'MIGRATED_AGAIN', 'UNREACHABLE', 'DUPLICATE', 'INFORMATION_ONLY')),
        ADD COLUMN duplicate_of_case_id uuid REFERENCES cases(id)`);
    await q.query(
      `CREATE INDEX cases_transfer_to_idx ON cases (transfer_to_office_id, due_at, case_number)
        WHERE transfer_to_office_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX cases_duplicate_of_idx ON cases (duplicate_of_case_id) WHERE duplicate_of_case_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE case_offices (
        case_id uuid NOT NULL REFERENCES cases(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        since timestamptz NOT NULL,
        until timestamptz,
        PRIMARY KEY (case_id, office_id)
      )`);
    await q.query(`CREATE INDEX case_offices_office_idx ON case_offices (office_id)`);
    await q.query(`INSERT INTO case_offices (case_id, office_id, since) SELECT id, office_id, created_at FROM cases`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_offices`);
    await q.query(`
      ALTER TABLE cases
        DROP COLUMN duplicate_of_case_id,
        DROP COLUMN closure_reason_code,
        DROP COLUMN transfer_requested_at,
        DROP COLUMN transfer_to_office_id`);
  }
}
