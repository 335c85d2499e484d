import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseCategory, RiskTier, Role, SlaPolicy, StepId } from '../../workflows/definition';
import type { SlaMigrationClock } from '../../workflows/types';

// Which cases a migration takes: all open cases of the office, or those matching every filter given.
export type SlaMigrationSelection = {
  steps?: StepId[];
  tiers?: RiskTier[];
  categories?: CaseCategory[];
  caseIds?: string[];
};

export type SelectedCase = {
  caseId: string;
  caseNumber: string;
  status: 'OPEN' | 'CLOSED';
  step: StepId;
  tier: RiskTier | null;
  category: CaseCategory;
  policyVersion: string;
};

export type SlaMigrationCaseStatus = 'PENDING' | 'MOVED' | 'CLOSED' | 'FAILED';

export type SlaMigrationRow = {
  id: string;
  officeId: string;
  toVersion: string;
  reason: string;
  selection: SlaMigrationSelection;
  createdBy: string;
  createdByRole: Role;
  createdAt: Date;
  status: 'RUNNING' | 'DONE';
  finishedAt: Date | null;
};

export type SlaMigrationCaseRow = {
  caseId: string;
  caseNumber: string;
  status: SlaMigrationCaseStatus;
  fromVersion: string | null;
  clocks: SlaMigrationClock[] | null;
  error: string | null;
};

const MIGRATION = `id, office_id AS "officeId", to_version AS "toVersion", reason, selection, created_by AS "createdBy",
  created_by_role AS "createdByRole", created_at AS "createdAt", status, finished_at AS "finishedAt"`;

// The SQL of sla_migrations and sla_migration_cases (and the read of the cases a migration selects).
@Injectable()
export class SlaMigrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The office's cases the selection names: open ones, and (named by id) closed ones too, to report them skipped.
  async select(officeId: string, s: SlaMigrationSelection, limit: number): Promise<SelectedCase[]> {
    return (await this.dataSource.query(
      `SELECT id AS "caseId", case_number AS "caseNumber", status, current_step AS step, risk_tier AS tier, category,
              policy_version AS "policyVersion"
         FROM cases
        WHERE office_id = $1
          AND (CASE WHEN $5::uuid[] IS NULL THEN status = 'OPEN' ELSE id = ANY($5::uuid[]) END)
          AND ($2::text[] IS NULL OR current_step = ANY($2::text[]))
          AND ($3::text[] IS NULL OR risk_tier = ANY($3::text[]))
          AND ($4::text[] IS NULL OR category = ANY($4::text[]))
        ORDER BY created_at, id
        LIMIT $6`,
      [officeId, s.steps ?? null, s.tiers ?? null, s.categories ?? null, s.caseIds ?? null, limit],
    )) as SelectedCase[];
  }

  // The migration and its set, at once: the fan-out moves exactly these. False: a migration of that id exists
  // already (the same Idempotency-Key sent twice at once), and nothing was written.
  async create(m: Omit<SlaMigrationRow, 'createdAt' | 'status' | 'finishedAt'>, caseIds: string[]): Promise<boolean> {
    return this.dataSource.transaction(async (t) => {
      const made = (await t.query(
        `INSERT INTO sla_migrations (id, office_id, to_version, reason, selection, created_by, created_by_role, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'RUNNING') ON CONFLICT (id) DO NOTHING RETURNING id`,
        [m.id, m.officeId, m.toVersion, m.reason, JSON.stringify(m.selection), m.createdBy, m.createdByRole],
      )) as unknown[];
      if (made.length === 0) return false;
      await t.query(
        `INSERT INTO sla_migration_cases (migration_id, case_id, status)
         SELECT $1, unnest($2::uuid[]), 'PENDING'`,
        [m.id, caseIds],
      );
      return true;
    });
  }

  async find(id: string): Promise<SlaMigrationRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${MIGRATION} FROM sla_migrations WHERE id = $1`, [
      id,
    ])) as SlaMigrationRow[];
    return rows[0] ?? null;
  }

  // What the case workflows are sent: the target policy and who moved them (the reason stays here).
  async request(id: string): Promise<{ policy: SlaPolicy; createdBy: string; createdByRole: Role } | null> {
    const rows = (await this.dataSource.query(
      `SELECT p.policy, m.created_by AS "createdBy", m.created_by_role AS "createdByRole"
         FROM sla_migrations m JOIN sla_policies p ON p.version = m.to_version WHERE m.id = $1`,
      [id],
    )) as { policy: SlaPolicy; createdBy: string; createdByRole: Role }[];
    return rows[0] ?? null;
  }

  // The reasons of the migrations a case's timeline names (sla.policy_migrated carries only the id).
  async reasons(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, reason FROM sla_migrations WHERE id = ANY($1::uuid[])`, [
      ids,
    ])) as { id: string; reason: string }[];
    return new Map(rows.map((r) => [r.id, r.reason]));
  }

  async cases(id: string): Promise<SlaMigrationCaseRow[]> {
    return (await this.dataSource.query(
      `SELECT m.case_id AS "caseId", c.case_number AS "caseNumber", m.status, m.from_version AS "fromVersion",
              m.clocks, m.error
         FROM sla_migration_cases m JOIN cases c ON c.id = m.case_id
        WHERE m.migration_id = $1 ORDER BY c.created_at, c.id`,
      [id],
    )) as SlaMigrationCaseRow[];
  }

  async running(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM sla_migrations WHERE status = 'RUNNING'`)) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  async pending(id: string, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT case_id AS "caseId" FROM sla_migration_cases WHERE migration_id = $1 AND status = 'PENDING'
        ORDER BY case_id LIMIT $2`,
      [id, limit],
    )) as { caseId: string }[];
    return rows.map((r) => r.caseId);
  }

  async recordCase(
    id: string,
    caseId: string,
    r: { status: Exclude<SlaMigrationCaseStatus, 'PENDING'>; fromVersion?: string; clocks?: unknown; error?: string },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_migration_cases SET status = $3, from_version = $4, clocks = $5, error = $6, updated_at = now()
        WHERE migration_id = $1 AND case_id = $2`,
      [id, caseId, r.status, r.fromVersion ?? null, r.clocks ? JSON.stringify(r.clocks) : null, r.error ?? null],
    );
  }

  async finish(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_migrations SET status = 'DONE', finished_at = now() WHERE id = $1 AND status = 'RUNNING'`,
      [id],
    );
  }
}
