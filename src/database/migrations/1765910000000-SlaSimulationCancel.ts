import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 20: a what-if run can be cancelled (it takes minutes, and one of a draft at a time): CANCELLED, with who
// cancelled it.
export class SlaSimulationCancel1765910000000 implements MigrationInterface {
  name = 'SlaSimulationCancel1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_simulations DROP CONSTRAINT sla_simulations_status_check`);
    await q.query(`
      ALTER TABLE sla_simulations
        ADD CONSTRAINT sla_simulations_status_check
          CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
        ADD COLUMN cancelled_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE sla_simulations SET status = 'FAILED', error = 'cancelled' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE sla_simulations DROP CONSTRAINT sla_simulations_status_check, DROP COLUMN cancelled_by`);
    await q.query(`
      ALTER TABLE sla_simulations ADD CONSTRAINT sla_simulations_status_check
        CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED'))`);
  }
}
