import type { MigrationInterface, QueryRunner } from 'typeorm';

// The partner side: each agency's webhook (URL, signing secret sealed at rest, the previous secret during a
// rotation), the fields it may receive, a fallback contact; and every delivery attempt of every notification.
export class Partners1764547200000 implements MigrationInterface {
  name = 'Partners1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_agencies
      ADD COLUMN webhook_url text CHECK (webhook_url ~ '^https?://'),
      ADD COLUMN secret_sealed text,
      ADD COLUMN previous_secret_sealed text,
      ADD COLUMN previous_secret_until timestamptz,
      ADD COLUMN allowed_fields jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN fallback_contact jsonb,
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX partner_agencies_kind_province_idx ON partner_agencies (kind, province) WHERE active`);

    // One row per (event, agency). event_id is the Rujukan-Event-Id the partner deduplicates on; body is the exact
    // JSON sent, fixed when the delivery is prepared so that every retry and replay sends the same bytes.
    await q.query(`ALTER TABLE notification_deliveries
      DROP CONSTRAINT notification_deliveries_status_check,
      ADD CONSTRAINT notification_deliveries_status_check
        CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'NO_ENDPOINT')),
      ADD COLUMN event_id uuid UNIQUE,
      ADD COLUMN body text,
      ADD COLUMN occurred_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN failed_at timestamptz,
      ADD COLUMN last_error text,
      ADD COLUMN replays integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE notification_deliveries SET event_id = gen_random_uuid() WHERE event_id IS NULL`);
    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN event_id SET NOT NULL`);
    await q.query(`CREATE INDEX notification_deliveries_agency_idx ON notification_deliveries (agency_id, created_at)`);
    await q.query(`CREATE INDEX notification_deliveries_case_idx ON notification_deliveries (case_id)`);

    await q.query(`
      CREATE TABLE notification_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES notification_deliveries(id),
        attempted_at timestamptz NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text
      )`);
    await q.query(
      `CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (delivery_id, attempted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_attempts`);
    await q.query(`DROP INDEX notification_deliveries_case_idx`);
    await q.query(`DROP INDEX notification_deliveries_agency_idx`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN replays, DROP COLUMN last_error,
      DROP COLUMN failed_at, DROP COLUMN delivered_at, DROP COLUMN occurred_at, DROP COLUMN body, DROP COLUMN event_id,
      DROP CONSTRAINT notification_deliveries_status_check,
      ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))`);
    await q.query(`DROP INDEX partner_agencies_kind_province_idx`);
    await q.query(`ALTER TABLE partner_agencies DROP COLUMN updated_at, DROP COLUMN active,
      DROP COLUMN fallback_contact, DROP COLUMN allowed_fields, DROP COLUMN previous_secret_until,
      DROP COLUMN previous_secret_sealed, DROP COLUMN secret_sealed, DROP COLUMN webhook_url`);
  }
}
