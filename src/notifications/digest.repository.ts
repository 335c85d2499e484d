import { DIGEST_LOCAL_HOUR, type RiskTier, type StepId } from '../../workflows/definition';
import type { Queryable } from '../database/queryable';

import type { DigestData, DigestItem } from './kinds';

export type { DigestData, DigestItem };

// An office at its digest hour: its local date, and each person with something due today or overdue.
export type OfficeDigests = {
  officeId: string;
  officeName: string;
  timeZone: string;
  date: string;
  people: { userId: string; data: DigestData }[];
};

type DigestOffice = { officeId: string; officeName: string; timeZone: string; date: string; dayEnd: Date };
type DigestRow = {
  userId: string;
  caseId: string;
  caseNumber: string;
  step: StepId;
  riskTier: RiskTier | null;
  dueAt: Date;
};

// Per active staff person of the office, the open work due before the end of the office's day: caseworkers their
// own tasks (as GET /inbox); supervisors and heads also the office's unassigned tasks (theirs to hand out) and the
// open escalations assigned to their role. An escalation is late by nature: its date is the missed deadline of its
// step's open task, or the escalation's opening when that is earlier or there is none. The office's unassigned work
// and escalations are read once (MATERIALIZED), then given to each person they concern. One line a case and step (a
// supervisor's review task and its escalation are the same piece of work), the earliest date. Ids, the case number,
// step and tier only: no returnee's data.
export const DIGEST_ITEMS_SQL = `
  WITH staff AS (
    SELECT id, role FROM users
     WHERE office_id = $1 AND role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD') AND deactivated_at IS NULL
  ), unassigned AS MATERIALIZED (
    SELECT case_id, step, due_at FROM tasks
     WHERE office_id = $1 AND assignee_id IS NULL AND status = 'OPEN' AND due_at < $2
  ), escalated AS MATERIALIZED (
    SELECT e.assigned_role, e.case_id, e.step,
           LEAST(e.opened_at, (SELECT min(t.due_at) FROM tasks t
                                WHERE t.case_id = e.case_id AND t.step = e.step AND t.status = 'OPEN')) AS due_at
      FROM escalations e
     WHERE e.office_id = $1 AND e.status = 'OPEN'
  ), items AS (
    SELECT s.id AS user_id, t.case_id, t.step, t.due_at
      FROM staff s JOIN tasks t ON t.assignee_id = s.id
     WHERE t.status = 'OPEN' AND t.due_at < $2
    UNION ALL
    SELECT s.id, u.case_id, u.step, u.due_at FROM staff s CROSS JOIN unassigned u WHERE s.role IN ('SUPERVISOR', 'HEAD')
    UNION ALL
    SELECT s.id, x.case_id, x.step, x.due_at FROM staff s JOIN escalated x ON x.assigned_role = s.role
  )
  SELECT DISTINCT ON (i.user_id, i.case_id, i.step)
         i.user_id AS "userId", i.case_id AS "caseId", c.case_number AS "caseNumber", i.step,
         c.risk_tier AS "riskTier", i.due_at AS "dueAt"
    FROM items i JOIN cases c ON c.id = i.case_id
   WHERE c.status = 'OPEN'
   ORDER BY i.user_id, i.case_id, i.step, i.due_at`;

// The SQL of the daily digest: which offices are at 07:00 local at an instant, and what each person's digest holds.
// No framework imports, so the test runs it on PostgreSQL as it is (jest cannot load Nest's ES modules); the module
// that wants it provides it: { provide: DigestRepository, inject: [DataSource], useFactory: (d) => new ...(d) }.
export class DigestRepository {
  constructor(private readonly dataSource: Queryable) {}

  // The offices whose wall clock reads 07:xx at `at` (PostgreSQL's zone database, so any zone an office is given),
  // with their local date and the instant that date ends.
  async officesAtDigestHour(at: Date): Promise<DigestOffice[]> {
    return (await this.dataSource.query(
      `SELECT id AS "officeId", name AS "officeName", time_zone AS "timeZone",
              to_char(($1::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS date,
              ((($1::timestamptz AT TIME ZONE time_zone)::date + 1)::timestamp AT TIME ZONE time_zone) AS "dayEnd"
         FROM offices
        WHERE extract(hour FROM $1::timestamptz AT TIME ZONE time_zone) = $2
        ORDER BY code`,
      [at, DIGEST_LOCAL_HOUR],
    )) as DigestOffice[];
  }

  // `at` is the digest's instant: work due before it is overdue, the rest of the office's day is due today.
  async digests(at: Date): Promise<OfficeDigests[]> {
    const result: OfficeDigests[] = [];
    for (const office of await this.officesAtDigestHour(at)) {
      const rows = (await this.dataSource.query(DIGEST_ITEMS_SQL, [office.officeId, office.dayEnd])) as DigestRow[];
      const people = new Map<string, DigestData>();
      for (const r of rows.sort(
        (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.caseNumber.localeCompare(b.caseNumber),
      )) {
        let data = people.get(r.userId);
        if (!data) {
          data = { kind: 'DIGEST', date: office.date, officeName: office.officeName, dueToday: [], overdue: [] };
          people.set(r.userId, data);
        }
        const item: DigestItem = {
          caseId: r.caseId,
          caseNumber: r.caseNumber,
          step: r.step,
          riskTier: r.riskTier,
          dueAt: r.dueAt.toISOString(),
        };
        (r.dueAt.getTime() < at.getTime() ? data.overdue : data.dueToday).push(item);
      }
      result.push({
        officeId: office.officeId,
        officeName: office.officeName,
        timeZone: office.timeZone,
        date: office.date,
        people: [...people].map(([userId, data]) => ({ userId, data })),
      });
    }
    return result;
  }
}
