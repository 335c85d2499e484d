import type { MigrationInterface, QueryRunner } from 'typeorm';

// The KPI reports (src/reports/report.repository.ts) select by a period: cases registered or closed in it, the case
// events of a few types in it, the referrals sent in it, the escalations opened in it; an office's, or the
// country's. Each gets an index that starts with what it filters on, so a month of an office reads its own rows.
export class ReportIndexes1765700000000 implements MigrationInterface {
  name = 'ReportIndexes1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_office_created_idx ON cases (office_id, created_at)`);
    await q.query(`CREATE INDEX cases_created_idx ON cases (created_at)`);
    await q.query(`CREATE INDEX cases_office_closed_idx ON cases (office_id, closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`CREATE INDEX case_events_type_occurred_idx ON case_events (type, occurred_at) INCLUDE (case_id)`);
    await q.query(`CREATE INDEX referrals_sent_idx ON referrals (sent_at)`);
    await q.query(`CREATE INDEX escalations_opened_idx ON escalations (opened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalations_opened_idx`);
    await q.query(`DROP INDEX referrals_sent_idx`);
    await q.query(`DROP INDEX case_events_type_occurred_idx`);
    await q.query(`DROP INDEX cases_office_closed_idx`);
    await q.query(`DROP INDEX cases_created_idx`);
    await q.query(`DROP INDEX cases_office_created_idx`);
  }
}
