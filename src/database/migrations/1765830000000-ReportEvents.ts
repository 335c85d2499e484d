import type { MigrationInterface, QueryRunner } from 'typeorm';

// The KPI reports of a year joined twelve months of case events to the office's cases to learn each event's office
// and category (bench/results/reports-plans.md: a hash of 60k cases per query, then a heap or subplan per event):
// Palu's year took up to 462 ms p95. report_events is the reports' own copy of the events they read, each with what
// a report filters by (the case's office and category) and what it measures from (the arrival, the referral, whether
// a follow-up came in time), so that a period of an office, or of the country, is one index range read by itself.
//
// Written by the database in the transaction of the event: a statement trigger on case_events projects the new
// rows (every writer: the workflow's activities, seeds, imports), keyed by (case_id, seq) and ON CONFLICT DO NOTHING,
// so a retried or replayed append writes nothing twice. The office, category and arrival are the case's now, as the
// reports counted them when they joined cases: a trigger on cases carries a transfer (or any change of those) to
// every row of the case, so a moved case counts at its new office for all its history, as before. The referrals get
// the case's office and category the same way (set as a referral is written, moved with the case), so the referral
// reports of a year read the referrals alone.
export class ReportEvents1765830000000 implements MigrationInterface {
  name = 'ReportEvents1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_events (
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        office_id uuid NOT NULL,
        category text NOT NULL,
        step text,
        arrived_at timestamptz NOT NULL,
        referral_id uuid,
        on_time boolean,
        prev_at timestamptz,
        PRIMARY KEY (case_id, seq)
      )`);
    // What each event type is read for: the arrival-to timeliness (screening.completed, referral.sent), the partners'
    // answer times (their referral), the steps begun and whether a STEP deadline of theirs passed, the follow-ups
    // (recorded: whether no FOLLOW_UP deadline passed since the previous one, which the timeline before it settles
    // once and for all; attempted: counted). A referralId that is not a UUID is kept as none rather than refusing the
    // event's write. prev_at: when the case's previous event of the type (of the step, for step.started) occurred, in
    // (occurred_at, seq) order; the first of a case in a period is the one whose prev_at is before the period or none,
    // so "once per case" is a filter on the row instead of a grouping of the period's rows.
    await q.query(`
      CREATE VIEW report_event_source AS
      SELECT e.case_id, e.seq, e.type, e.occurred_at, c.office_id, c.category, e.step, c.arrived_at,
             CASE WHEN e.type IN ('referral.acknowledged', 'referral.accepted', 'referral.declined')
                   AND e.data ->> 'referralId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                  THEN (e.data ->> 'referralId')::uuid END AS referral_id,
             CASE WHEN e.type = 'follow_up.recorded' THEN NOT EXISTS (
               SELECT 1 FROM case_events b
                WHERE b.case_id = e.case_id AND b.type = 'sla.breached' AND b.data ->> 'kind' = 'FOLLOW_UP'
                  AND b.seq < e.seq
                  AND b.seq > coalesce((SELECT max(p.seq) FROM case_events p
                                         WHERE p.case_id = e.case_id AND p.type = 'follow_up.recorded'
                                           AND p.seq < e.seq), 0)) END AS on_time,
             CASE WHEN e.type IN ('step.started', 'screening.completed', 'referral.sent') THEN (
               SELECT max(p.occurred_at) FROM case_events p
                WHERE p.case_id = e.case_id AND p.type = e.type
                  AND (e.type <> 'step.started' OR p.step IS NOT DISTINCT FROM e.step)
                  AND (p.occurred_at, p.seq) < (e.occurred_at, e.seq)) END AS prev_at
        FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.type IN ('step.started', 'screening.completed', 'referral.sent', 'referral.acknowledged',
                        'referral.accepted', 'referral.declined', 'follow_up.recorded', 'follow_up.attempted')
          OR (e.type = 'sla.breached' AND e.data ->> 'kind' = 'STEP')`);
    await q.query(`
      CREATE FUNCTION report_events_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_events (case_id, seq, type, occurred_at, office_id, category, step, arrived_at,
                                   referral_id, on_time, prev_at)
        SELECT v.case_id, v.seq, v.type, v.occurred_at, v.office_id, v.category, v.step, v.arrived_at,
               v.referral_id, v.on_time, v.prev_at
          FROM new_events n JOIN report_event_source v ON v.case_id = n.case_id AND v.seq = n.seq
        ON CONFLICT (case_id, seq) DO NOTHING;
        -- an event that occurred before one already written (its clock behind) becomes that one's previous
        UPDATE report_events r SET prev_at = v.prev_at
          FROM new_events n, report_event_source v
         WHERE r.case_id = n.case_id AND r.type = n.type
           AND (r.occurred_at, r.seq) > (n.occurred_at, n.seq) AND r.seq < n.seq
           AND v.case_id = r.case_id AND v.seq = r.seq AND v.prev_at IS DISTINCT FROM r.prev_at;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_events_report AFTER INSERT ON case_events REFERENCING NEW TABLE AS new_events
        FOR EACH STATEMENT EXECUTE FUNCTION report_events_project()`);
    await q.query(`
      CREATE FUNCTION report_events_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE report_events SET office_id = NEW.office_id, category = NEW.category, arrived_at = NEW.arrived_at
         WHERE case_id = NEW.id;
        UPDATE referrals SET office_id = NEW.office_id, category = NEW.category
         WHERE case_id = NEW.id AND (office_id, category) IS DISTINCT FROM (NEW.office_id, NEW.category);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER cases_report_events AFTER UPDATE OF office_id, category, arrived_at ON cases FOR EACH ROW
        WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.category IS DISTINCT FROM NEW.category
              OR OLD.arrived_at IS DISTINCT FROM NEW.arrived_at)
        EXECUTE FUNCTION report_events_follow_case()`);
    await q.query(`ALTER TABLE referrals ADD COLUMN office_id uuid, ADD COLUMN category text`);
    await q.query(`
      CREATE FUNCTION referrals_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.office_id, c.category INTO NEW.office_id, NEW.category FROM cases c WHERE c.id = NEW.case_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_case_scope BEFORE INSERT OR UPDATE OF case_id ON referrals FOR EACH ROW
        EXECUTE FUNCTION referrals_case_scope()`);
    // what came before
    await q.query(
      `UPDATE referrals r SET office_id = c.office_id, category = c.category FROM cases c WHERE c.id = r.case_id`,
    );
    await q.query(`
      INSERT INTO report_events (case_id, seq, type, occurred_at, office_id, category, step, arrived_at, referral_id,
                                 on_time, prev_at)
      SELECT case_id, seq, type, occurred_at, office_id, category, step, arrived_at, referral_id, on_time, prev_at
        FROM report_event_source`);
    // an office's period, and the country's: each report reads only its own range, index-only
    await q.query(`
      CREATE INDEX report_events_office_idx ON report_events (office_id, type, occurred_at)
        INCLUDE (case_id, category, step, arrived_at, referral_id, on_time, prev_at)`);
    await q.query(`
      CREATE INDEX report_events_type_idx ON report_events (type, occurred_at)
        INCLUDE (case_id, office_id, category, step, arrived_at, referral_id, on_time, prev_at)`);
    await q.query(`CREATE INDEX referrals_office_sent_idx ON referrals (office_id, sent_at)`);
    // the referrals escalated for the partner's silence, one hash for the sla report instead of a probe per referral
    await q.query(`
      CREATE INDEX notification_deliveries_escalated_idx ON notification_deliveries (case_id, (data ->> 'referralId'))
        WHERE type = 'referral.escalated'`);
    await q.query(`ANALYZE report_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_escalated_idx`);
    await q.query(`DROP INDEX referrals_office_sent_idx`);
    await q.query(`DROP TRIGGER referrals_case_scope ON referrals`);
    await q.query(`DROP FUNCTION referrals_case_scope()`);
    await q.query(`ALTER TABLE referrals DROP COLUMN office_id, DROP COLUMN category`);
    await q.query(`DROP TRIGGER cases_report_events ON cases`);
    await q.query(`DROP FUNCTION report_events_follow_case()`);
    await q.query(`DROP TRIGGER case_events_report ON case_events`);
    await q.query(`DROP FUNCTION report_events_project()`);
    await q.query(`DROP VIEW report_event_source`);
    await q.query(`DROP TABLE report_events`);
  }
}
