import type { MigrationInterface, QueryRunner } from 'typeorm';

// Who signs in: staff of an office, partners of an agency, administrators.
export class Users1764374400000 implements MigrationInterface {
  name = 'Users1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_agencies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        province text NOT NULL,
        services jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD', 'PARTNER', 'ADMIN')),
        office_id uuid REFERENCES offices(id),
        agency_id uuid REFERENCES partner_agencies(id),
        display_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD') AND office_id IS NOT NULL AND agency_id IS NULL)
            OR (role = 'PARTNER' AND agency_id IS NOT NULL AND office_id IS NULL)
            OR (role = 'ADMIN' AND office_id IS NULL AND agency_id IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE partner_agencies`);
  }
}
