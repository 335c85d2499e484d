import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Audited } from '../auth/access-matrix';
import { pagedSql, SqlFilter, type Page } from '../database/filter-page';
import type { Queryable } from '../database/queryable';
import type { AuditEntryDto } from './audit.dto';

// Where a call's :id leads to its case, so every entry names the case it concerns: a key lookup in the target's
// table, inside the INSERT, so an entry costs one statement.
const CASE_OF: Record<NonNullable<Audited['target']>, string | null> = {
  case: `SELECT id FROM cases WHERE id::text = $9`,
  referral: `SELECT case_id FROM referrals WHERE id::text = $9`,
  escalation: `SELECT case_id FROM escalations WHERE id::text = $9`,
  notification: `SELECT case_id FROM notification_deliveries WHERE id::text = $9`,
  agency: null,
  document: `SELECT case_id FROM documents WHERE id::text = $9`,
};

export type NewAuditEntry = {
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  method: string;
  route: string;
  status: number;
  caseId: string | null;
  // when caseId is null, the case is looked up from the target
  target: Audited['target'] | undefined;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

// Supervisors and heads see the entries of their office's cases; admins (officeId undefined) all of them.
export type AuditListFilter = Page & { officeId?: string | null; caseId?: string; userId?: string; action?: string };

export type AuditRow = Omit<AuditEntryDto, 'at'> & { at: Date };

// The SQL of `audit_log`, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // In the caller's transaction when it gives one (an entry about a change commits with the change).
  async insert(e: NewAuditEntry, m: Queryable = this.dataSource): Promise<void> {
    const caseOf = e.caseId ? null : e.target ? CASE_OF[e.target] : null;
    await m.query(
      `INSERT INTO audit_log (user_id, username, role, action, method, route, status, case_id, target_id,
                             request_id, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               ${caseOf ? `COALESCE($8::uuid, (${caseOf}))` : '$8::uuid'}, $9, $10, $11, $12)`,
      [
        e.userId,
        e.username,
        e.role,
        e.action,
        e.method,
        e.route,
        e.status,
        e.caseId,
        e.targetId,
        e.requestId,
        e.ip,
        e.userAgent,
      ],
    );
  }

  // Newest first.
  async list(f: AuditListFilter): Promise<AuditRow[]> {
    const where = new SqlFilter();
    if (f.officeId !== undefined)
      where.where((n) => `a.case_id IN (SELECT id FROM cases WHERE office_id = ${n})`, f.officeId);
    if (f.caseId) where.where((n) => `a.case_id = ${n}`, f.caseId);
    if (f.userId) where.where((n) => `a.user_id = ${n}`, f.userId);
    if (f.action) where.where((n) => `a.action = ${n}`, f.action);
    const sql = pagedSql(
      `SELECT a.id::text AS id, a.at, a.user_id AS "userId", a.username, a.role, a.action, a.method, a.route, a.status,
              a.case_id AS "caseId", a.target_id AS "targetId", a.request_id AS "requestId", a.ip
         FROM audit_log a`,
      where,
      'a.at DESC, a.id DESC',
      f,
    );
    return (await this.dataSource.query(sql.text, sql.params)) as AuditRow[];
  }

  // Who read or changed a case, oldest first, for the returnee's export.
  async forCase(caseId: string): Promise<Record<string, unknown>[]> {
    return (await this.dataSource.query(
      `SELECT at, username, role, action, method, route, status, ip FROM audit_log WHERE case_id = $1 ORDER BY at, id`,
      [caseId],
    )) as Record<string, unknown>[];
  }
}
