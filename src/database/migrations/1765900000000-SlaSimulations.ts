import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 20: the what-if runs of a draft SLA policy, kept with the draft (and gone with it). spec: the case set asked
// for (synthetic: counts, shares and seed; derived: the period); progress in done/total as the worker runs it;
// results: per policy (in force, draft), per stage and tier, the deadlines, reminders, breaches and escalations, and
// the median days to close. No personal data: a derived set keeps only counts and times.
export class SlaSimulations1765900000000 implements MigrationInterface {
  name = 'SlaSimulations1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_simulations (
        id uuid PRIMARY KEY,
        draft_id uuid NOT NULL REFERENCES sla_policy_drafts(id) ON DELETE CASCADE,
        spec jsonb NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        done integer NOT NULL DEFAULT 0,
        total integer NOT NULL,
        results jsonb,
        error text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX sla_simulations_draft_idx ON sla_simulations (draft_id, requested_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_simulations`);
  }
}
