import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = [
  'REMINDER_50',
  'REMINDER_80',
  'BREACH',
  'ESCALATION_1',
  'ESCALATION_2',
  'ASSIGNED',
  'APPROVAL_WAITING',
  'TRANSFER_IN',
  'PARTNER_DECLINED',
  'PARTNER_SILENT',
];
const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');

// A case reminds at the points of its SLA policy (the workflow's policy-reminders): a reminder at 50 % or 80 % keeps
// its kind, one at any other point is a REMINDER, whose percent is its case event's (sla.reminder). Every row of
// before stays as it is.
export class PolicyReminders1765850000000 implements MigrationInterface {
  name = 'PolicyReminders1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN (${list([...KINDS, 'REMINDER'])}))`,
    );
  }

  // Back: a policy's reminder becomes the default one whose setting it followed (from 80 % on, REMINDER_80).
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE alerts a
         SET kind = CASE WHEN (e.data->>'percent')::int >= 80 THEN 'REMINDER_80' ELSE 'REMINDER_50' END
        FROM case_events e
       WHERE a.kind = 'REMINDER' AND e.case_id = a.case_id AND e.seq = a.event_seq`);
    await q.query(`UPDATE alerts SET kind = 'REMINDER_50' WHERE kind = 'REMINDER'`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN (${list(KINDS)}))`);
  }
}
