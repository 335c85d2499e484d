import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 20: a draft of a province's SLA policy, copied from the version in force, edited (each edit bumps revision,
// an edit naming an older revision is refused), then published into sla_policies once (published_version: read-only
// from then on). policy holds deadlines, reminderPercents and level2Percent, checked before every write.
export class SlaPolicyDrafts1765810000000 implements MigrationInterface {
  name = 'SlaPolicyDrafts1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_policy_drafts (
        id uuid PRIMARY KEY,
        region text NOT NULL,
        base_version text NOT NULL,
        policy jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_version text REFERENCES sla_policies(version),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX sla_policy_drafts_region_idx ON sla_policy_drafts (region, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_policy_drafts`);
  }
}
