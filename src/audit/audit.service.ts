import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Audited } from '../auth/access-matrix';
import type { CurrentUserInfo } from '../auth/auth.types';
import type { AuditEntryDto, AuditQueryDto } from './audit.dto';

// Where a call's :id leads to its case, so every entry names the case it concerns.
const CASE_OF: Record<NonNullable<Audited['target']>, string | null> = {
  case: `SELECT id FROM cases WHERE id::text = $9`,
  referral: `SELECT case_id FROM referrals WHERE id::text = $9`,
  escalation: `SELECT case_id FROM escalations WHERE id::text = $9`,
  notification: `SELECT case_id FROM notification_deliveries WHERE id::text = $9`,
  agency: null,
};

export type AuditRecord = {
  user: CurrentUserInfo | undefined;
  audited: Audited;
  method: string;
  route: string;
  status: number;
  targetId: string | null;
  caseId: string | null;
  requestId: string | undefined;
  ip: string | undefined;
  userAgent: string | undefined;
};

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(r: AuditRecord): Promise<void> {
    const caseOf = r.caseId ? null : r.audited.target ? CASE_OF[r.audited.target] : null;
    await this.dataSource.query(
      `INSERT INTO audit_log (user_id, username, role, action, method, route, status, case_id, target_id, request_id, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${caseOf ? `COALESCE($8::uuid, (${caseOf}))` : '$8::uuid'}, $9, $10, $11, $12)`,
      [r.user?.userId ?? null, r.user?.username ?? null, r.user?.role ?? null, r.audited.action, r.method, r.route, r.status, r.caseId, r.targetId, r.requestId ?? null, r.ip ?? null, r.userAgent?.slice(0, 200) ?? null],
    );
  }

  async list(q: AuditQueryDto, user: CurrentUserInfo): Promise<{ items: AuditEntryDto[]; limit: number; offset: number; hasMore: boolean }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    // a supervisor or head sees the entries of their office's cases; an admin sees all
    if (user.role !== 'ADMIN') add((n) => `a.case_id IN (SELECT id FROM cases WHERE office_id = ${n})`, user.officeId);
    if (q.caseId) add((n) => `a.case_id = ${n}`, q.caseId);
    if (q.userId) add((n) => `a.user_id = ${n}`, q.userId);
    if (q.action) add((n) => `a.action = ${n}`, q.action);
    params.push(limit + 1, offset);
    const rows = (await this.dataSource.query(
      `SELECT a.id::text AS id, a.at, a.user_id AS "userId", a.username, a.role, a.action, a.method, a.route, a.status, a.case_id AS "caseId",
              a.target_id AS "targetId", a.request_id AS "requestId", a.ip
         FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.at DESC, a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as (Omit<AuditEntryDto, 'at'> & { at: Date })[];
    return { items: rows.slice(0, limit).map((r) => ({ ...r, at: r.at.toISOString() })), limit, offset, hasMore: rows.length > limit };
  }
}
