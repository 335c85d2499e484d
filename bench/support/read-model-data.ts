// The read model at the size issue 17 and the read-model bench name (100k cases, 1M timeline events), written
// straight into PostgreSQL with `INSERT ... SELECT` from `generate_series` in about half a minute: persons, cases
// spread over the three demo offices and the steps, their hash-chained timelines, open and done tasks, escalations.
// Shared by bench/read-model.ts and bench/console.ts; none of these cases has a workflow behind it.
import type { Client } from 'pg';
import { GENESIS_HASH } from '../../src/cases/case-timeline';
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { DEFAULT_SLA_POLICY, STEP_IDS, type StepId } from '../../workflows/definition';
import { log } from './stack';

// cases whose timelines one INSERT writes: bounds the recursive CTE's spool and shows progress
const EVENT_CHUNK = 10_000;
const round = (x: number) => Math.round(x * 100) / 100;

// Where the open cases stand (percent). Closed cases sit at CLOSURE.
const OPEN_STEP_SHARE: Record<StepId, number> = {
  REGISTRATION: 5,
  SCREENING: 12,
  EMERGENCY_CARE: 4,
  TPPO_REPORT: 6,
  REFERRAL: 12,
  SHELTER: 10,
  ASSESSMENT: 10,
  REHABILITATION: 12,
  RETURN_HANDOVER: 6,
  REINTEGRATION: 8,
  MONITORING: 12,
  CLOSURE: 3,
};
// What the timelines hold besides the first and the last event; the two types the metrics index covers are among them.
const EVENT_TYPES = [
  'step.started',
  'sla.reminder',
  'step.completed',
  'consent.recorded',
  'referral.sent',
  'sla.breached',
  'escalation.opened',
  'escalation.resolved',
  'shelter.started',
  'assessment.completed',
  'rehabilitation.reviewed',
];
const ARRIVAL_POINT: Record<string, string> = {
  [DEMO_OFFICES.sulteng.id]: 'Bandara Mutiara SIS Al-Jufri, Palu',
  [DEMO_OFFICES.sulsel.id]: 'Bandara Sultan Hasanuddin, Makassar',
  [DEMO_OFFICES.ntb.id]: 'Bandara Internasional Lombok',
};

// Only constants of this file and of seed.ts are written into the SQL text; this keeps it that way.
function lit(value: string): string {
  if (!/^[A-Za-z0-9 ._,:()+-]*$/.test(value)) throw new Error(`refusing to inline ${JSON.stringify(value)}`);
  return `'${value}'`;
}

export function user(key: string) {
  const u = DEMO_USERS[key];
  if (!u) throw new Error(`no demo user ${key}`);
  return u;
}

// Each office's staff who hold cases, caseworkers three times as often as supervisors; NTB has none (its cases are
// unassigned, in its caseworkers' shared queue).
function assigneeExpr(rand: string): string {
  const branches = Object.values(DEMO_OFFICES).map((o) => {
    const staff = Object.values(DEMO_USERS).filter(
      (u) => u.officeId === o.id && (u.role === 'CASEWORKER' || u.role === 'SUPERVISOR'),
    );
    const pool = staff.flatMap((u) => Array<string>(u.role === 'CASEWORKER' ? 3 : 1).fill(u.id));
    if (pool.length === 0) return `WHEN ${lit(o.id)} THEN NULL::uuid`;
    return `WHEN ${lit(o.id)} THEN (ARRAY[${pool.map(lit).join(', ')}]::uuid[])[1 + floor(${rand} * ${pool.length})::int]`;
  });
  return `CASE office_id ${branches.join(' ')} END`;
}

function openStepExpr(rand: string): string {
  let cumulative = 0;
  const total = Object.values(OPEN_STEP_SHARE).reduce((a, b) => a + b, 0);
  const whens = STEP_IDS.map((step) => {
    cumulative += OPEN_STEP_SHARE[step];
    return `WHEN ${rand} < ${cumulative / total} THEN ${lit(step)}`;
  });
  return `CASE ${whens.join(' ')} ELSE 'CLOSURE' END`;
}

const STEPS_ARRAY = `ARRAY[${STEP_IDS.map(lit).join(', ')}]::text[]`;

