// The KPI reports over HTTP on a seeded month (test/support/report-seed.ts): every figure against the one worked out
// by hand from the seed, the CSV, the XLSX (read back with exceljs) and the PDF (read back with poppler's pdftotext)
// carrying the same numbers, who may see which office, and every malformed query a 400 that names its field.
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { DEMO_OFFICES } from '../../src/database/seed';
import { COLUMNS, FIGURES, REPORTS } from '../../src/reports/report-definitions';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import {
  expectedByAgency,
  expectedFigures,
  insertPlan,
  seedPlan,
  SEED_MONTH,
  type Expected,
  type SeedCase,
} from '../support/report-seed';

type Answer = {
  report: string;
  officeId: string | null;
  from: string;
  to: string;
  timeZone: string;
  figures: { key: string; value: number | null; unit: string }[];
  tables: { key: string; columns: { key: string; unit: string }[]; rows: (string | number | null)[][] }[];
};

const PALU = DEMO_OFFICES.sulteng.id;
const MAKASSAR = DEMO_OFFICES.sulsel.id;

describe('KPI reports over HTTP', () => {
  let sut: E2eStack;
  let plan: SeedCase[];
  let head: Record<string, string>;
  let admin: Record<string, string>;
  const month = `period=month&month=${SEED_MONTH}`;

  beforeAll(async () => {
    sut = await startE2eStack();
    plan = seedPlan();
    await insertPlan(sut.db, plan);
    head = sut.as(await sut.login('head.palu'));
    admin = sut.as(await sut.login('admin'));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  async function report(name: string, query: string, as: Record<string, string>): Promise<Answer> {
    const res = await sut.http<Answer>('GET', `/api/v1/reports/${name}?${query}`, undefined, as);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function figuresOf(query: string, as: Record<string, string>): Promise<Expected> {
    const out: Expected = {};
    for (const name of REPORTS) {
      for (const f of (await report(name, query, as)).figures) out[f.key] = f.value;
    }
    return out;
  }

  async function download(
    path: string,
    as: Record<string, string>,
  ): Promise<{ status: number; type: string; bytes: Buffer }> {
    const res = await fetch(`${sut.baseUrl}${path}`, { headers: as });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  it('should give the head of Palu the figures of the seeded month that the seed gives by hand', async () => {
    const expected = expectedFigures(plan, PALU);
    // a month with something in every figure, or the test would prove little
    for (const key of [
      'registered',
      'closed',
      'referralsDeclined',
      'followUpsRecorded',
      'escalationsLevel2',
      'unreachable',
    ]) {
      expect(expected[key]).toBeGreaterThan(0);
    }
    const got = await figuresOf(month, head);
    expect(Object.keys(got).sort()).toEqual(Object.keys(FIGURES).sort());
    for (const [key, value] of Object.entries(expected)) {
      // percentiles interpolate in float8 there and in doubles here: a rounding may land a tenth apart
      if (value === null) expect({ key, value: got[key] }).toEqual({ key, value: null });
      else expect({ key, off: Math.abs((got[key] ?? NaN) - value) <= 0.1 }).toEqual({ key, off: true });
    }
    const answer = await report('caseload', month, head);
    expect(answer).toMatchObject({ officeId: PALU, from: '2026-10-01', to: '2026-10-31', timeZone: 'Asia/Makassar' });
    // the edge: 00:10 on 1 October WITA counts, 23:30 on 30 September does not
    expect(got.registered).toBe(37);
  });

  it('should give the admin the country, in WIB, and any office; the head of Palu no other office', async () => {
    const national = await report('referrals', month, admin);
    expect(national).toMatchObject({ officeId: null, timeZone: 'Asia/Jakarta', from: '2026-10-01' });
    const makassar = await figuresOf(`${month}&officeId=${MAKASSAR}`, admin);
    expect(makassar.registered).toBe(expectedFigures(plan, MAKASSAR).registered);
    const other = await sut.http('GET', `/api/v1/reports/caseload?${month}&officeId=${MAKASSAR}`, undefined, head);
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('OFFICE_FORBIDDEN');
    const cw = await sut.http('GET', `/api/v1/reports/caseload?${month}`);
    expect(cw.status).toBe(403);
    // who read a report is kept
    const audit = await sut.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.read'`);
    expect(audit.rows[0].n).toBeGreaterThan(0);
  });

  it('should put the same referrals per agency in the answer, the CSV and the XLSX', async () => {
    const expected = expectedByAgency(plan, PALU);
    expect(expected.length).toBeGreaterThan(1);
    const answer = await report('referrals', month, head);
    expect(answer.tables.find((t) => t.key === 'byAgency')!.rows).toEqual(expected);

    const csv = await download(`/api/v1/reports/referrals?${month}&format=csv&table=byAgency`, head);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      ['agency', 'sent', 'acknowledged', 'accepted', 'declined', 'completed', 'revoked']
        .map((k) => COLUMNS[k as keyof typeof COLUMNS].id.label)
        .join(','),
    );
    expect(lines.slice(1)).toEqual(expected.map((row) => row.join(',')));

    const xlsx = await download(`/api/v1/reports/referrals?${month}&format=xlsx`, head);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Rujukan per lembaga mitra')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, i) => {
      if (i > 4) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toEqual(expected);
    // the period as a head would write it under a table's title
    expect(sheet.getRow(2).getCell(1).value).toBe('BP3MI Sulawesi Tengah, 1 Oktober 2026 s.d. 31 Oktober 2026 (WITA)');
    // the summary sheet: every figure of the report, by its Indonesian label
    const summary = book.getWorksheet('Ringkasan')!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row, i) => {
      if (i > 4) figures.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    const all = expectedFigures(plan, PALU);
    expect(figures.get(FIGURES.referralsSent.id.label)).toBe(all.referralsSent);
    expect(figures.get(FIGURES.referralsDeclined.id.label)).toBe(all.referralsDeclined);
  });

  it('should put the figures of the API in the CSV of figures and in the PDF the head sends on', async () => {
    const got = await figuresOf(month, head);
    const csv = await download(`/api/v1/reports/sla?${month}&format=csv`, head);
    const csvLines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csvLines).toContain(`${FIGURES.escalationsLevel1.id.label},${got.escalationsLevel1},jumlah`);
    expect(csvLines).toContain(`${FIGURES.stepBreachRate.id.label},${got.stepBreachRate},%`);

    const pdf = await download(`/api/v1/reports/pdf/office?${month}`, head);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.bytes }).toString('utf8');
    expect(text).toContain('LAPORAN KINERJA PELINDUNGAN PEKERJA MIGRAN INDONESIA');
    expect(text).toContain('Periode Oktober 2026');
    expect(text).toContain('BP3MI Sulawesi Tengah');
    const inWords = (v: number | null) => (v === null ? '-' : v.toLocaleString('id-ID', { maximumFractionDigits: 1 }));
    for (const [key, value] of Object.entries(got)) {
      const label = FIGURES[key as keyof typeof FIGURES].id.label;
      const line = text.split('\n').find((l) => l.includes(`${label} `) || l.trimEnd().endsWith(label));
      expect({ key, line: line?.replace(/\s+/g, ' ').trim() }).toEqual({
        key,
        line: expect.stringMatching(new RegExp(`: ?${inWords(value).replace('.', '\\.')}( (jam|%))?$`)),
      });
    }
  });

  it('should answer 400 naming the field for every malformed query, and change nothing', async () => {
    const bad: [string, string][] = [
      ['period=week', 'period'],
      ['period=month&month=2026-13', 'month'],
      ['period=month&month=November', 'month'],
      ['period=quarter&quarter=2026-Q5', 'quarter'],
      ['period=year&year=26', 'year'],
      ['period=custom&from=2026-02-30&to=2026-03-01', 'from'],
      ['period=custom&from=2026-03-10&to=2026-03-01', 'from'],
      ['period=custom&from=2024-01-01&to=2026-01-02', 'to'],
      ['period=custom&to=2026-01-02', 'from'],
      ['period=month&year=2026', 'year'],
      ['officeId=not-a-uuid', 'officeId'],
      ['category=TOURIST', 'category'],
      ['format=pdf', 'format'],
      ['format=csv&table=nothing', 'table'],
    ];
    const before = await sut.db.query(`SELECT count(*)::int AS n FROM cases`);
    for (const [query, field] of bad) {
      const res = await sut.http('GET', `/api/v1/reports/caseload?${query}`, undefined, head);
      expect({ query, status: res.status, error: res.body.error, field: res.body.details?.[0]?.field }).toEqual({
        query,
        status: 400,
        error: 'INVALID_QUERY',
        field,
      });
    }
    const unknownOffice = await sut.http(
      'GET',
      `/api/v1/reports/caseload?officeId=00000000-0000-4000-8000-000000000000`,
      undefined,
      admin,
    );
    expect(unknownOffice.status).toBe(400);
    expect((await sut.http('GET', '/api/v1/reports/nothing', undefined, head)).status).toBe(404);
    expect((await sut.http('GET', '/api/v1/reports/pdf/office', undefined, admin)).status).toBe(400);
    // a custom range of exactly two years is accepted, and a category narrows the figures
    const two = await sut.http(
      'GET',
      '/api/v1/reports/caseload?period=custom&from=2025-01-01&to=2026-12-31',
      undefined,
      head,
    );
    expect(two.status).toBe(200);
    const tppo = await figuresOf(`${month}&category=TPPO_VICTIM`, head);
    expect(tppo.registered).toBe(
      plan
        .filter((c) => c.officeId === PALU && c.category === 'TPPO_VICTIM')
        .filter((c) => {
          const at = c.createdAt;
          return at >= Date.parse('2026-09-30T16:00:00Z') && at < Date.parse('2026-10-31T16:00:00Z');
        }).length,
    );
    expect((await sut.db.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n).toBe(before.rows[0].n);
  });
});
