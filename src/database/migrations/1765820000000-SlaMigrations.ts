import type { MigrationInterface, QueryRunner } from 'typeorm';

// Moving running cases to another SLA policy version (issue 20): a migration (who, when, why, to which version,
// which set) and one row per case of its set, whose status is the migration's progress and what makes it resumable:
// the fan-out workflow moves the cases still PENDING, and a case moved twice is moved once (the Update's id).
// The reason is free text typed by staff: it stays here, the workflows carry the migration's id.
export class SlaMigrations1765820000000 implements MigrationInterface {
  name = 'SlaMigrations1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_migrations (
        id uuid PRIMARY KEY,
        office_id uuid NOT NULL REFERENCES offices(id),
        to_version text NOT NULL REFERENCES sla_policies(version),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        selection jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_by_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('RUNNING', 'DONE')),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX sla_migrations_running_idx ON sla_migrations (created_at) WHERE status = 'RUNNING'`);
    await q.query(`
      CREATE TABLE sla_migration_cases (
        migration_id uuid NOT NULL REFERENCES sla_migrations(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        status text NOT NULL CHECK (status IN ('PENDING', 'MOVED', 'CLOSED', 'FAILED')),
        from_version text,
        clocks jsonb,
        error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (migration_id, case_id)
      )`);
    await q.query(
      `CREATE INDEX sla_migration_cases_pending_idx ON sla_migration_cases (migration_id) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_migration_cases`);
    await q.query(`DROP TABLE sla_migrations`);
  }
}
