import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Sql } from '../database/filter-page';

// The read-model queries of the reports. Every one takes the same four parameters: the office ($1, null for the
// whole country), the period as UTC instants [$2, $3) and the category of returnee ($4, null for all). Durations are
// in hours; percentiles are percentile_cont (linear between the two nearest values), as the README says. The events
// they count are read from report_events (migration 1765830000000-ReportEvents): the case events the reports read,
// each carrying its case's office, category and arrival now, so that a period is one index range without the cases.
export type ReportScope = { officeId: string | null; start: Date; end: Date; category: string | null };

const SCOPE = (t: string) =>
  `($1::uuid IS NULL OR ${t}.office_id = $1::uuid) AND ($4::text IS NULL OR ${t}.category = $4::text)`;
const CASE_SCOPE = SCOPE('c');
const EVENT_SCOPE = SCOPE('e');
const REFERRAL_SCOPE = SCOPE('r');
// the first of its kind of a case in the period: the one before it (prev_at) is before the period, or none
const FIRST_IN_PERIOD = `(e.prev_at IS NULL OR e.prev_at < $2::timestamptz)`;
const IN_PERIOD = (column: string) => `${column} >= $2::timestamptz AND ${column} < $3::timestamptz`;
const HOURS = (later: string, earlier: string) => `extract(epoch FROM (${later} - ${earlier})) / 3600`;
const MEDIAN_P90 = (h: string) =>
  `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${h}) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${h}) AS p90`;
// a referral that went out to a partner (not one held for, or refused by, a supervisor)
const SENT = `r.status NOT IN ('PENDING_APPROVAL', 'REJECTED')`;