// One row per case with every random draw and everything derived from it, so that the cases, persons, tasks,
// escalations and timelines written from it agree with each other.
function planSql(now: string, cases: number, events: number): string {
  const { sulteng, sulsel } = DEMO_OFFICES;
  return `
    CREATE TEMP TABLE bench_plan AS
    WITH r AS (
      SELECT i, gen_random_uuid() AS id, gen_random_uuid() AS person_id,
             -- 60 % of the cases in Palu, 25 % in Makassar, 15 % in Mataram
             CASE WHEN i % 20 < 12 THEN ${lit(sulteng.id)}::uuid WHEN i % 20 < 17 THEN ${lit(sulsel.id)}::uuid ELSE ${lit(DEMO_OFFICES.ntb.id)}::uuid END AS office_id,
             random() AS r_status, random() AS r_step, random() AS r_tier, random() AS r_tiered, random() AS r_assignee,
             random() AS r_unassigned, random() AS r_due, random() AS r_age, random() AS r_events, random() AS r_tail,
             random() AS r_esc, random() AS r_esc_level, random() AS r_esc_open, random() AS r_approval, random() AS r_cat,
             random() AS r_country
        FROM generate_series(1, ${cases}) i
    ), a AS (
      SELECT r.*, CASE WHEN r_status < 0.8 THEN 'OPEN' ELSE 'CLOSED' END AS status,
             -- open cases registered in the last six months, closed ones in the last year
             date_trunc('milliseconds', ${now} - make_interval(secs => (CASE WHEN r_status < 0.8 THEN 2 + r_age * 178 ELSE 30 + r_age * 335 END) * 86400)) AS created_at
        FROM r
    ), b AS (
      SELECT a.*, CASE WHEN status = 'CLOSED' THEN 'CLOSURE' ELSE ${openStepExpr('r_step')} END AS step FROM a
    ), c AS (
      SELECT b.*, array_position(${STEPS_ARRAY}, step) AS step_order,
             -- the tier is set by screening; before that only a change-risk-tier gives one (mostly upwards)
             CASE WHEN step IN ('REGISTRATION', 'SCREENING') THEN
                    CASE WHEN r_tiered >= 0.1 THEN NULL WHEN r_tier < 0.6 THEN 'HIGH' ELSE 'MEDIUM' END
                  ELSE CASE WHEN r_tier < 0.2 THEN 'HIGH' WHEN r_tier < 0.55 THEN 'MEDIUM' ELSE 'LOW' END END AS risk_tier,
             CASE WHEN r_unassigned < 0.1 THEN NULL ELSE ${assigneeExpr('r_assignee')} END AS assignee_id,
             CASE WHEN r_cat < 0.4 THEN 'PMI_PURNA' WHEN r_cat < 0.65 THEN 'DEPORTEE' WHEN r_cat < 0.85 THEN 'PROBLEM_PMI' ELSE 'TPPO_VICTIM' END AS category,
             (ARRAY['MY', 'SA', 'HK', 'TW', 'SG', 'AE'])[1 + floor(r_country * 6)::int] AS from_country,
             -- a deadline from 10 days ago to 30 days ahead; none while monitoring or once closed
             CASE WHEN status = 'OPEN' AND step <> 'MONITORING' THEN date_trunc('milliseconds', ${now} + make_interval(secs => (-10 + 40 * r_due) * 86400)) END AS due_at,
             CASE WHEN status = 'CLOSED' THEN date_trunc('milliseconds', created_at + (${now} - created_at) * (0.5 + 0.4 * r_due)) END AS closed_at
        FROM b
    ), d AS (
      SELECT c.*,
             CASE WHEN due_at < ${now} THEN 'OVERDUE' WHEN due_at < ${now} + interval '2 days' THEN 'AT_RISK' ELSE 'ON_TIME' END AS sla_state,
             COALESCE(closed_at, ${now}) AS end_at,
             -- a timeline grows with the steps a case went through; 1 % have a long tail of reminders and breaches
             ((CASE WHEN status = 'CLOSED' THEN 13 ELSE step_order END) * (0.5 + r_events) + CASE WHEN r_tail < 0.01 THEN 40 ELSE 0 END)::numeric(12, 6) AS w,
             r_esc < 0.05 AS escalated,
             CASE WHEN r_esc_level < 0.7 THEN 1 ELSE 2 END AS esc_level,
             CASE WHEN status = 'OPEN' AND r_esc_open < 0.6 THEN 'OPEN' ELSE 'RESOLVED' END AS esc_status,
             status = 'OPEN' AND r_approval < 0.05 AS approval
        FROM c
    ), e AS (
      SELECT d.*, sum(w) OVER (ORDER BY i) AS cum FROM d
    ), f AS (
      SELECT e.*, COALESCE(lag(cum) OVER (ORDER BY i), 0) AS prev_cum, max(cum) OVER () AS total FROM e
    )
    -- every case gets one event plus its share of the rest, so the counts add up to exactly ${events}
    SELECT f.*, (1 + floor(${events - cases} * cum / total) - floor(${events - cases} * prev_cum / total))::int AS n,
           CASE WHEN escalated AND esc_status = 'OPEN' THEN esc_level ELSE 0 END AS escalation_level
      FROM f`;
}

