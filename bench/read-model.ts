// `npm run bench:read-model`: the read-model lists at the size the issue names (100k cases, 1M timeline events),
// measured over real HTTP through the built API (token check, office scoping, the SQL, the JSON), one client,
// sequentially. The baseline, in the same run and through the same auth and HTTP path, is GET /cases/{id}: a
// primary-key read, so each list's p95 ÷ the baseline's p95 is what the list costs beyond "one row by id".
// Then every list's exact SQL (the text the repositories build: listCasesSql, inboxSql, timelineSql, escalationsSql,
// caseSql, with the parameters of the HTTP calls) runs under EXPLAIN (ANALYZE, BUFFERS), and the plan says which
// index serves it and whether anything scans or sorts.
// Results: bench/results/read-model.json and .md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { timelineSql } from '../src/cases/case-event.repository';
import { caseSql, listCasesSql } from '../src/cases/case.repository';
import { inboxSql } from '../src/cases/task.repository';
import type { Sql } from '../src/database/filter-page';
import { escalationsSql } from '../src/escalations/escalation.repository';
import { GENESIS_HASH } from '../src/cases/case-timeline';
import { runMigrations } from '../src/database/migrate';
import { DEMO_OFFICES, DEMO_USERS, seedDemoData } from '../src/database/seed';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/infra/postgres';
import { freePort, startProcess, stopProcess, waitUntil, type Managed } from '../scripts/infra/processes';
import { startTemporalDevServer, type DevServer } from '../scripts/infra/temporal';
import { DEFAULT_SLA_POLICY, STEP_IDS, type StepId } from '../workflows/definition';
import { mulberry32 } from './support/stack';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
// cases whose timelines one INSERT writes: bounds the recursive CTE's spool and shows progress
const EVENT_CHUNK = 10_000;
const ROOT = resolve(__dirname, '..', '..');
const DB = 'rujukan_bench';
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ---- the data ------------------------------------------------------------------------------------------------

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

