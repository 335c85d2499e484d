import type { MigrationInterface, QueryRunner } from 'typeorm';
import holidays2026 from '../seed-data/holidays-id-2026.json';

// What the case workflow writes besides the case and its timeline: tasks, escalations, referrals, consents,
// notification requests, and the holiday calendar the deadlines count working days with.
export class CaseProcess1764288000000 implements MigrationInterface {
  name = 'CaseProcess1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN allowed_actions jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE cases ADD COLUMN closed_at timestamptz`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        kind text NOT NULL CHECK (kind IN ('STEP', 'CONTACT_PARTNER', 'SUPERVISOR_REVIEW', 'APPROVAL')),
        title text NOT NULL,
        step text NOT NULL,
        role text NOT NULL,
        assignee_id uuid,
        due_at timestamptz,
        status text NOT NULL CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
        created_seq integer NOT NULL,
        updated_seq integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tasks_assignee_open_idx ON tasks (assignee_id, due_at) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX tasks_office_role_open_idx ON tasks (office_id, role, due_at) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX tasks_case_idx ON tasks (case_id)`);
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        level smallint NOT NULL CHECK (level IN (1, 2)),
        kind text NOT NULL,
        reason text NOT NULL,
        step text NOT NULL,
        assigned_role text NOT NULL,
        notify_task_force boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
        opened_at timestamptz NOT NULL,
        resolution text,
        resolved_at timestamptz,
        resolved_by uuid,
        updated_seq integer NOT NULL
      )`);
    await q.query(
      `CREATE INDEX escalations_office_open_idx ON escalations (office_id, level, opened_at) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX escalations_case_idx ON escalations (case_id)`);
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        given_by text NOT NULL CHECK (given_by IN ('SELF', 'GUARDIAN')),
        method text NOT NULL,
        purpose text NOT NULL,
        recipient_agency_id uuid NOT NULL,
        data_categories jsonb NOT NULL DEFAULT '[]'::jsonb,
        expires_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX consents_case_idx ON consents (case_id)`);
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        agency_id uuid NOT NULL,
        services jsonb NOT NULL DEFAULT '[]'::jsonb,
        legal_basis text NOT NULL CHECK (legal_basis IN ('CONSENT', 'VITAL_INTEREST', 'LEGAL_OBLIGATION')),
        consent_id uuid REFERENCES consents(id),
        status text NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'REVOKED')),
        reason text,
        sent_at timestamptz NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referrals_agency_status_idx ON referrals (agency_id, status, sent_at)`);
    await q.query(`CREATE INDEX referrals_case_idx ON referrals (case_id)`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL,
        agency_id uuid,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, created_at)`);
    await q.query(`
      CREATE TABLE holidays (
        date date NOT NULL,
        region text NOT NULL DEFAULT 'ID',
        kind text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (region, date)
      )`);
    // The national holidays and collective leave of 2026 (SKB 3 Menteri); later years are added as data.
    for (const h of holidays2026.holidays) {
      await q.query(`INSERT INTO holidays (date, region, kind, name) VALUES ($1, 'ID', $2, $3)`, [
        h.date,
        h.kind,
        h.name,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE holidays`);
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE referrals`);
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE escalations`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`ALTER TABLE cases DROP COLUMN closed_at`);
    await q.query(`ALTER TABLE cases DROP COLUMN allowed_actions`);
  }
}
