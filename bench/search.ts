// `npm run bench:search`: GET /api/v1/cases?q= over BENCH_PERSONS returnees (100k by default; names drawn from a
// list of real Indonesian given and family names), 20 concurrent searches, against GET /cases/{id} at the same
// concurrency in the same run, over real HTTP through the built API (token, office scope, audit entry, SQL, JSON).
// The rounds alternate (search, by id, search, by id) so drift on a shared machine falls on both sides. Each kind of
// query (full name, misspelt name, family name alone, a common given name, NIK, passport, phone, case number) is
// reported on its own, and the search SQL of each kind runs under EXPLAIN ANALYZE to show the indexes it uses.
// Results: bench/results/search.json and .md.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { searchCasesSql } from '../src/cases/case.repository';
import { searchKeys } from '../src/cases/person-rules';
import { DEMO_OFFICES } from '../src/database/seed';
import { DEFAULT_SLA_POLICY } from '../workflows/definition';
import {
  log,
  mulberry32,
  pool,
  ratio,
  runBench,
  startBenchStack,
  stats,
  writeResults,
  type Stats,
} from './support/stack';
import { FAMILY_NAMES, GIVEN_NAMES } from './support/indonesian-names';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = 2;
const BATCH = 2000;

// seeded, so that two runs seed the same people and ask the same questions
const rand = mulberry32(20261206);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

type Seeded = {
  caseId: string;
  caseNumber: string;
  fullName: string;
  family: string | null;
  given: string;
  nationalId: string | null;
  phone: string | null;
  passport: string | null;
};

// 60 % of the returnees in Palu (the office searched from), 25 % in Makassar, 15 % in Mataram.
function officeOf(i: number): { id: string; code: string } {
  const k = i % 20;
  return k < 12 ? DEMO_OFFICES.sulteng : k < 17 ? DEMO_OFFICES.sulsel : DEMO_OFFICES.ntb;
}

async function seed(db: Client): Promise<Seeded[]> {
  const palu: Seeded[] = [];
  const t0 = performance.now();
  for (let from = 0; from < PERSONS; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, PERSONS - from) }, (_, k) => {
      const i = from + k + 1;
      const given = rand() < 0.3 ? `${pick(GIVEN_NAMES)} ${pick(GIVEN_NAMES)}` : pick(GIVEN_NAMES);
      // about one in ten has a single name, as many Indonesians do
      const family = rand() < 0.9 ? pick(FAMILY_NAMES) : null;
      const fullName = family ? `${given} ${family}` : given;
      const office = officeOf(i);
      const person = {
        personId: randomUUID(),
        caseId: randomUUID(),
        caseNumber: `${office.code}-2026-${String(i).padStart(6, '0')}`,
        officeId: office.id,
        fullName,
        given,
        family,
        nationalId: rand() < 0.8 ? `72${digits(14)}` : null,
        phone: rand() < 0.7 ? `+628${digits(10)}` : null,
        passport: rand() < 0.5 ? `${pick(['B', 'C', 'E', 'X'])}${digits(7)}` : null,
        // a name from the passport or a married name for some
        aliases: rand() < 0.1 ? `${fullName} binti ${pick(['Abdullah', 'Usman', 'Hamid', 'Ismail', 'Ahmad'])}` : '',
      };
      if (office.id === DEMO_OFFICES.sulteng.id && palu.length < 2000 && rand() < 0.05) {
        palu.push({
          caseId: person.caseId,
          caseNumber: person.caseNumber,
          fullName,
          family,
          given,
          nationalId: person.nationalId,
          phone: person.phone,
          passport: person.passport,
        });
      }
      return person;
    });
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await db.query(
      `INSERT INTO persons (id, full_name, sex, date_of_birth, national_id, phone, passport_number, aliases,
                            home_province, home_regency)
       SELECT id, full_name, 'F', date '1975-01-01' + (random() * 12000)::int, nik, phone, passport,
              CASE WHEN alias = '' THEN '{}'::text[] ELSE ARRAY[alias] END, 'Sulawesi Tengah', 'Kabupaten Donggala'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS t(id, full_name, nik, phone, passport, alias)`,
      [col('personId'), col('fullName'), col('nationalId'), col('phone'), col('passport'), col('aliases')],
    );
    await db.query(
      `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step, sla_state,
                          due_at, arrival_point, arrived_at, from_country, policy_version)
       SELECT id, case_number, 'case-' || id, office_id, person_id, 'DEPORTEE', 'OPEN', 'SCREENING', 'ON_TIME',
              now() + make_interval(secs => random() * 30 * 86400), 'Pelabuhan Pantoloan',
              now() - interval '1 day', 'MY', $5
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) AS t(id, case_number, office_id, person_id)`,
      [col('caseId'), col('caseNumber'), col('officeId'), col('personId'), DEFAULT_SLA_POLICY.version],
    );
    if ((from / BATCH) % 10 === 0) log(`seeded ${from + rows.length}/${PERSONS} persons and cases`);
  }
  await db.query(`SELECT setval('case_number_seq', $1)`, [PERSONS]);
  await db.query(`VACUUM (ANALYZE) persons, cases`);
  await db.query(`CHECKPOINT`);
  log(`seeded in ${Math.round((performance.now() - t0) / 1000)} s; ${palu.length} Palu returnees to search for`);
  return palu;
}

