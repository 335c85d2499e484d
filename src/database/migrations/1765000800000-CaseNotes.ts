import type { MigrationInterface, QueryRunner } from 'typeorm';

// The case file's notes: what a caseworker wrote with an action, or on its own (add-note). The words live here
// only: the workflow carries the note's id, and the timeline's note.added event carries the id and the sha256 of
// the words, so the hash chain covers them. A note is PENDING from the moment the API holds its words until the
// workflow accepts the action (then RECORDED, with its event's seq and step); a refused action's note is deleted.
// Also: case_events refuses UPDATE, DELETE and TRUNCATE in the database itself, like the audit log, except on the
// anonymisation path, which says so for its own transaction (SET LOCAL rujukan.timeline_path = 'anonymise').
export class CaseNotes1765000800000 implements MigrationInterface {
  name = 'CaseNotes1765000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RECORDED')),
        text text NOT NULL,
        text_sha256 text NOT NULL,
        action text NOT NULL,
        author_id uuid,
        author_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        event_seq integer,
        step text,
        recorded_at timestamptz,
        anonymised_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_notes_case_idx ON case_notes (case_id, event_seq)`);
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('rujukan.timeline_path', true) = 'anonymise' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW
       EXECUTE FUNCTION case_events_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT
       EXECUTE FUNCTION case_events_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_events_no_truncate ON case_events`);
    await q.query(`DROP TRIGGER case_events_no_update ON case_events`);
    await q.query(`DROP FUNCTION case_events_append_only()`);
    await q.query(`DROP TABLE case_notes`);
  }
}
