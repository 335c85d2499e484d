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
import { runMigrations } from '../src/database/migrate';
import { DEMO_OFFICES, seedDemoData } from '../src/database/seed';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/infra/postgres';
import { freePort, startProcess, stopProcess, waitUntil, type Managed } from '../scripts/infra/processes';
import { startTemporalDevServer, type DevServer } from '../scripts/infra/temporal';
import { seedReadModel, user, type SeedReport } from './support/read-model-data';
import { mulberry32 } from './support/stack';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const ROOT = resolve(__dirname, '..', '..');
const DB = 'rujukan_bench';
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

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
    const seeding = await seedReadModel(db, { cases: CASES, events: EVENTS });
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
