import type { MigrationInterface, QueryRunner } from 'typeorm';

// Who read a returnee's data or changed a case, when, and from where. Append-only in the database itself: a
// trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks. Also the legal hold that keeps a closed case from
// being anonymised when its retention period ends.
export class Audit1764720000000 implements MigrationInterface {
  name = 'Audit1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id uuid,
        username text,
        role text,
        action text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        status integer NOT NULL,
        case_id uuid,
        target_id text,
        request_id text,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX audit_log_case_idx ON audit_log (case_id, at)`);
    await q.query(`CREATE INDEX audit_log_user_idx ON audit_log (user_id, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW
       EXECUTE FUNCTION audit_log_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT
       EXECUTE FUNCTION audit_log_append_only()`,
    );

    await q.query(
      `ALTER TABLE cases ADD COLUMN legal_hold boolean NOT NULL DEFAULT false, ADD COLUMN legal_hold_reason text,
       ADD COLUMN anonymised_at timestamptz`,
    );
    await q.query(
      `CREATE INDEX cases_closed_retention_idx ON cases (closed_at)
       WHERE status = 'CLOSED' AND anonymised_at IS NULL AND NOT legal_hold`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_closed_retention_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN anonymised_at, DROP COLUMN legal_hold_reason, DROP COLUMN legal_hold`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
