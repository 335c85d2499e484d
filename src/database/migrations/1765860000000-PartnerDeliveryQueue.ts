import type { MigrationInterface, QueryRunner } from 'typeorm';

// Partner notifications as a queue per agency (issue 21): a delivery workflow per agency drains the PENDING rows
// whose next attempt is due, instead of a workflow per notification. next_attempt_at is set on the rows that queue
// handles (NULL: a notification workflow of its own sends it, as before: rows queued before this change, replays,
// re-sendings); report_pending marks a DELIVERED or FAILED outcome the case has not been told of yet.
export class PartnerDeliveryQueue1765860000000 implements MigrationInterface {
  name = 'PartnerDeliveryQueue1765860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries
      ADD COLUMN next_attempt_at timestamptz,
      ADD COLUMN report_pending boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (agency_id, next_attempt_at)
      WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL`);
    await q.query(`CREATE INDEX notification_deliveries_report_idx ON notification_deliveries (agency_id, id)
      WHERE report_pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_report_idx`);
    await q.query(`DROP INDEX notification_deliveries_due_idx`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN report_pending, DROP COLUMN next_attempt_at`);
  }
}