// A timeline of n events per case, each hashed onto the previous one exactly as src/cases/case-timeline.ts does
// (sha256 of the previous hash and the event's canonical JSON), so ?verify=true does its full work and finds the
// chain valid. Row 0 of each case only carries the genesis hash.
function eventsSql(from: number, to: number): string {
  const types = `ARRAY[${EVENT_TYPES.map(lit).join(', ')}]::text[]`;
  return `
    WITH RECURSIVE chain AS (
      SELECT p.id AS case_id, p.i, p.n, p.step_order, p.status, p.assignee_id, p.created_at, p.end_at,
             0 AS seq, NULL::text AS type, NULL::uuid AS actor_id, NULL::text AS actor_role, NULL::text AS step,
             NULL::timestamptz AS occurred_at, NULL::text AS prev_hash, ${lit(GENESIS_HASH)}::text AS hash
        FROM bench_plan p WHERE p.i > ${from} AND p.i <= ${to}
      UNION ALL
      SELECT c.case_id, c.i, c.n, c.step_order, c.status, c.assignee_id, c.created_at, c.end_at,
             s.seq, e.type, e.actor_id, e.actor_role, e.step, e.occurred_at, c.hash,
             encode(sha256(convert_to(c.hash || k.canonical, 'UTF8')), 'hex')
        FROM chain c
        CROSS JOIN LATERAL (SELECT c.seq + 1 AS seq) s
        CROSS JOIN LATERAL (
          SELECT CASE WHEN s.seq = 1 THEN 'case.registered'
                      WHEN s.seq = c.n AND c.status = 'CLOSED' THEN 'case.closed'
                      ELSE (${types})[1 + (s.seq + c.i) % ${EVENT_TYPES.length}] END AS type,
                 CASE WHEN s.seq % 2 = 0 THEN c.assignee_id END AS actor_id,
                 CASE WHEN s.seq % 2 = 0 THEN 'CASEWORKER' ELSE 'SYSTEM' END AS actor_role,
                 (${STEPS_ARRAY})[greatest(1, ceil(s.seq::numeric * c.step_order / c.n))::int] AS step,
                 date_trunc('milliseconds', c.created_at + (c.end_at - c.created_at) * (s.seq::float8 / (c.n + 1))) AS occurred_at
        ) e
        CROSS JOIN LATERAL (
          SELECT '{"actorId":' || COALESCE('"' || e.actor_id::text || '"', 'null') || ',"actorRole":"' || e.actor_role ||
                 '","caseId":"' || c.case_id::text || '","data":{"bench":true,"n":' || s.seq::text ||
                 '},"occurredAt":"' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
                 '","seq":' || s.seq::text || ',"step":' || COALESCE('"' || e.step || '"', 'null') || ',"type":"' || e.type || '"}' AS canonical
        ) k
       WHERE c.seq < c.n
    )
    INSERT INTO case_events (case_id, seq, type, actor_id, actor_role, step, occurred_at, data, prev_hash, hash)
    SELECT case_id, seq, type, actor_id, actor_role, step, occurred_at, jsonb_build_object('bench', true, 'n', seq), prev_hash, hash
      FROM chain WHERE seq > 0`;
}

export type SeedReport = { seconds: number; phases: Record<string, number> };