type Kind =
  'fullName' | 'misspelt' | 'familyName' | 'commonGivenName' | 'nationalId' | 'passport' | 'phone' | 'caseNumber';

// How often a caseworker types each kind of query (our guess: names mostly, identifiers when the papers are at hand).
const MIX: [Kind, number][] = [
  ['fullName', 25],
  ['misspelt', 15],
  ['familyName', 15],
  ['commonGivenName', 5],
  ['nationalId', 15],
  ['passport', 10],
  ['phone', 10],
  ['caseNumber', 5],
];

// One letter dropped from the longest word: "siti rahmawti" for "Siti Rahmawati".
function misspell(name: string): string {
  const words = name.toLowerCase().split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = 1 + Math.floor(rand() * (longest.length - 2));
  return words.map((w) => (w === longest ? w.slice(0, at) + w.slice(at + 1) : w)).join(' ');
}

function query(kind: Kind, p: Seeded): string | null {
  switch (kind) {
    case 'fullName':
      return p.fullName;
    case 'misspelt':
      return p.fullName.length >= 8 ? misspell(p.fullName) : null;
    case 'familyName':
      return p.family;
    case 'commonGivenName':
      return pick(['Siti', 'Nur', 'Dewi', 'Made', 'Wa Ode']);
    case 'nationalId':
      return p.nationalId;
    case 'passport':
      return p.passport;
    case 'phone':
      // as a caseworker types it from a form: local form with dashes
      return p.phone ? `0${p.phone.slice(3, 6)}-${p.phone.slice(6, 10)}-${p.phone.slice(10)}` : null;
    case 'caseNumber':
      return p.caseNumber.toLowerCase();
  }
}

function drawQueries(palu: Seeded[], n: number): { kind: Kind; q: string; caseId: string }[] {
  const total = MIX.reduce((a, [, w]) => a + w, 0);
  const out: { kind: Kind; q: string; caseId: string }[] = [];
  while (out.length < n) {
    let r = rand() * total;
    const kind = MIX.find(([, w]) => (r -= w) < 0)![0];
    const p = pick(palu);
    const q = query(kind, p);
    if (q) out.push({ kind, q, caseId: p.caseId });
  }
  return out;
}

type PlanSummary = {
  kind: Kind;
  query: string;
  executionMs: number;
  indexes: string[];
  seqScans: string[];
  rows: number;
};

type PlanNode = Record<string, unknown> & { 'Node Type': string; Plans?: PlanNode[] };

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

async function explain(db: Client, kind: Kind, q: string): Promise<PlanSummary> {
  const sql = searchCasesSql({ officeId: DEMO_OFFICES.sulteng.id, limit: 50, offset: 0 }, searchKeys(q), new Date());
  const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.params);
  const plan = (rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] })['QUERY PLAN'][0];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  walk(plan.Plan, (n) => {
    if (typeof n['Index Name'] === 'string') indexes.add(n['Index Name']);
    if (n['Node Type'] === 'Seq Scan') seqScans.add(String(n['Relation Name']));
  });
  return {
    kind,
    query: q,
    executionMs: Math.round(plan['Execution Time'] * 100) / 100,
    indexes: [...indexes].sort(),
    seqScans: [...seqScans].sort(),
    rows: Number(plan.Plan['Actual Rows']),
  };
}

