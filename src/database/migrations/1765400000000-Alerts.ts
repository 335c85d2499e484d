import type { MigrationInterface, QueryRunner } from 'typeorm';

// Who must hear of a reminder, a breach or an escalation (PROCESS.md "What happens when a deadline passes"): one row a
// recipient, a user (the assignee, the office's supervisors or head) or an agency (the head of a late partner unit,
// the provincial task force). Ids only: what happened is the case event at event_seq. A retried activity writes a
// recipient of an event once (the unique indexes). The inbox that reads them, and the channels, come later.
// And the witness of a handover's berita acara: a name, so it stays here; the workflow carries its id.
export class Alerts1765400000000 implements MigrationInterface {
  name = 'Alerts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        event_seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('REMINDER_50', 'REMINDER_80', 'BREACH', 'ESCALATION_1', 'ESCALATION_2')),
        user_id uuid REFERENCES users(id),
        agency_id uuid REFERENCES partner_agencies(id),
        escalation_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CHECK ((user_id IS NULL) <> (agency_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_user_once ON alerts (case_id, event_seq, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX alerts_agency_once ON alerts (case_id, event_seq, agency_id) WHERE agency_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX alerts_user_unread ON alerts (user_id, created_at) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE handover_witnesses (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handover_witnesses`);
    await q.query(`DROP TABLE alerts`);
  }
}