export async function seedReadModel(
  db: Client,
  { cases, events }: { cases: number; events: number },
): Promise<SeedReport> {
  if (!(events >= cases && cases >= 100))
    throw new Error('the events must be at least the cases, and the cases at least 100');
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  const phase = async (name: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    phases[name] = round((performance.now() - t) / 1000);
    log(`seed: ${name} ${phases[name]} s`);
  };
  // the bulk load is one session's business: no need to wait for each commit's flush, room to hash and sort
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET work_mem = '256MB'`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  const { rows } = await db.query<{ now: string }>(`SELECT date_trunc('milliseconds', now())::text AS now`);
  const now = `${lit(rows[0]!.now)}::timestamptz`;
  const width = Math.max(6, String(cases).length);

  await phase('plan', () => db.query(planSql(now, cases, events)));
  await phase('persons and cases', async () => {
    await db.query(`
      INSERT INTO persons (id, full_name, sex, date_of_birth, home_province, home_regency, created_at)
      SELECT p.person_id, 'Bench Returnee ' || p.i, CASE WHEN p.i % 3 = 0 THEN 'M' ELSE 'F' END, date '1970-01-01' + (p.i % 12000),
             o.province, 'Kota ' || o.city, p.created_at
        FROM bench_plan p JOIN offices o ON o.id = p.office_id ORDER BY p.created_at`);
    // in registration order, as the API writes them
    await db.query(`
      INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step, risk_tier,
                         assignee_id, due_at, sla_state, escalation_level, arrival_point, arrived_at, from_country,
                         policy_version, last_event_seq, allowed_actions, closed_at, created_at, updated_at)
      SELECT p.id, o.code || '-' || to_char(p.created_at AT TIME ZONE 'Asia/Makassar', 'YYYY') || '-' || lpad(p.i::text, ${width}, '0'),
             'case-' || p.id, p.office_id, p.person_id, p.category, p.status, p.step, p.risk_tier, p.assignee_id,
             p.due_at, p.sla_state, p.escalation_level,
             CASE p.office_id ${Object.entries(ARRIVAL_POINT)
               .map(([id, point]) => `WHEN ${lit(id)} THEN ${lit(point)}`)
               .join(' ')} END,
             p.created_at - interval '2 hours', p.from_country, ${lit(DEFAULT_SLA_POLICY.version)}, p.n,
             '{}'::jsonb, p.closed_at, p.created_at, p.end_at
        FROM bench_plan p JOIN offices o ON o.id = p.office_id ORDER BY p.created_at`);
    await db.query(`SELECT setval('case_number_seq', ${cases})`);
  });
  await phase('case events', async () => {
    for (let from = 0; from < cases; from += EVENT_CHUNK) {
      await db.query(eventsSql(from, Math.min(cases, from + EVENT_CHUNK)));
      log(`seed: timelines of ${Math.min(cases, from + EVENT_CHUNK)}/${cases} cases`);
    }
  });
  await phase('tasks', async () => {
    // the open step task of every open case: the case's assignee, deadline and office
    await db.query(`
      INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq,
                         updated_seq, created_at, updated_at)
      SELECT gen_random_uuid(), p.id, p.office_id, 'STEP', 'Complete the step ' || p.step, p.step, 'CASEWORKER', p.assignee_id, p.due_at, 'OPEN',
             p.n, p.n, p.end_at, p.end_at
        FROM bench_plan p WHERE p.status = 'OPEN' ORDER BY p.end_at`);
    // the done step tasks of earlier steps, one or two per case
    await db.query(`
      INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq,
                         updated_seq, created_at, updated_at)
      SELECT gen_random_uuid(), p.id, p.office_id, 'STEP', 'Complete the step ' || s.step, s.step, 'CASEWORKER', p.assignee_id,
             p.created_at + make_interval(days => 3 * k), 'DONE', k, k + 1, p.created_at + make_interval(days => k), p.created_at + make_interval(days => k + 1)
        FROM bench_plan p
        CROSS JOIN generate_series(1, 1 + p.i % 2) k
        CROSS JOIN LATERAL (SELECT (${STEPS_ARRAY})[least(k, p.step_order)] AS step) s
       ORDER BY p.created_at`);
    // closure approvals and reviews waiting for a supervisor, in nobody's name
    await db.query(`
      INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq,
                         updated_seq, created_at, updated_at)
      SELECT gen_random_uuid(), p.id, p.office_id, 'APPROVAL', 'Approve or reject the closure', p.step, 'SUPERVISOR', NULL, p.due_at, 'OPEN',
             p.n, p.n, p.end_at, p.end_at
        FROM bench_plan p WHERE p.approval ORDER BY p.end_at`);
  });
  await phase('escalations', () =>
    db.query(`
      INSERT INTO escalations (id, case_id, office_id, level, kind, reason, step, assigned_role, notify_task_force, status, opened_at,
                               resolution, resolved_at, resolved_by, updated_seq)
      SELECT gen_random_uuid(), p.id, p.office_id, p.esc_level, 'STEP', 'the step deadline passed', p.step,
             CASE p.esc_level WHEN 1 THEN 'SUPERVISOR' ELSE 'HEAD' END, p.esc_level = 2 AND p.risk_tier IS NOT DISTINCT FROM 'HIGH', p.esc_status, x.opened_at,
             CASE WHEN p.esc_status = 'RESOLVED' THEN 'ACKNOWLEDGE' END,
             CASE WHEN p.esc_status = 'RESOLVED' THEN x.opened_at + (p.end_at - x.opened_at) / 2 END,
             CASE WHEN p.esc_status = 'RESOLVED' AND p.office_id = ${lit(DEMO_OFFICES.sulteng.id)} THEN ${lit(user('spvPalu').id)}::uuid END,
             p.n
        FROM bench_plan p
        CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', p.created_at + (p.end_at - p.created_at) * p.r_esc_open) AS opened_at) x
       WHERE p.escalated ORDER BY x.opened_at`),
  );
  await db.query(`DROP TABLE bench_plan`);
  // what autovacuum would have done by the time a real read model held this much: statistics, the visibility map
  // (index-only scans), hint bits; then a checkpoint, so that neither runs during the measurement
  await phase('vacuum analyze', async () => {
    await db.query(`VACUUM (ANALYZE) persons, cases, case_events, tasks, escalations`);
    await db.query(`CHECKPOINT`);
  });
  return { seconds: round((performance.now() - t0) / 1000), phases };
}
