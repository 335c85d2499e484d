import type { MigrationInterface, QueryRunner } from 'typeorm';

// Found by the read-model benchmark (bench/results/read-model.md): GET /cases?riskTier=&step= without a status
// cannot use the partial (OPEN-only) indexes and walked a whole office in due order (29 ms at 60k cases when nothing
// matched). This index serves it directly.
export class ListIndexes1764633600000 implements MigrationInterface {
  name = 'ListIndexes1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cases_office_step_tier_due_idx ON cases (office_id, current_step, risk_tier, due_at, case_number)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_office_step_tier_due_idx`);
  }
}
