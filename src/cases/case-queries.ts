// The SQL of every list the case API offers, as plain text and parameters: the services run it, and the read-model
// benchmark runs the very same text under EXPLAIN to show which index serves it. No framework imports.
import type { RiskTier, Role, StepId } from '../../workflows/definition';
import type { CaseStatus } from '../../workflows/types';

export type Sql = { text: string; params: unknown[] };

// The columns of a case row under the names of CaseEntity, so a raw row and an entity map the same way.
export const CASE_COLUMNS = `
  c.id, c.case_number AS "caseNumber", c.workflow_id AS "workflowId", c.office_id AS "officeId", c.person_id AS "personId",
  c.category, c.status, c.current_step AS "currentStep", c.risk_tier AS "riskTier", c.assignee_id AS "assigneeId",
  c.due_at AS "dueAt", c.sla_state AS "slaState", c.escalation_level AS "escalationLevel", c.arrival_point AS "arrivalPoint",
  c.arrived_at AS "arrivedAt", c.from_country AS "fromCountry", c.policy_version AS "policyVersion",
  c.allowed_actions AS "allowedActions", c.closed_at AS "closedAt", c.last_event_seq AS "lastEventSeq",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export type CaseListFilter = {
  officeId: string;
  status?: CaseStatus;
  step?: StepId;
  riskTier?: RiskTier;
  assigneeId?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
};

// Soonest due first; cases with no deadline (monitoring, closed) last. The order matches cases_office_due_idx, so
// a page is read off the index rather than sorted.
export function listCasesSql(f: CaseListFilter, now: Date): Sql {
  const params: unknown[] = [f.officeId];
  const where = ['c.office_id = $1'];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (f.status) add((n) => `c.status = ${n}`, f.status);
  if (f.step) add((n) => `c.current_step = ${n}`, f.step);
  if (f.riskTier) add((n) => `c.risk_tier = ${n}`, f.riskTier);
  if (f.assigneeId) add((n) => `c.assignee_id = ${n}`, f.assigneeId);
  if (f.overdue === true) add((n) => `c.status = 'OPEN' AND c.due_at < ${n}`, now);
  if (f.overdue === false) add((n) => `(c.due_at IS NULL OR c.due_at >= ${n} OR c.status = 'CLOSED')`, now);
  params.push(f.limit + 1, f.offset);
  return {
    text: `SELECT ${CASE_COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
           ORDER BY c.due_at ASC NULLS LAST, c.case_number ASC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  };
}

export function timelineSql(caseId: string): Sql {
  return {
    text: `SELECT case_id AS "caseId", seq, type, actor_id AS "actorId", actor_role AS "actorRole", step, occurred_at AS "occurredAt",
                  data, prev_hash AS "prevHash", hash
             FROM case_events WHERE case_id = $1 ORDER BY seq`,
    params: [caseId],
  };
}

const TASK_COLUMNS = `t.id, t.case_id AS "caseId", t.kind, t.title, t.step, t.role, t.assignee_id AS "assigneeId", t.due_at AS "dueAt",
                      t.created_at AS "createdAt"`;

// My open tasks and the unassigned ones of my office for my role (a supervisor's approvals and reviews), soonest
// due first. Two index-ordered branches, each cut at the page's end, then merged: no sort of a whole office.
export function inboxSql(user: { userId: string; officeId: string; role: Role }, limit: number, offset: number): Sql {
  const queueRole = user.role === 'CASEWORKER' ? 'CASEWORKER' : 'SUPERVISOR';
  const end = limit + offset + 1;
  return {
    text: `SELECT x.*, c.case_number AS "caseNumber", c.risk_tier AS "riskTier", c.current_step AS "caseStep"
             FROM (
               (SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.status = 'OPEN' AND t.assignee_id = $1
                 ORDER BY t.due_at ASC NULLS LAST LIMIT $4)
               UNION ALL
               (SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.status = 'OPEN' AND t.assignee_id IS NULL AND t.office_id = $2 AND t.role = $3
                 ORDER BY t.due_at ASC NULLS LAST LIMIT $4)
             ) x
             JOIN cases c ON c.id = x."caseId"
            ORDER BY x."dueAt" ASC NULLS LAST, x.id
            LIMIT $5 OFFSET $6`,
    params: [user.userId, user.officeId, queueRole, end, limit + 1, offset],
  };
}

export type EscalationFilter = { officeId: string; status: 'OPEN' | 'RESOLVED' | 'ALL'; level?: 1 | 2; limit: number; offset: number };

export const ESCALATION_COLUMNS = `e.id, e.case_id AS "caseId", c.case_number AS "caseNumber", c.risk_tier AS "riskTier", e.level, e.kind,
  e.reason, e.step, e.assigned_role AS "assignedRole", e.notify_task_force AS "notifyTaskForce", e.status, e.opened_at AS "openedAt",
  e.resolution, e.resolved_at AS "resolvedAt", e.resolved_by AS "resolvedBy"`;

// Oldest first: the escalation waiting longest is the one to take.
export function escalationsSql(f: EscalationFilter): Sql {
  const params: unknown[] = [f.officeId];
  const where = ['e.office_id = $1'];
  if (f.status !== 'ALL') {
    params.push(f.status);
    where.push(`e.status = $${params.length}`);
  }
  if (f.level) {
    params.push(f.level);
    where.push(`e.level = $${params.length}`);
  }
  params.push(f.limit + 1, f.offset);
  return {
    text: `SELECT ${ESCALATION_COLUMNS} FROM escalations e JOIN cases c ON c.id = e.case_id
            WHERE ${where.join(' AND ')} ORDER BY e.opened_at ASC, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  };
}

export function escalationSql(id: string): Sql {
  return { text: `SELECT ${ESCALATION_COLUMNS}, e.office_id AS "officeId" FROM escalations e JOIN cases c ON c.id = e.case_id WHERE e.id = $1`, params: [id] };
}
