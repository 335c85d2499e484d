import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RiskTier } from '../../workflows/definition';
import type { EscalationRecord } from '../../workflows/types';
import { pagedSql, SqlFilter, type Page, type Sql } from '../database/filter-page';
import type { Queryable } from '../database/queryable';

export type EscalationFilter = Page & { officeId: string; status: 'OPEN' | 'RESOLVED' | 'ALL'; level?: 1 | 2 };

export const ESCALATION_COLUMNS = `e.id, e.case_id AS "caseId", c.case_number AS "caseNumber",
  c.risk_tier AS "riskTier", e.level, e.kind, e.reason, e.step, e.assigned_role AS "assignedRole",
  e.notify_task_force AS "notifyTaskForce", e.status, e.opened_at AS "openedAt",
  e.resolution, e.resolved_at AS "resolvedAt", e.resolved_by AS "resolvedBy"`;

// Oldest first: the escalation waiting longest is the one to take.
export function escalationsSql(f: EscalationFilter): Sql {
  const where = new SqlFilter().where((n) => `e.office_id = ${n}`, f.officeId);
  if (f.status !== 'ALL') where.where((n) => `e.status = ${n}`, f.status);
  if (f.level) where.where((n) => `e.level = ${n}`, f.level);
  return pagedSql(
    `SELECT ${ESCALATION_COLUMNS} FROM escalations e JOIN cases c ON c.id = e.case_id`,
    where,
    'e.opened_at ASC, e.id',
    f,
  );
}

export function escalationSql(id: string): Sql {
  return {
    text: `SELECT ${ESCALATION_COLUMNS}, e.office_id AS "officeId" FROM escalations e JOIN cases c ON c.id = e.case_id
           WHERE e.id = $1`,
    params: [id],
  };
}

export type EscalationRow = {
  id: string;
  caseId: string;
  caseNumber: string;
  riskTier: RiskTier | null;
  level: number;
  kind: string;
  reason: string;
  step: string;
  assignedRole: string;
  notifyTaskForce: boolean;
  status: string;
  openedAt: Date;
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
};

// The SQL of `escalations`, opened and resolved by the case workflow.
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string): Promise<(EscalationRow & { officeId: string }) | null> {
    const sql = escalationSql(id);
    const rows = (await this.dataSource.query(sql.text, sql.params)) as (EscalationRow & { officeId: string })[];
    return rows[0] ?? null;
  }

  // limit + 1 rows at most, for the caller's page
  async list(filter: EscalationFilter): Promise<EscalationRow[]> {
    const sql = escalationsSql(filter);
    return (await this.dataSource.query(sql.text, sql.params)) as EscalationRow[];
  }

  async forCase(caseId: string): Promise<Record<string, unknown>[]> {
    return (await this.dataSource.query(
      `SELECT id, level, kind, reason, step, status, opened_at AS "openedAt", resolution, resolved_at AS "resolvedAt",
              resolved_by AS "resolvedBy"
         FROM escalations WHERE case_id = $1 ORDER BY opened_at, id`,
      [caseId],
    )) as Record<string, unknown>[];
  }

  async countOpenByLevel(): Promise<{ level: string; n: number }[]> {
    return (await this.dataSource.query(
      `SELECT level::text AS level, count(*)::int AS n FROM escalations WHERE status = 'OPEN' GROUP BY 1`,
    )) as { level: string; n: number }[];
  }

  // A case handed to another office takes its open escalations with it.
  async moveOpen(m: Queryable, caseId: string, officeId: string): Promise<void> {
    await m.query(`UPDATE escalations SET office_id = $2 WHERE case_id = $1 AND status = 'OPEN'`, [caseId, officeId]);
  }

  // Keyed by id; a row is only moved forward by the same or a higher seq.
  async upsert(m: Queryable, caseId: string, officeId: string, e: EscalationRecord, seq: number): Promise<void> {
    await m.query(
      `INSERT INTO escalations (id, case_id, office_id, level, kind, reason, step, assigned_role, notify_task_force,
                                status, opened_at, resolution, resolved_at, resolved_by, updated_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, resolution = EXCLUDED.resolution,
                                      resolved_at = EXCLUDED.resolved_at, resolved_by = EXCLUDED.resolved_by,
                                      updated_seq = EXCLUDED.updated_seq
       WHERE escalations.updated_seq <= EXCLUDED.updated_seq`,
      [
        e.id,
        caseId,
        officeId,
        e.level,
        e.kind,
        e.reason,
        e.step,
        e.assignedRole,
        e.notifyTaskForce,
        e.status,
        e.openedAt,
        e.resolution,
        e.resolvedAt,
        e.resolvedBy,
        seq,
      ],
    );
  }
}
