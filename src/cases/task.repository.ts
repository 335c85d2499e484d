import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RiskTier, Role } from '../../workflows/definition';
import type { TaskRecord } from '../../workflows/types';
import type { Page, Sql } from '../database/filter-page';
import type { Queryable } from '../database/queryable';

const TASK_COLUMNS = `t.id, t.case_id AS "caseId", t.kind, t.title, t.step, t.role, t.assignee_id AS "assigneeId",
                      t.due_at AS "dueAt", t.created_at AS "createdAt"`;

// My open tasks and the unassigned ones of my office for my role (a supervisor's approvals and reviews), soonest
// due first. Two index-ordered branches, each cut at the page's end, then merged: no sort of a whole office. Not
// pagedSql: each branch needs the page's end, and the merge one row more than the page.
export function inboxSql(user: { userId: string; officeId: string; role: Role }, limit: number, offset: number): Sql {
  const queueRole = user.role === 'CASEWORKER' ? 'CASEWORKER' : 'SUPERVISOR';
  const end = limit + offset + 1;
  return {
    text: `SELECT x.*, c.case_number AS "caseNumber", c.risk_tier AS "riskTier", c.current_step AS "caseStep",
                  u.display_name AS "assigneeName"
             FROM (
               (SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.status = 'OPEN' AND t.assignee_id = $1
                 ORDER BY t.due_at ASC NULLS LAST LIMIT $4)
               UNION ALL
               (SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.status = 'OPEN' AND t.assignee_id IS NULL
                   AND t.office_id = $2 AND t.role = $3
                 ORDER BY t.due_at ASC NULLS LAST LIMIT $4)
             ) x
             JOIN cases c ON c.id = x."caseId"
             LEFT JOIN users u ON u.id = x."assigneeId"
            ORDER BY x."dueAt" ASC NULLS LAST, x.id
            LIMIT $5 OFFSET $6`,
    params: [user.userId, user.officeId, queueRole, end, limit + 1, offset],
  };
}

// Every open task of an office, whoever holds it (a supervisor's view of the office's work), soonest due first.
export function officeTasksSql(officeId: string, limit: number, offset: number): Sql {
  return {
    text: `SELECT ${TASK_COLUMNS}, c.case_number AS "caseNumber", c.risk_tier AS "riskTier",
                  u.display_name AS "assigneeName"
             FROM tasks t
             JOIN cases c ON c.id = t.case_id
             LEFT JOIN users u ON u.id = t.assignee_id
            WHERE t.status = 'OPEN' AND t.office_id = $1
            ORDER BY t.due_at ASC NULLS LAST, t.id
            LIMIT $2 OFFSET $3`,
    params: [officeId, limit + 1, offset],
  };
}

export type InboxRow = {
  id: string;
  caseId: string;
  caseNumber: string;
  riskTier: RiskTier | null;
  kind: string;
  title: string;
  step: string;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: Date | null;
};

// The SQL of `tasks`, the human work items the workflow opens and closes.
@Injectable()
export class TaskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // limit + 1 rows at most, for the caller's page
  async inbox(user: { userId: string; officeId: string; role: Role }, page: Page): Promise<InboxRow[]> {
    const sql = inboxSql(user, page.limit, page.offset);
    return (await this.dataSource.query(sql.text, sql.params)) as InboxRow[];
  }

  // limit + 1 rows at most, for the caller's page
  async officeWork(officeId: string, page: Page): Promise<InboxRow[]> {
    const sql = officeTasksSql(officeId, page.limit, page.offset);
    return (await this.dataSource.query(sql.text, sql.params)) as InboxRow[];
  }

  async forCase(caseId: string): Promise<Record<string, unknown>[]> {
    return (await this.dataSource.query(
      `SELECT id, kind, title, step, role, assignee_id AS "assigneeId", due_at AS "dueAt", status,
              created_at AS "createdAt"
         FROM tasks WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    )) as Record<string, unknown>[];
  }

  // Keyed by id; a row is only moved forward by the same or a higher seq.
  async upsert(m: Queryable, caseId: string, officeId: string, t: TaskRecord, seq: number): Promise<void> {
    await m.query(
      `INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq,
                          updated_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (id) DO UPDATE SET office_id = EXCLUDED.office_id, assignee_id = EXCLUDED.assignee_id,
                                      due_at = EXCLUDED.due_at,
                                      status = EXCLUDED.status, updated_seq = EXCLUDED.updated_seq, updated_at = now()
       WHERE tasks.updated_seq <= EXCLUDED.updated_seq`,
      [t.id, caseId, officeId, t.kind, t.title, t.step, t.role, t.assigneeId, t.dueAt, t.status, seq],
    );
  }
}
