import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764201600000 implements MigrationInterface {
  name = 'Foundation1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        province text NOT NULL,
        city text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY,
        full_name text NOT NULL,
        sex char(1) NOT NULL CHECK (sex IN ('F', 'M')),
        date_of_birth date NOT NULL,
        national_id text,
        phone text,
        language text,
        home_province text NOT NULL,
        home_regency text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE SEQUENCE case_number_seq`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        case_number text NOT NULL UNIQUE,
        workflow_id text NOT NULL UNIQUE,
        office_id uuid NOT NULL REFERENCES offices(id),
        person_id uuid NOT NULL REFERENCES persons(id),
        category text NOT NULL CHECK (category IN ('PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM')),
        status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        current_step text NOT NULL,
        risk_tier text CHECK (risk_tier IN ('HIGH', 'MEDIUM', 'LOW')),
        assignee_id uuid,
        due_at timestamptz,
        sla_state text NOT NULL CHECK (sla_state IN ('ON_TIME', 'AT_RISK', 'OVERDUE')),
        escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
        arrival_point text NOT NULL,
        arrived_at timestamptz NOT NULL,
        from_country char(2) NOT NULL,
        policy_version text NOT NULL,
        last_event_seq integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_office_status_due_idx ON cases (office_id, status, due_at)`);
    await q.query(`CREATE INDEX cases_person_idx ON cases (person_id)`);
    await q.query(`
      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL CHECK (seq > 0),
        type text NOT NULL,
        actor_id uuid,
        actor_role text NOT NULL,
        step text,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        UNIQUE (case_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP SEQUENCE case_number_seq`);
    await q.query(`DROP TABLE persons`);
    await q.query(`DROP TABLE offices`);
  }
}
