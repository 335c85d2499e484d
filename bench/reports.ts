// `npm run bench:reports`: every KPI dashboard (src/reports/) at the size the issue names (100k cases, 1M events),
// over real HTTP through the built API as the head of Palu (an office, a month and a year, and a year of one category)
// and as an admin (the country, a month and a year: the most a report reads), one client, round robin, against
// GET /cases/{id} in the same run. Then each report query's
// exact SQL (reportSql) under EXPLAIN (ANALYZE, BUFFERS). The read-model seeder (bench/support/read-model-data.ts)
// lays the cases and timelines; this adds what the reports read beyond them: referrals with their partners' answers,
// screenings, follow-ups, and the kind of each breach. Results: bench/results/reports.json, .md and reports-plans.md
// (with the load average before and after: the machine may be shared).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEMO_OFFICES } from '../src/database/seed';
import { REPORT_SQL, reportSql, type ReportQuery, type ReportScope } from '../src/reports/report.repository';
import { REPORTS } from '../src/reports/report-definitions';
import { seedReadModel } from './support/read-model-data';
import { log, mulberry32, ROOT, runBench, startBenchStack, stats, writeResults } from './support/stack';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const round = (x: number) => Math.round(x * 100) / 100;

// What the reports read that the read-model seeder does not write: a referral for a third of the cases with a
// partner's answers as events, screenings and follow-ups recorded, and the clock kind of every breach.
export async function addReportData(db: Client): Promise<void> {
  await db.query(`
    INSERT INTO referrals (id, case_id, agency_id, services, legal_basis, status, reason, sent_at, version)
    SELECT gen_random_uuid(), c.id, a.id, a.services, 'CONSENT',
           (ARRAY['SENT','ACKNOWLEDGED','ACCEPTED','DECLINED','COMPLETED','REVOKED'])[1 + abs(hashtext(c.id::text || 's')) % 6],
           CASE WHEN abs(hashtext(c.id::text || 's')) % 6 = 3 THEN 'Kapasitas penuh' END,
           c.created_at + interval '1 day', 1
      FROM cases c
      CROSS JOIN LATERAL (SELECT id, services FROM partner_agencies
                           ORDER BY md5(c.id::text || id::text) LIMIT 1) a
     WHERE abs(hashtext(c.id::text)) % 3 = 0`);
  // the workflow tells the partner of its silence (src/reports: breachByAgency) for a fifth of the referrals sent;
  // every referral sent has its own sending notification beside it, as the workflow writes one
  await db.query(`
    INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id, occurred_at,
                                         created_at, updated_at)
    SELECT r.id::text || ':' || t.type, r.case_id, t.type, r.agency_id, 'DELIVERED',
           jsonb_build_object('referralId', r.id) || CASE WHEN t.type = 'referral.escalated' THEN '{"level":1}' ELSE '{}' END::jsonb,
           gen_random_uuid(), r.sent_at + t.after, r.sent_at + t.after, r.sent_at + t.after
      FROM referrals r
     CROSS JOIN LATERAL (VALUES ('referral.sent', interval '0'), ('referral.escalated', interval '3 days')) t(type, after)
     WHERE t.type = 'referral.sent' OR abs(hashtext(r.id::text)) % 5 = 0`);
  // escalations: a fifth are about a returnee who cannot be reached (the monitoring report counts them)
  await db.query(`UPDATE escalations SET kind = 'RETURNEE_UNREACHABLE' WHERE abs(hashtext(id::text)) % 5 = 0`);
  // case_events is append-only (a trigger refuses an UPDATE): this bench database's own session skips it
  await db.query(`SET session_replication_role = replica`);
  // a third of the breaches are of a follow-up's deadline, the rest of a step's
  await db.query(`
    UPDATE case_events SET data = data || jsonb_build_object('kind', CASE WHEN seq % 3 = 0 THEN 'FOLLOW_UP' ELSE 'STEP' END)
     WHERE type = 'sla.breached'`);
  await db.query(`UPDATE case_events SET type = 'screening.completed' WHERE type = 'consent.recorded'`);
  await db.query(`UPDATE case_events SET type = 'follow_up.recorded' WHERE type = 'rehabilitation.reviewed'`);
  // a follow-up attempt that failed: every fourth reminder
  await db.query(`UPDATE case_events SET type = 'follow_up.attempted' WHERE type = 'sla.reminder' AND seq % 4 = 0`);
  await db.query(`
    UPDATE case_events e SET type = CASE WHEN e.seq % 2 = 0 THEN 'referral.acknowledged'
                                         WHEN r.status = 'DECLINED' THEN 'referral.declined' ELSE 'referral.accepted' END,
                             data = jsonb_build_object('referralId', r.id)
      FROM referrals r WHERE r.case_id = e.case_id AND e.type = 'assessment.completed'`);
  await db.query(`SET session_replication_role = DEFAULT`);
  // the reports' copy of the events (report_events) was written by its trigger as the seeder inserted them; the
  // edits above went past the triggers, so it is laid again from the events as they are now
  await db.query(`TRUNCATE report_events`);
  await db.query(`INSERT INTO report_events SELECT * FROM report_event_source`);
  // as the seeder leaves its tables: statistics, the visibility map after the updates, then a checkpoint
  await db.query(`VACUUM (ANALYZE) case_events, referrals, notification_deliveries, escalations, report_events`);
  await db.query(`CHECKPOINT`);
}

