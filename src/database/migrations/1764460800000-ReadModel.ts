import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SLA_POLICY } from '../../../workflows/definition';

// What the case API reads and lists: the SLA policies (versioned data; the one in force is the newest whose
// active_from has passed), the actions taken under an Idempotency-Key, and an index for every list it offers.
export class ReadModel1764460800000 implements MigrationInterface {
  name = 'ReadModel1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_policies (
        version text PRIMARY KEY,
        region text NOT NULL DEFAULT 'ID',
        policy jsonb NOT NULL,
        active_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sla_policies_region_active_idx ON sla_policies (region, active_from DESC)`);
    await q.query(
      `INSERT INTO sla_policies (version, region, policy, active_from) VALUES ($1, 'ID', $2, '2026-01-01T00:00:00Z')`,
      [DEFAULT_SLA_POLICY.version, JSON.stringify(DEFAULT_SLA_POLICY)],
    );

    // One row per action accepted under an Idempotency-Key: a retry of the same request answers from here (and the
    // Temporal Update id, derived from the same key, makes a retry that raced the first write perform nothing twice).
    await q.query(`
      CREATE TABLE action_requests (
        user_id uuid NOT NULL REFERENCES users(id),
        idempotency_key text NOT NULL,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, idempotency_key)
      )`);

    // GET /cases: the office's cases soonest due first, filtered by status, step, tier, assignee, overdue.
    await q.query(`CREATE INDEX cases_office_due_idx ON cases (office_id, due_at, case_number)`);
    await q.query(
      `CREATE INDEX cases_office_step_due_idx ON cases (office_id, current_step, due_at) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX cases_office_tier_due_idx ON cases (office_id, risk_tier, due_at) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX cases_assignee_due_idx ON cases (assignee_id, due_at) WHERE assignee_id IS NOT NULL`);
    // GET /escalations?status=RESOLVED and ALL
    await q.query(`CREATE INDEX escalations_office_opened_idx ON escalations (office_id, opened_at)`);
    // GET /metrics: overdue cases, and the breaches and escalations so far (an index-only count of a small slice)
    await q.query(`CREATE INDEX cases_open_due_idx ON cases (due_at) WHERE status = 'OPEN'`);
    await q.query(
      `CREATE INDEX case_events_sla_idx ON case_events (type, step)
       WHERE type IN ('sla.breached', 'escalation.opened')`,
    );
    // GET /inbox: my open tasks (tasks_assignee_open_idx) and the office's unassigned ones for my role, soonest due
    // first
    await q.query(
      `CREATE INDEX tasks_office_role_unassigned_idx ON tasks (office_id, role, due_at)
       WHERE status = 'OPEN' AND assignee_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_office_role_unassigned_idx`);
    await q.query(`DROP INDEX case_events_sla_idx`);
    await q.query(`DROP INDEX cases_open_due_idx`);
    await q.query(`DROP INDEX escalations_office_opened_idx`);
    await q.query(`DROP INDEX cases_assignee_due_idx`);
    await q.query(`DROP INDEX cases_office_tier_due_idx`);
    await q.query(`DROP INDEX cases_office_step_due_idx`);
    await q.query(`DROP INDEX cases_office_due_idx`);
    await q.query(`DROP TABLE action_requests`);
    await q.query(`DROP TABLE sla_policies`);
  }
}