export const REPORT_SQL = {
  caseCounts: `
    SELECT count(*) FILTER (WHERE ${IN_PERIOD('c.created_at')})::int AS registered,
           count(*) FILTER (WHERE c.created_at < $3::timestamptz
                              AND NOT (c.status = 'CLOSED' AND c.closed_at < $3::timestamptz))::int AS "openAtEnd",
           count(*) FILTER (WHERE ${IN_PERIOD('c.closed_at')})::int AS closed
      FROM cases c
     WHERE ${CASE_SCOPE} AND c.created_at < $3::timestamptz`,
  byStep: `
    SELECT c.current_step AS step,
           count(*) FILTER (WHERE c.risk_tier = 'HIGH')::int AS high,
           count(*) FILTER (WHERE c.risk_tier = 'MEDIUM')::int AS medium,
           count(*) FILTER (WHERE c.risk_tier = 'LOW')::int AS low,
           count(*) FILTER (WHERE c.risk_tier IS NULL)::int AS unscreened,
           count(*)::int AS total
      FROM cases c
     WHERE ${CASE_SCOPE} AND ${IN_PERIOD('c.created_at')}
     GROUP BY c.current_step`,
  // counted per assignee and office first, then named: the join is of a few rows, not of every case
  caseload: `
    SELECT u.display_name AS caseworker, o.name AS office, sum(t.caseload)::int AS caseload,
           sum(t.registered)::int AS registered
      FROM (SELECT c.assignee_id, c.office_id, count(*) FILTER (WHERE c.status = 'OPEN') AS caseload,
                   count(*) FILTER (WHERE ${IN_PERIOD('c.created_at')}) AS registered
              FROM cases c
             WHERE ${CASE_SCOPE} AND (c.status = 'OPEN' OR ${IN_PERIOD('c.created_at')})
             GROUP BY c.assignee_id, c.office_id) t
      JOIN users u ON u.id = t.assignee_id JOIN offices o ON o.id = t.office_id
     GROUP BY u.id, u.display_name, o.name
     ORDER BY caseload DESC, caseworker`,
  // the first of the kind in the period, per case, from the arrival
  arrivalTo: `
    SELECT ${MEDIAN_P90('h')}, count(*)::int AS n FROM (
      SELECT ${HOURS('e.occurred_at', 'e.arrived_at')} AS h
        FROM report_events e
       WHERE e.type = $5 AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE} AND ${FIRST_IN_PERIOD}) t`,
  // the partner's answers (acknowledged; accepted or declined) in the period, from the referral's sending, per agency
  partnerTimes: `
    SELECT a.name AS agency,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY h) FILTER (WHERE ack) AS "ackMedian",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY h) FILTER (WHERE ack) AS "ackP90",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY h) FILTER (WHERE NOT ack) AS "decideMedian",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY h) FILTER (WHERE NOT ack) AS "decideP90"
      FROM (SELECT r.agency_id, e.type = 'referral.acknowledged' AS ack, ${HOURS('e.occurred_at', 'r.sent_at')} AS h
              FROM report_events e JOIN referrals r ON r.id = e.referral_id
             WHERE e.type IN ('referral.acknowledged', 'referral.accepted', 'referral.declined')
               AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE}) t
      JOIN partner_agencies a ON a.id = t.agency_id
     GROUP BY a.id, a.name ORDER BY a.name`,
  partnerTotals: `
    SELECT ${MEDIAN_P90('h')}, count(*)::int AS n FROM (
      SELECT ${HOURS('e.occurred_at', 'r.sent_at')} AS h
        FROM report_events e JOIN referrals r ON r.id = e.referral_id
       WHERE e.type = ANY($5::text[]) AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE}) t`,
  // a step counts once per case (the first start of the step in the period); it breached if a STEP deadline of that
  // step passed, then or since (report_events holds the STEP breaches only; a case's rows share its office and
  // category, so its breaches are of the same scope)
  breachByStep: `
    SELECT t.step, t.office_id AS "officeId", o.name AS office, t.started::int, t.breached::int
      FROM (SELECT e.step, e.office_id, count(*) AS started,
                   count(*) FILTER (WHERE (e.case_id, e.step) IN (
                     SELECT b.case_id, b.step FROM report_events b
                      WHERE b.type = 'sla.breached' AND b.occurred_at >= $2::timestamptz AND ${SCOPE('b')})) AS breached
              FROM report_events e
             WHERE e.type = 'step.started' AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE} AND ${FIRST_IN_PERIOD}
             GROUP BY e.step, e.office_id) t
      JOIN offices o ON o.id = t.office_id`,
  // escalated for the partner's silence: the partner was told of it (referral.escalated), keyed by the referral
  breachByAgency: `
    SELECT a.name AS agency, count(*)::int AS sent,
           count(*) FILTER (WHERE (r.case_id, r.id::text) IN (
             SELECT n.case_id, n.data ->> 'referralId' FROM notification_deliveries n
              WHERE n.type = 'referral.escalated'))::int AS breached
      FROM referrals r JOIN partner_agencies a ON a.id = r.agency_id
     WHERE ${SENT} AND ${IN_PERIOD('r.sent_at')} AND ${REFERRAL_SCOPE}
     GROUP BY a.id, a.name ORDER BY a.name`,
  escalations: `
    SELECT e.level::int AS level, count(*)::int AS opened, count(e.resolved_at)::int AS resolved,
           ${MEDIAN_P90(HOURS('e.resolved_at', 'e.opened_at'))}
      FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE ($1::uuid IS NULL OR e.office_id = $1::uuid) AND ($4::text IS NULL OR c.category = $4::text)
       AND ${IN_PERIOD('e.opened_at')}
     GROUP BY e.level ORDER BY e.level`,
  escalationResolve: `
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS('e.resolved_at', 'e.opened_at')}) AS median
      FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE ($1::uuid IS NULL OR e.office_id = $1::uuid) AND ($4::text IS NULL OR c.category = $4::text)
       AND ${IN_PERIOD('e.opened_at')} AND e.resolved_at IS NOT NULL`,
  referralsByAgency: `
    SELECT a.name AS agency, ${referralCounts()}
      FROM referrals r JOIN partner_agencies a ON a.id = r.agency_id
     WHERE ${SENT} AND ${IN_PERIOD('r.sent_at')} AND ${REFERRAL_SCOPE}
     GROUP BY a.id, a.name ORDER BY a.name`,
  referralsByService: `
    SELECT s.service, ${referralCounts()}
      FROM referrals r CROSS JOIN LATERAL jsonb_array_elements_text(r.services) AS s(service)
     WHERE ${SENT} AND ${IN_PERIOD('r.sent_at')} AND ${REFERRAL_SCOPE}
     GROUP BY s.service ORDER BY s.service`,
  declineReasons: `
    SELECT a.name AS agency, coalesce(nullif(btrim(r.reason), ''), '-') AS reason, count(*)::int AS count
      FROM referrals r JOIN partner_agencies a ON a.id = r.agency_id
     WHERE r.status = 'DECLINED' AND ${IN_PERIOD('r.sent_at')} AND ${REFERRAL_SCOPE}
     GROUP BY a.name, 2 ORDER BY count DESC, a.name, 2`,
  // on time: no FOLLOW_UP deadline of the case passed since its previous recorded follow-up (on_time, settled when
  // the follow-up was written)
  followUps: `
    SELECT count(*)::int AS recorded, count(*) FILTER (WHERE e.on_time)::int AS "onTime"
      FROM report_events e
     WHERE e.type = 'follow_up.recorded' AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE}`,
  monitoringCounts: `
    SELECT (SELECT count(*) FROM report_events e
             WHERE e.type = 'follow_up.attempted' AND ${IN_PERIOD('e.occurred_at')} AND ${EVENT_SCOPE})::int AS failed,
           (SELECT count(DISTINCT e.case_id) FROM escalations e JOIN cases c ON c.id = e.case_id
             WHERE e.kind = 'RETURNEE_UNREACHABLE' AND ${IN_PERIOD('e.opened_at')}
               AND ($1::uuid IS NULL OR e.office_id = $1::uuid) AND ($4::text IS NULL OR c.category = $4::text)
           )::int AS unreachable`,
} as const;

function referralCounts(): string {
  const n = (statuses: string) => `count(*) FILTER (WHERE r.status IN (${statuses}))::int`;
  return `count(*)::int AS sent,
    ${n(`'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'COMPLETED'`)} AS acknowledged,
    ${n(`'ACCEPTED', 'COMPLETED'`)} AS accepted, ${n(`'DECLINED'`)} AS declined,
    ${n(`'COMPLETED'`)} AS completed, ${n(`'REVOKED'`)} AS revoked`;
}

export type ReportQuery = keyof typeof REPORT_SQL;

// The exact text and parameters of one report query (the bench runs them under EXPLAIN).
export function reportSql(query: ReportQuery, s: ReportScope, extra: unknown[] = []): Sql {
  return {
    text: REPORT_SQL[query],
    params: [s.officeId, s.start.toISOString(), s.end.toISOString(), s.category, ...extra],
  };
}

export type Row = Record<string, string | number | null>;

@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows<T extends Row = Row>(query: ReportQuery, s: ReportScope, extra: unknown[] = []): Promise<T[]> {
    const sql = reportSql(query, s, extra);
    return (await this.dataSource.query(sql.text, sql.params)) as T[];
  }

  async one<T extends Row = Row>(query: ReportQuery, s: ReportScope, extra: unknown[] = []): Promise<T> {
    return (await this.rows<T>(query, s, extra))[0]!;
  }
}