runBench(async () => {
  const stack = await startBenchStack();
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const palu = await seed(db);
    const token = await stack.login('cw.palu');
    const queries = drawQueries(palu, REQUESTS * ROUNDS + 100);
    const ids = Array.from({ length: REQUESTS * ROUNDS + 100 }, () => pick(palu).caseId);

    const timed = async (path: string): Promise<{ ms: number; body: Record<string, unknown> }> => {
      const t = performance.now();
      const res = await stack.get(path, token);
      const ms = performance.now() - t;
      if (res.status !== 200)
        throw new Error(`${path.slice(0, 40)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return { ms, body: res.body };
    };

    // warm both paths (connections, plans, caches)
    await pool(100, CONCURRENCY, (i) => timed(`/api/v1/cases?q=${encodeURIComponent(queries[i]!.q)}`));
    await pool(100, CONCURRENCY, (i) => timed(`/api/v1/cases/${ids[i]}`));

    const search: number[] = [];
    const byKind: Record<string, number[]> = {};
    const found: Record<string, { asked: number; firstHit: number; inResults: number }> = {};
    const byId: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const base = 100 + round * REQUESTS;
      await pool(REQUESTS, CONCURRENCY, async (i) => {
        const { kind, q, caseId } = queries[base + i]!;
        const { ms, body } = await timed(`/api/v1/cases?q=${encodeURIComponent(q)}`);
        search.push(ms);
        (byKind[kind] ??= []).push(ms);
        const items = body.items as { id: string }[];
        const f = (found[kind] ??= { asked: 0, firstHit: 0, inResults: 0 });
        f.asked += 1;
        if (items[0]?.id === caseId) f.firstHit += 1;
        if (items.some((x) => x.id === caseId)) f.inResults += 1;
      });
      log(`round ${round + 1}: ${REQUESTS} searches`);
      await pool(REQUESTS, CONCURRENCY, async (i) => {
        byId.push((await timed(`/api/v1/cases/${ids[base + i]}`)).ms);
      });
      log(`round ${round + 1}: ${REQUESTS} reads by id`);
    }

    const plans: PlanSummary[] = [];
    for (const [kind] of MIX) {
      const sample = queries.find((x) => x.kind === kind);
      if (sample) plans.push(await explain(db, kind, sample.q));
    }
    const audited = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.search'`)).rows[0]
      .n as number;

    const s = stats(search);
    const b = stats(byId);
    const kinds = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)])) as Record<Kind, Stats>;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      persons: PERSONS,
      paluPersons: Math.round(PERSONS * 0.6),
      concurrency: CONCURRENCY,
      requestsPerSide: REQUESTS * ROUNDS,
      search: s,
      byId: b,
      ratio: { p50: ratio(s.p50, b.p50), p95: ratio(s.p95, b.p95) },
      byKind: kinds,
      found,
      plans,
      searchAuditEntries: audited,
    };
    const md = [
      `# Search (${result.date.slice(0, 10)}, ${PERSONS} returnees, ${CONCURRENCY} concurrent clients, ` +
        `${cpus().length} CPUs, embedded stack)`,
      '',
      `GET /api/v1/cases?q= as a caseworker of Palu (${result.paluPersons} of the returnees are in that office), ` +
        `against GET /api/v1/cases/{id} in the same run, ${REQUESTS * ROUNDS} requests each, alternating rounds. ` +
        'Times in ms, over HTTP through the built API.',
      '',
      '| requests | n | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      `| search (mixed queries) | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`,
      `| baseline: GET /cases/{id} | ${b.n} | ${b.p50} | ${b.p95} | ${b.p99} | ${b.max} |`,
      '',
      `Search ÷ by id: p50 **${result.ratio.p50}×**, p95 **${result.ratio.p95}×**.`,
      '',
      '| query kind | n | p50 | p95 | sought case first | sought case on page 1 |',
      '|---|---|---|---|---|---|',
      ...MIX.map(([k]) => {
        const st = kinds[k];
        const f = found[k];
        return st && f
          ? `| ${k} | ${st.n} | ${st.p50} | ${st.p95} | ${f.firstHit}/${f.asked} | ${f.inResults}/${f.asked} |`
          : `| ${k} | 0 | | | | |`;
      }),
      '',
      'A common given name ("Siti", "Made") names thousands of returnees: the sought one is rarely on the first ' +
        'page, by design; the caseworker adds the family name.',
      '',
      '| query kind | example | SQL ms | indexes | sequential scans |',
      '|---|---|---|---|---|',
      ...plans.map(
        (p) =>
          `| ${p.kind} | (synthetic) | ${p.executionMs} | ${p.indexes.join(', ')} | ${p.seqScans.join(', ') || 'none'} |`,
      ),
      '',
      `Audit entries written for searches: ${audited} (one per search, the query as an HMAC).`,
    ];
    writeResults('search', result, md);
  } finally {
    await db.end();
    await stack.stop();
  }
});