type Answer = { figures: { key: string; value: number | null }[]; tables: { key: string; rows: unknown[][] }[] };

// A fast query over no rows proves nothing: every figure of Palu's month must be a real, non-zero number and every
// table must have rows, or the seed misses what a report reads. Returns the figures, for the results.
export function checkAnswer(report: string, answer: Answer): Record<string, number | null> {
  const figures = Object.fromEntries(answer.figures.map((f) => [f.key, f.value]));
  const empty = [
    ...answer.figures.filter((f) => !f.value).map((f) => `figure ${f.key} = ${f.value}`),
    ...answer.tables.filter((t) => t.rows.length === 0).map((t) => `table ${t.key} has no rows`),
  ];
  log(
    `${report}: ${JSON.stringify(figures)}; rows ${answer.tables.map((t) => `${t.key} ${t.rows.length}`).join(', ')}`,
  );
  if (empty.length > 0) throw new Error(`${report} for Palu's month computes nothing real: ${empty.join('; ')}`);
  return figures;
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  // one token per caller lasts the whole run
  const stack = await startBenchStack({ TOKEN_TTL_SECONDS: '7200' });
  const db = new Client({ connectionString: stack.databaseUrl });
  try {
    await db.connect();
    log(`seeding ${CASES} cases and ${EVENTS} events`);
    const seeding = await seedReadModel(db, { cases: CASES, events: EVENTS });
    await addReportData(db);
    log(`seeded in ${seeding.seconds} s`);
    const head = await stack.login('head.palu');
    const admin = await stack.login('admin');
    const cw = await stack.login('cw.palu');

    // the month with the most registrations of Palu: a busy month, as a head would open it
    const busiest = await db.query<{ month: string; year: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM') AS month,
              to_char(created_at AT TIME ZONE 'Asia/Makassar', 'YYYY') AS year
         FROM cases WHERE office_id = $1 GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      [DEMO_OFFICES.sulteng.id],
    );
    const { month, year } = busiest.rows[0]!;
    const sample = (
      await db.query<{ id: string }>(`SELECT id FROM cases WHERE office_id = $1 ORDER BY md5(id::text) LIMIT 1000`, [
        DEMO_OFFICES.sulteng.id,
      ])
    ).rows.map((r) => r.id);
    const figures: Record<string, Record<string, number | null>> = {};
    for (const r of REPORTS) {
      const res = await fetch(`${stack.baseUrl}/api/v1/reports/${r}?month=${month}`, {
        headers: { authorization: `Bearer ${head}` },
      });
      if (res.status !== 200) throw new Error(`${r}: ${res.status}`);
      figures[r] = checkAnswer(r, (await res.json()) as Answer);
    }
    const random = mulberry32(7);
    type Endpoint = { key: string; token: string; path: () => string };
    const endpoints: Endpoint[] = [
      ...REPORTS.flatMap((r) => [
        { key: `${r} (Palu, month)`, token: head, path: () => `/api/v1/reports/${r}?month=${month}` },
        { key: `${r} (Palu, year)`, token: head, path: () => `/api/v1/reports/${r}?period=year&year=${year}` },
        { key: `${r} (national, month)`, token: admin, path: () => `/api/v1/reports/${r}?month=${month}` },
        { key: `${r} (national, year)`, token: admin, path: () => `/api/v1/reports/${r}?period=year&year=${year}` },
      ]),
      {
        key: 'timeliness (Palu, year, deportees)',
        token: head,
        path: () => `/api/v1/reports/timeliness?period=year&year=${year}&category=DEPORTEE`,
      },
      {
        key: 'xlsx: referrals (Palu, month)',
        token: head,
        path: () => `/api/v1/reports/referrals?month=${month}&format=xlsx`,
      },
      { key: 'pdf: office report (Palu, month)', token: head, path: () => `/api/v1/reports/pdf/office?month=${month}` },
      {
        key: 'baseline: GET /cases/{id}',
        token: cw,
        path: () => `/api/v1/cases/${sample[Math.floor(random() * sample.length)]!}`,
      },
    ];
    const call = async (e: Endpoint): Promise<number> => {
      const t = performance.now();
      const res = await fetch(`${stack.baseUrl}${e.path()}`, { headers: { authorization: `Bearer ${e.token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${e.key}: ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < WARMUP; i += 1) for (const e of endpoints) await call(e);
    const ms = new Map<string, number[]>(endpoints.map((e) => [e.key, []]));
    for (let i = 0; i < REQUESTS; i += 1) {
      for (const e of endpoints) ms.get(e.key)!.push(await call(e));
      if ((i + 1) % 20 === 0) log(`measured ${i + 1}/${REQUESTS} rounds`);
    }
    const baseline = stats(ms.get('baseline: GET /cases/{id}')!).p95;
    const results = endpoints.map((e) => {
      const s = stats(ms.get(e.key)!);
      return { endpoint: e.key, p50: s.p50, p95: s.p95, max: s.max, p95OverBaselineP95: round(s.p95 / baseline) };
    });

    // the plans: each query of the reports for Palu's month and year and the country's month, with the parameters
    // the API sends (WITA midnights)
    const [y, mo] = month.split('-').map(Number) as [number, number];
    const wita = (yy: number, m: number) => new Date(Date.UTC(yy, m, 1) - 8 * 3600_000);
    const scopes: [string, ReportScope][] = [
      [
        `Palu, ${month}`,
        { officeId: DEMO_OFFICES.sulteng.id, start: wita(y, mo - 1), end: wita(y, mo), category: null },
      ],
      [`Palu, ${year}`, { officeId: DEMO_OFFICES.sulteng.id, start: wita(y, 0), end: wita(y + 1, 0), category: null }],
      [`national, ${month}`, { officeId: null, start: wita(y, mo - 1), end: wita(y, mo), category: null }],
      [`national, ${year}`, { officeId: null, start: wita(y, 0), end: wita(y + 1, 0), category: null }],
    ];
    const extra: Partial<Record<ReportQuery, unknown[]>> = {
      arrivalTo: ['screening.completed'],
      partnerTotals: [['referral.acknowledged']],
    };
    const plans: string[] = [];
    for (const [name, scope] of scopes) {
      plans.push(`## Plans (${name})\n`);
      for (const q of Object.keys(REPORT_SQL) as ReportQuery[]) {
        const sql = reportSql(q, scope, extra[q] ?? []);
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.params);
        plans.push(`### ${q} (${name})\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
      }
    }
    const machine = {
      cpus: cpus().length,
      memoryGb: round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore.map(round),
      loadAverageAfter: loadavg().map(round),
    };
    const result = {
      date: new Date().toISOString(),
      machine,
      cases: CASES,
      events: EVENTS,
      month,
      year,
      seeding,
      figures,
      results,
    };
    const table = [
      '| endpoint | p50 ms | p95 ms | max ms | p95 ÷ baseline p95 |',
      '|---|---|---|---|---|',
      ...results.map((r) => `| ${r.endpoint} | ${r.p50} | ${r.p95} | ${r.max} | ${r.p95OverBaselineP95} |`),
    ].join('\n');
    const intro =
      `# KPI reports: latency and plans\n\n${CASES} cases, ${EVENTS} events; Palu's busiest month ${month}; ` +
      `${REQUESTS} requests each, one client, round robin; load average before ${machine.loadAverageBefore.join(' ')}, ` +
      `after ${machine.loadAverageAfter.join(' ')} (${machine.cpus} cores).\n\n${table}\n`;
    writeResults('reports', result, [intro]);
    writeFileSync(join(ROOT, 'bench', 'results', 'reports-plans.md'), `${intro}\n${plans.join('\n')}`);
    process.stdout.write(`${table}\n`);
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

// a module too: the report data alone can be laid by another script
if (require.main === module) runBench(main);
