import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SlaPolicy } from '../../workflows/definition';

type DraftContent = Omit<SlaPolicy, 'version'>;

// region: 'ID' (national) or a province, as sla_policies spells it; publishedVersion: null while it is a draft.
export type SlaPolicyDraftRow = {
  id: string;
  region: string;
  baseVersion: string;
  policy: DraftContent;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  publishedVersion: string | null;
  publishedAt: Date | null;
};

// Why a write did not happen: no such draft, already published, or edited since the revision the caller saw.
export type DraftWriteRefusal = 'NOT_FOUND' | 'PUBLISHED' | { stale: number };

const COLUMNS = `id, region, base_version AS "baseVersion", policy, revision, created_by AS "createdBy",
  created_at AS "createdAt", updated_by AS "updatedBy", updated_at AS "updatedAt",
  published_version AS "publishedVersion", published_at AS "publishedAt"`;

// The SQL of `sla_policy_drafts`; a publish also writes the new version into `sla_policies`, in the same transaction.
@Injectable()
export class SlaPolicyDraftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(region: string, baseVersion: string, policy: DraftContent, by: string): Promise<SlaPolicyDraftRow> {
    const rows = (await this.dataSource.query(
      `INSERT INTO sla_policy_drafts (id, region, base_version, policy, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), region, baseVersion, JSON.stringify(policy), by],
    )) as SlaPolicyDraftRow[];
    return rows[0]!;
  }

  async find(id: string): Promise<SlaPolicyDraftRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM sla_policy_drafts WHERE id = $1`, [
      id,
    ])) as SlaPolicyDraftRow[];
    return rows[0] ?? null;
  }

  // newest first; the regions given only (a head: their province), or all
  async list(regions: readonly string[] | null): Promise<SlaPolicyDraftRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sla_policy_drafts WHERE $1::text[] IS NULL OR region = ANY($1::text[])
        ORDER BY created_at DESC LIMIT 200`,
      [regions],
    )) as SlaPolicyDraftRow[];
  }

  // Only the revision the caller read, and only while not published: a lost update is a refusal, not an overwrite.
  async update(
    id: string,
    revision: number,
    policy: DraftContent,
    by: string,
  ): Promise<SlaPolicyDraftRow | DraftWriteRefusal> {
    const rows = (await this.dataSource.query(
      `UPDATE sla_policy_drafts SET policy = $3, revision = revision + 1, updated_by = $4, updated_at = now()
        WHERE id = $1 AND revision = $2 AND published_version IS NULL RETURNING ${COLUMNS}`,
      [id, revision, JSON.stringify(policy), by],
    )) as [SlaPolicyDraftRow[], number];
    return rows[0][0] ?? this.refusal(id);
  }

  async delete(id: string): Promise<true | DraftWriteRefusal> {
    const rows = (await this.dataSource.query(
      `DELETE FROM sla_policy_drafts WHERE id = $1 AND published_version IS NULL RETURNING id`,
      [id],
    )) as [unknown[], number];
    return rows[0].length ? true : this.refusal(id);
  }

  // The draft becomes the version `name(taken)` in force from now (the database's clock, as activate does), and
  // read-only. The draft's row is locked first, so two publishes of one draft make one version.
  async publish(
    id: string,
    revision: number,
    name: (taken: string[]) => string,
  ): Promise<SlaPolicyDraftRow | DraftWriteRefusal> {
    return this.dataSource.transaction(async (m) => {
      const [draft] = (await m.query(`SELECT ${COLUMNS} FROM sla_policy_drafts WHERE id = $1 FOR UPDATE`, [
        id,
      ])) as SlaPolicyDraftRow[];
      if (!draft) return 'NOT_FOUND';
      if (draft.publishedVersion) return 'PUBLISHED';
      if (draft.revision !== revision) return { stale: draft.revision };
      // one publish at a time: the next number is read and taken under this lock
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('sla_policies.publish'))`);
      // every region's: a version name is unique across them
      const taken = ((await m.query(`SELECT version FROM sla_policies`)) as { version: string }[]).map(
        (r) => r.version,
      );
      const version = name(taken);
      await m.query(
        `INSERT INTO sla_policies (version, region, policy, active_from) VALUES ($1, $2, $3, clock_timestamp())`,
        [version, draft.region, JSON.stringify({ version, ...draft.policy })],
      );
      const [published] = (await m.query(
        `UPDATE sla_policy_drafts SET published_version = $2, published_at = clock_timestamp()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, version],
      )) as [SlaPolicyDraftRow[], number];
      return published[0]!;
    });
  }

  private async refusal(id: string): Promise<DraftWriteRefusal> {
    const row = await this.find(id);
    if (!row) return 'NOT_FOUND';
    if (row.publishedVersion) return 'PUBLISHED';
    return { stale: row.revision };
  }
}