function user(key: string) {
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
function planSql(now: string): string {
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
        FROM generate_series(1, ${CASES}) i
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
    -- every case gets one event plus its share of the rest, so the counts add up to exactly ${EVENTS}
    SELECT f.*, (1 + floor(${EVENTS - CASES} * cum / total) - floor(${EVENTS - CASES} * prev_cum / total))::int AS n,
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

type SeedReport = { seconds: number; phases: Record<string, number> };

async function seedReadModel(db: Client): Promise<SeedReport> {
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
  const width = Math.max(6, String(CASES).length);

  await phase('plan', () => db.query(planSql(now)));
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
    await db.query(`SELECT setval('case_number_seq', ${CASES})`);
  });
  await phase('case events', async () => {
    for (let from = 0; from < CASES; from += EVENT_CHUNK) {
      await db.query(eventsSql(from, Math.min(CASES, from + EVENT_CHUNK)));
      log(`seed: timelines of ${Math.min(CASES, from + EVENT_CHUNK)}/${CASES} cases`);
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

// ---- measuring -----------------------------------------------------------------------------------------------

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(at(0.5)),
    p95: r(at(0.95)),
    p99: r(at(0.99)),
    max: r(s[s.length - 1]!),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

type Caller = 'cw.palu' | 'spv.palu' | 'anonymous';

type Endpoint = {
  key: string;
  label: string;
  as: Caller;
  path: () => string;
  // how many rows one answer carries (list items, timeline events)
  rows: (body: Record<string, unknown>) => number | null;
  plan: string | null;
  baseline?: boolean;
};

type PlanNode = Record<string, unknown> & { 'Node Type': string; Plans?: PlanNode[] };

type PlanReport = {
  key: string;
  label: string;
  sql: string;
  params: unknown[];
  indexes: string[];
  seqScans: string[];
  sorts: { node: string; key: string; method: string | null; space: string | null; inputRows: number | null }[];
  bigSort: boolean;
  executionMs: number;
  planningMs: number;
  sharedHit: number;
  sharedRead: number;
  rows: number;
  text: string;
};

const WATCHED_TABLES = new Set(['cases', 'tasks', 'case_events', 'escalations']);

function analysePlan(root: PlanNode): Pick<PlanReport, 'indexes' | 'seqScans' | 'sorts' | 'bigSort'> {
  const indexes: string[] = [];
  const seqScans: string[] = [];
  const sorts: PlanReport['sorts'] = [];
  const walk = (n: PlanNode) => {
    const type = n['Node Type'];
    if (
      (type === 'Index Scan' || type === 'Index Only Scan' || type === 'Bitmap Index Scan') &&
      typeof n['Index Name'] === 'string'
    ) {
      const name = `${n['Index Name']}${type === 'Index Only Scan' ? ' (index only)' : type === 'Bitmap Index Scan' ? ' (bitmap)' : ''}`;
      if (!indexes.includes(name)) indexes.push(name);
    }
    if (type === 'Seq Scan' && WATCHED_TABLES.has(String(n['Relation Name'])))
      seqScans.push(String(n['Relation Name']));
    if (type === 'Sort' || type === 'Incremental Sort') {
      const child = n.Plans?.[0];
      const inputRows = child ? Number(child['Actual Rows'] ?? 0) * Number(child['Actual Loops'] ?? 1) : null;
      sorts.push({
        node: type,
        key: ((n['Sort Key'] as string[] | undefined) ?? []).join(', '),
        // an Incremental Sort reports its methods per group of rows
        method:
          (n['Sort Method'] as string | undefined) ??
          ((
            (n['Full-sort Groups'] as { 'Sort Methods Used'?: string[] } | undefined)?.['Sort Methods Used'] ?? []
          ).join('/') ||
            null),
        space:
          n['Sort Space Used'] !== undefined
            ? `${String(n['Sort Space Used'])} kB ${String(n['Sort Space Type'] ?? '')}`.trim()
            : null,
        inputRows,
      });
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root);
  // "big": more than a couple of pages' worth of rows fed into a sort, or a sort that spilled to disk
  const bigSort = sorts.some((s) => (s.inputRows ?? 0) > 1000 || /Disk/i.test(s.space ?? ''));
  return { indexes, seqScans, sorts, bigSort };
}

async function explain(db: Client, key: string, label: string, sql: Sql): Promise<PlanReport> {
  // Parameters go through the extended protocol, as the API's queries do: PostgreSQL plans with their values.
  const json = await db.query<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }];
  }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`, sql.params);
  const top = json.rows[0]!['QUERY PLAN'][0];
  const text = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.params);
  return {
    key,
    label,
    sql: sql.text.replace(/\s+/g, ' ').trim(),
    params: sql.params.map((p) => (p instanceof Date ? p.toISOString() : p)),
    ...analysePlan(top.Plan),
    executionMs: round(top['Execution Time']),
    planningMs: round(top['Planning Time']),
    sharedHit: Number(top.Plan['Shared Hit Blocks'] ?? 0),
    sharedRead: Number(top.Plan['Shared Read Blocks'] ?? 0),
    rows: Number(top.Plan['Actual Rows'] ?? 0),
    text: text.rows.map((r) => r['QUERY PLAN']).join('\n'),
  };
}

// ---- the run -------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!(EVENTS >= CASES && CASES >= 100))
    throw new Error('BENCH_EVENTS must be at least BENCH_CASES, and BENCH_CASES at least 100');
  const started = performance.now();
  const dataRoot = mkdtempSync(join(tmpdir(), 'rujukan-bench-read-'));
  let pg: EmbeddedPostgres | null = null;
  let temporal: DevServer | null = null;
  let api: Managed | null = null;
  let db: Client | null = null;
  try {
    const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    // the API refuses to boot without Temporal, though no list reads it
    [pg, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDirectory: join(dataRoot, 'pg'), port: pgPort }),
      startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: null, log }),
    ]);
    await ensureDatabase(pg.url('postgres'), DB);
    const databaseUrl = pg.url(DB);
    await runMigrations(databaseUrl);
    await seedDemoData(databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();

    log(`seeding ${CASES} cases and ${EVENTS} events`);
    const seeding = await seedReadModel(db);
    log(`seeded in ${seeding.seconds} s`);

    const sulteng = DEMO_OFFICES.sulteng.id;
    const cw = user('cwPalu');
    const spv = user('spvPalu');
    const counts = await seededCounts(db, sulteng, cw.id, spv.id);
    log(`seeded: ${JSON.stringify(counts)}`);

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // one token per caller lasts the whole run
      TOKEN_TTL_SECONDS: '7200',
    };
    api = startProcess('api', process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { env, cwd: ROOT });
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitUntil(
      'the API answered ready',
      async () => (await fetch(`${baseUrl}/health/ready`).catch(() => null))?.status === 200,
      90000,
      api,
    );

    const login = async (username: string): Promise<string> => {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD || 'rujukan-demo' }),
      });
      const body = (await res.json()) as { accessToken?: string };
      if (res.status !== 200 || !body.accessToken) throw new Error(`login as ${username} failed: ${res.status}`);
      return body.accessToken;
    };
    const tokens: Record<Caller, string | null> = {
      'cw.palu': await login(cw.username),
      'spv.palu': await login(spv.username),
      anonymous: null,
    };

    // the cases the by-id reads pick from: a fixed random sample of Palu's
    const sample = (
      await db.query<{ id: string }>(`SELECT id FROM cases WHERE office_id = $1 ORDER BY md5(id::text) LIMIT 2000`, [
        sulteng,
      ])
    ).rows.map((r) => r.id);
    const random = mulberry32(42);
    const pick = () => sample[Math.floor(random() * sample.length)]!;
    const items = (b: Record<string, unknown>) => (Array.isArray(b.items) ? b.items.length : null);
    const events = (b: Record<string, unknown>) => (Array.isArray(b.events) ? b.events.length : null);
    const endpoints: Endpoint[] = [
      {
        key: 'inbox-cw',
        label: 'GET /inbox',
        as: 'cw.palu',
        path: () => '/api/v1/inbox',
        rows: items,
        plan: 'inbox-cw',
      },
      {
        key: 'inbox-spv',
        label: 'GET /inbox',
        as: 'spv.palu',
        path: () => '/api/v1/inbox',
        rows: items,
        plan: 'inbox-spv',
      },
      {
        key: 'cases-open',
        label: 'GET /cases?status=OPEN',
        as: 'cw.palu',
        path: () => '/api/v1/cases?status=OPEN',
        rows: items,
        plan: 'cases-open',
      },
      {
        key: 'cases-overdue',
        label: 'GET /cases?overdue=true',
        as: 'cw.palu',
        path: () => '/api/v1/cases?overdue=true',
        rows: items,
        plan: 'cases-overdue',
      },
      {
        key: 'cases-high-screening',
        label: 'GET /cases?riskTier=HIGH&step=SCREENING',
        as: 'cw.palu',
        path: () => '/api/v1/cases?riskTier=HIGH&step=SCREENING',
        rows: items,
        plan: 'cases-high-screening',
      },
      // not in the issue's list: a combination no case has, the worst case of a filter the index order does not serve
      {
        key: 'cases-low-screening',
        label: 'GET /cases?riskTier=LOW&step=SCREENING (matches none)',
        as: 'cw.palu',
        path: () => '/api/v1/cases?riskTier=LOW&step=SCREENING',
        rows: items,
        plan: 'cases-low-screening',
      },
      {
        key: 'cases-mine',
        label: 'GET /cases?assignee=me',
        as: 'cw.palu',
        path: () => '/api/v1/cases?assignee=me',
        rows: items,
        plan: 'cases-mine',
      },
      {
        key: 'cases-open-deep',
        label: 'GET /cases?status=OPEN&offset=1000',
        as: 'cw.palu',
        path: () => '/api/v1/cases?status=OPEN&offset=1000',
        rows: items,
        plan: 'cases-open-deep',
      },
      {
        key: 'timeline',
        label: 'GET /cases/{id}/timeline',
        as: 'cw.palu',
        path: () => `/api/v1/cases/${pick()}/timeline`,
        rows: events,
        plan: 'timeline',
      },
      {
        key: 'timeline-verify',
        label: 'GET /cases/{id}/timeline?verify=true',
        as: 'cw.palu',
        path: () => `/api/v1/cases/${pick()}/timeline?verify=true`,
        rows: events,
        plan: 'timeline',
      },
      {
        key: 'escalations',
        label: 'GET /escalations',
        as: 'spv.palu',
        path: () => '/api/v1/escalations',
        rows: items,
        plan: 'escalations',
      },
      {
        key: 'case',
        label: 'baseline: GET /cases/{id}',
        as: 'cw.palu',
        path: () => `/api/v1/cases/${pick()}`,
        rows: () => 1,
        plan: 'case-by-id',
        baseline: true,
      },
      {
        key: 'health',
        label: 'GET /health (no database)',
        as: 'anonymous',
        path: () => '/health',
        rows: () => null,
        plan: null,
      },
    ];

    let chainChecks = 0;
    let chainValid = 0;
    const call = async (e: Endpoint): Promise<{ ms: number; rows: number | null }> => {
      const path = e.path();
      const token = tokens[e.as];
      const t = performance.now();
      const res = await fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const text = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${e.label} as ${e.as}: ${res.status} ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as Record<string, unknown>;
      const verification = body.verification as { valid?: boolean } | undefined;
      if (verification) {
        chainChecks += 1;
        if (verification.valid) chainValid += 1;
      }
      return { ms, rows: e.rows(body) };
    };

    // warm-up: JIT, the API's pool, PostgreSQL's caches
    for (let i = 0; i < WARMUP; i += 1) for (const e of endpoints) await call(e);
    chainChecks = 0;
    chainValid = 0;
    // Round robin, one request of each endpoint in turn, so drift on a shared machine falls on all of them alike.
    const ms = new Map<string, number[]>(endpoints.map((e) => [e.key, []]));
    const rows = new Map<string, number[]>(endpoints.map((e) => [e.key, []]));
    const tMeasure = performance.now();
    for (let i = 0; i < REQUESTS; i += 1) {
      for (const e of endpoints) {
        const r = await call(e);
        ms.get(e.key)!.push(r.ms);
        if (r.rows !== null) rows.get(e.key)!.push(r.rows);
      }
      if ((i + 1) % 50 === 0) log(`measured ${i + 1}/${REQUESTS} rounds`);
    }
    const measureSeconds = round((performance.now() - tMeasure) / 1000);

    // the plans, with the parameters of the HTTP calls above
    const now = new Date();
    const page = { limit: 50, offset: 0 };
    // the longest timeline of the sample: the plan is the same for all, its cost grows with the events read
    const longest = await db.query<{ id: string; n: number }>(
      `SELECT id, last_event_seq AS n FROM cases WHERE id = ANY($1::uuid[]) ORDER BY last_event_seq DESC LIMIT 1`,
      [sample],
    );
    const timelineCase = longest.rows[0]!.id;
    const planInputs: { key: string; label: string; sql: Sql }[] = [
      {
        key: 'inbox-cw',
        label: 'inbox of cw.palu',
        sql: inboxSql({ userId: cw.id, officeId: sulteng, role: 'CASEWORKER' }, page.limit, page.offset),
      },
      {
        key: 'inbox-spv',
        label: 'inbox of spv.palu',
        sql: inboxSql({ userId: spv.id, officeId: sulteng, role: 'SUPERVISOR' }, page.limit, page.offset),
      },
      {
        key: 'cases-open',
        label: 'cases, status=OPEN',
        sql: listCasesSql({ officeId: sulteng, status: 'OPEN', ...page }, now),
      },
      {
        key: 'cases-overdue',
        label: 'cases, overdue=true',
        sql: listCasesSql({ officeId: sulteng, overdue: true, ...page }, now),
      },
      {
        key: 'cases-high-screening',
        label: 'cases, riskTier=HIGH&step=SCREENING',
        sql: listCasesSql({ officeId: sulteng, riskTier: 'HIGH', step: 'SCREENING', ...page }, now),
      },
      {
        key: 'cases-low-screening',
        label: 'cases, riskTier=LOW&step=SCREENING (matches none)',
        sql: listCasesSql({ officeId: sulteng, riskTier: 'LOW', step: 'SCREENING', ...page }, now),
      },
      {
        key: 'cases-mine',
        label: 'cases, assignee=me (cw.palu)',
        sql: listCasesSql({ officeId: sulteng, assigneeId: cw.id, ...page }, now),
      },
      {
        key: 'cases-open-deep',
        label: 'cases, status=OPEN&offset=1000',
        sql: listCasesSql({ officeId: sulteng, status: 'OPEN', limit: 50, offset: 1000 }, now),
      },
      {
        key: 'timeline',
        label: `timeline of the longest sampled Palu case (${longest.rows[0]!.n} events)`,
        sql: timelineSql(timelineCase),
      },
      {
        key: 'escalations',
        label: 'escalations of Palu, status=OPEN',
        sql: escalationsSql({ officeId: sulteng, status: 'OPEN', ...page }),
      },
      // what the timeline and every by-id read start with (GET /cases/{id} loads the same row through TypeORM, with the
      // person)
      { key: 'case-by-id', label: 'one case by id', sql: caseSql(timelineCase) },
    ];
    const plans: PlanReport[] = [];
    for (const p of planInputs) plans.push(await explain(db, p.key, p.label, p.sql));
    const planOf = new Map(plans.map((p) => [p.key, p]));

    const baseline = stats(ms.get('case')!);
    const results = endpoints.map((e) => {
      const s = stats(ms.get(e.key)!);
      const r = rows.get(e.key)!;
      const plan = e.plan ? (planOf.get(e.plan) ?? null) : null;
      return {
        key: e.key,
        endpoint: e.label,
        as: e.as,
        ...s,
        p95OverBaselineP95: round(s.p95 / baseline.p95),
        rowsPerAnswer: r.length ? round(r.reduce((a, b) => a + b, 0) / r.length) : null,
        indexes: plan?.indexes ?? [],
        seqScans: plan?.seqScans ?? [],
        bigSort: plan?.bigSort ?? false,
      };
    });
    const pgVersion = (await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const sharedBuffers = (await db.query<{ v: string }>(`SELECT current_setting('shared_buffers') AS v`)).rows[0]!.v;
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
        memoryGb: round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: pgVersion,
        sharedBuffers,
      },
      settings: {
        cases: CASES,
        events: EVENTS,
        requestsPerEndpoint: REQUESTS,
        warmupPerEndpoint: WARMUP,
        clients: 1,
        order: 'round robin over the endpoints',
      },
      seeding: { ...seeding, counts },
      measureSeconds,
      timelineChain: { checked: chainChecks, valid: chainValid },
      baseline: { endpoint: 'GET /api/v1/cases/{id}', ...baseline },
      endpoints: results,
      plans,
      totalSecondsUntilResults: round((performance.now() - started) / 1000),
    };
    writeResults(result, results, plans, counts, seeding);
    process.stdout.write(
      `${JSON.stringify({ seeding: result.seeding, measureSeconds, timelineChain: result.timelineChain, endpoints: results }, null, 2)}\n`,
    );
  } finally {
    await db?.end().catch(() => undefined);
    if (api) await stopProcess(api, 'SIGTERM', 15000);
    await temporal?.stop();
    await pg?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
    log(`total ${round((performance.now() - started) / 1000)} s`);
  }
}

async function seededCounts(db: Client, office: string, cwId: string, spvId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM cases) AS cases,
            (SELECT count(*) FROM persons) AS persons,
            (SELECT count(*) FROM case_events) AS case_events,
            (SELECT count(*) FROM tasks) AS tasks,
            (SELECT count(*) FROM tasks WHERE status = 'OPEN') AS open_tasks,
            (SELECT count(*) FROM escalations) AS escalations,
            (SELECT count(*) FROM escalations WHERE status = 'OPEN') AS open_escalations,
            (SELECT max(last_event_seq) FROM cases) AS max_events_per_case,
            (SELECT count(*) FROM cases WHERE office_id = $1) AS palu_cases,
            (SELECT count(*) FROM cases WHERE office_id = $1 AND status = 'OPEN') AS palu_open_cases,
            (SELECT count(*) FROM cases WHERE office_id = $1 AND status = 'OPEN' AND due_at < now())
              AS palu_overdue_cases,
            (SELECT count(*) FROM cases WHERE office_id = $1 AND risk_tier = 'HIGH' AND current_step = 'SCREENING')
              AS palu_high_screening_cases,
            (SELECT count(*) FROM cases WHERE office_id = $1 AND assignee_id = $2) AS cw_palu_cases,
            (SELECT count(*) FROM tasks WHERE status = 'OPEN' AND assignee_id = $2) AS cw_palu_open_tasks,
            (SELECT count(*) FROM tasks WHERE status = 'OPEN' AND assignee_id = $3) AS spv_palu_open_tasks,
            (SELECT count(*) FROM tasks
              WHERE status = 'OPEN' AND assignee_id IS NULL AND office_id = $1 AND role = 'CASEWORKER')
              AS palu_unassigned_caseworker_tasks,
            (SELECT count(*) FROM tasks
              WHERE status = 'OPEN' AND assignee_id IS NULL AND office_id = $1 AND role = 'SUPERVISOR')
              AS palu_unassigned_supervisor_tasks,
            (SELECT count(*) FROM escalations WHERE office_id = $1 AND status = 'OPEN') AS palu_open_escalations,
            (SELECT pg_total_relation_size('case_events')) AS case_events_bytes,
            (SELECT pg_total_relation_size('cases')) AS cases_bytes,
            (SELECT pg_total_relation_size('tasks')) AS tasks_bytes`,
    [office, cwId, spvId],
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

type Row = {
  key: string;
  endpoint: string;
  as: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  p95OverBaselineP95: number;
  rowsPerAnswer: number | null;
  indexes: string[];
  seqScans: string[];
  bigSort: boolean;
};

function writeResults(
  result: {
    date: string;
    machine: Record<string, unknown>;
    measureSeconds: number;
    timelineChain: { checked: number; valid: number };
  } & Record<string, unknown>,
  rows: Row[],
  plans: PlanReport[],
  counts: Record<string, number>,
  seeding: SeedReport,
): void {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'read-model.json'), `${JSON.stringify(result, null, 2)}\n`);
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const flags = (r: Row) =>
    [...r.seqScans.map((t) => `**Seq Scan on ${t}**`), ...(r.bigSort ? ['**big sort**'] : [])].join(', ');
  const table = rows.map(
    (r) =>
      `| ${r.endpoint} | ${r.as} | ${r.rowsPerAnswer ?? ''} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.p95OverBaselineP95}× | ${[r.indexes.map((i) => `\`${i}\``).join(', ') || '—', flags(r)].filter(Boolean).join('; ')} |`,
  );
  const planBlocks = plans.flatMap((p) => [
    `<details><summary><b>${p.label}</b>: ${p.indexes.map((i) => `<code>${i}</code>`).join(', ') || 'no index'}${p.seqScans.length ? `, <b>Seq Scan on ${p.seqScans.join(', ')}</b>` : ''}${p.sorts.length ? `, ${p.sorts.map((s) => `${s.node} (${s.method ?? '?'}, ${s.inputRows ?? '?'} rows in)`).join(', ')}` : ''}; ${p.executionMs} ms</summary>`,
    '',
    '```sql',
    p.sql,
    '```',
    '',
    `Parameters: \`${JSON.stringify(p.params)}\``,
    '',
    '```',
    p.text,
    '```',
    '',
    '</details>',
    '',
  ]);
  const m = result.machine as { cpus: number; node: string; postgres: string; sharedBuffers: string };
  writeFileSync(
    join(dir, 'read-model.md'),
    [
      `# Read-model lists (${result.date.slice(0, 10)}, ${counts.cases} cases, ${counts.case_events} events, ` +
        `${m.cpus} CPUs, Node ${m.node}, PostgreSQL ${m.postgres})`,
      '',
      `Over real HTTP through the built API, one client, sequentially: ${REQUESTS} requests per endpoint after ${WARMUP} of warm-up, taken round robin ` +
        `(one request of each endpoint in turn). The baseline is \`GET /api/v1/cases/{id}\` for random Palu cases, the same auth and HTTP path ` +
        `with a primary-key read. Embedded PostgreSQL with its defaults (shared_buffers ${m.sharedBuffers}), fsync on. Times in ms.`,
      '',
      '| endpoint | as | rows per answer | p50 | p95 | p99 | max | p95 ÷ baseline p95 | index used |',
      '|---|---|---|---|---|---|---|---|---|',
      ...table,
      '',
      `Timelines: every \`?verify=true\` answer recomputed the sha256 chain; ${result.timelineChain.valid} of ${result.timelineChain.checked} found it valid.`,
      '',
      '## Data',
      '',
      `Seeded in **${seeding.seconds} s** (${Object.entries(seeding.phases)
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ')}), with \`INSERT … SELECT\` from \`generate_series\`.`,
      '',
      `- ${counts.cases} cases (60 % BP3MI Sulawesi Tengah, 25 % Sulawesi Selatan, 15 % NTB), ≈80 % open, one person each; ` +
        `${counts.case_events} events (${mb(counts.case_events_bytes)} with indexes), 1 to ${counts.max_events_per_case} per case, growing with the step reached, each hashed on the previous one; ` +
        `${counts.tasks} tasks (${counts.open_tasks} open), ${counts.escalations} escalations (${counts.open_escalations} open).`,
      `- Palu: ${counts.palu_cases} cases, ${counts.palu_open_cases} open, ${counts.palu_overdue_cases} overdue, ${counts.palu_high_screening_cases} HIGH in SCREENING ` +
        `(the tier comes from screening, so only a change of tier gives one earlier); cw.palu holds ${counts.cw_palu_cases} cases and ${counts.cw_palu_open_tasks} open tasks, ` +
        `spv.palu ${counts.spv_palu_open_tasks}; unassigned open tasks: ${counts.palu_unassigned_caseworker_tasks} for caseworkers, ${counts.palu_unassigned_supervisor_tasks} for supervisors; ` +
        `${counts.palu_open_escalations} open escalations.`,
      '- Deadlines from 10 days ago to 30 days ahead (none while monitoring or once closed), `sla_state` to match; then `VACUUM (ANALYZE)` and a checkpoint.',
      '',
      '## Plans',
      '',
      "Each list's SQL exactly as the repositories build it (`src/cases/case.repository.ts`, `task.repository.ts`, `case-event.repository.ts`, `src/escalations/escalation.repository.ts`), with the parameters of the HTTP calls, under `EXPLAIN (ANALYZE, BUFFERS)`, after the measurement (warm caches).",
      '',
      ...planBlocks,
    ].join('\n'),
  );
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// Everything is stopped by now; exit rather than wait out the grace timers stopProcess leaves behind (up to 20 s).
main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
