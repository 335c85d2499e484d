import type { MigrationInterface, QueryRunner } from 'typeorm';

// What bench:reports' EXPLAIN plans showed at 100k cases and 1M events (bench/results/reports-plans.md): every report
// of an office built a hash of the office's cases from a sequential scan of the whole table, the case events of a
// period were read from the heap page by page for their seq or step, and the follow-up report looked up, for each
// follow-up, the case's earlier follow-up and breaches by reading its whole timeline. These indexes carry what those
// queries read, so that each is an index-only scan of its own rows (case_events is append-only, so its visibility
// map stays set), and the follow-up lookups read one entry each.
export class ReportCovering1765800000000 implements MigrationInterface {
  name = 'ReportCovering1765800000000';

  async up(q: QueryRunner): Promise<void> {
    // the case scope of the event reports (office, category) and the arrival they measure from
    await q.query(
      `CREATE INDEX cases_office_category_cover_idx ON cases (office_id, category) INCLUDE (id, arrived_at)`,
    );
    // cases registered, open, closed, by step and tier, per caseworker: supersedes cases_office_created_idx
    await q.query(`
      CREATE INDEX cases_office_created_cover_idx ON cases (office_id, created_at)
        INCLUDE (status, closed_at, category, current_step, risk_tier, assignee_id)`);
    await q.query(`DROP INDEX cases_office_created_idx`);
    // the events of a type in a period, with the seq (follow-ups) and step (breaches) they are read for
    await q.query(`
      CREATE INDEX case_events_type_occurred_cover_idx ON case_events (type, occurred_at) INCLUDE (case_id, seq, step)`);
    await q.query(`DROP INDEX case_events_type_occurred_idx`);
    // a case's previous follow-up, and a follow-up deadline that passed before it
    await q.query(
      `CREATE INDEX case_events_follow_up_idx ON case_events (case_id, seq) WHERE type = 'follow_up.recorded'`,
    );
    await q.query(`
      CREATE INDEX case_events_follow_up_breach_idx ON case_events (case_id, seq)
        WHERE type = 'sla.breached' AND (data ->> 'kind') = 'FOLLOW_UP'`);
    // the steps whose deadline passed since the start of a period
    await q.query(`
      CREATE INDEX case_events_step_breach_idx ON case_events (occurred_at) INCLUDE (case_id, step)
        WHERE type = 'sla.breached' AND (data ->> 'kind') = 'STEP'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_events_step_breach_idx`);
    await q.query(`DROP INDEX case_events_follow_up_breach_idx`);
    await q.query(`DROP INDEX case_events_follow_up_idx`);
    await q.query(`CREATE INDEX case_events_type_occurred_idx ON case_events (type, occurred_at) INCLUDE (case_id)`);
    await q.query(`DROP INDEX case_events_type_occurred_cover_idx`);
    await q.query(`CREATE INDEX cases_office_created_idx ON cases (office_id, created_at)`);
    await q.query(`DROP INDEX cases_office_created_cover_idx`);
    await q.query(`DROP INDEX cases_office_category_cover_idx`);
  }
}
