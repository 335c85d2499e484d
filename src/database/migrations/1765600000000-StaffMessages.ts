import type { MigrationInterface, QueryRunner } from 'typeorm';

const ALERT_KINDS = ['REMINDER_50', 'REMINDER_80', 'BREACH', 'ESCALATION_1', 'ESCALATION_2'];
const NEW_KINDS = ['ASSIGNED', 'APPROVAL_WAITING', 'TRANSFER_IN', 'PARTNER_DECLINED', 'PARTNER_SILENT'];
const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');

// Issue 18: people are told. `alerts` is each person's in-app list and gains the kinds that are not deadlines (a
// task assigned, an approval waiting, a case handed to the office, a partner's decline or silence); one row per
// recipient, event and kind. A message by email or by the office's WhatsApp/SMS gateway is a `staff_messages` row,
// written in the same transaction as its alert (or by the morning digest), keyed so that nothing is queued twice,
// and sent by a Temporal activity that records each attempt. A message holds no personal data of a returnee: the
// case number, the step, the deadline (its `data`), and a link to the console.
export class StaffMessages1765600000000 implements MigrationInterface {
  name = 'StaffMessages1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN (${list([...ALERT_KINDS, ...NEW_KINDS])}))`,
    );
    await q.query(`DROP INDEX alerts_user_once`);
    await q.query(`DROP INDEX alerts_agency_once`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_user_once ON alerts (case_id, event_seq, kind, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX alerts_agency_once ON alerts (case_id, event_seq, kind, agency_id) WHERE agency_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX alerts_user_list ON alerts (user_id, created_at DESC) WHERE user_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN phone text,
        ADD COLUMN language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en'))`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'GATEWAY')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind, channel)
      )`);
    // the office's WhatsApp/SMS gateway: a URL and a signing secret (sealed like the partners' webhook secrets)
    await q.query(`ALTER TABLE offices ADD COLUMN message_gateway_url text, ADD COLUMN message_gateway_secret text`);
    await q.query(`
      CREATE TABLE staff_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id),
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'GATEWAY')),
        kind text NOT NULL,
        alert_id uuid REFERENCES alerts(id),
        office_id uuid REFERENCES offices(id),
        case_id uuid REFERENCES cases(id),
        language text NOT NULL CHECK (language IN ('id', 'en')),
        data jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        resends integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(`CREATE INDEX staff_messages_failed ON staff_messages (failed_at DESC) WHERE status = 'FAILED'`);
    await q.query(`CREATE INDEX staff_messages_case ON staff_messages (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE staff_message_attempts (
        message_id uuid NOT NULL REFERENCES staff_messages(id),
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        detail text,
        PRIMARY KEY (message_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_message_attempts`);
    await q.query(`DROP TABLE staff_messages`);
    await q.query(`ALTER TABLE offices DROP COLUMN message_gateway_secret, DROP COLUMN message_gateway_url`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`ALTER TABLE users DROP COLUMN language, DROP COLUMN phone`);
    await q.query(`DELETE FROM alerts WHERE kind IN (${list(NEW_KINDS)})`);
    await q.query(`DROP INDEX alerts_user_list`);
    await q.query(`DROP INDEX alerts_agency_once`);
    await q.query(`DROP INDEX alerts_user_once`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_user_once ON alerts (case_id, event_seq, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX alerts_agency_once ON alerts (case_id, event_seq, agency_id) WHERE agency_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN (${list(ALERT_KINDS)}))`);
  }
}
