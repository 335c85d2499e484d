// The pure parts of the reports: the period a query names, the rounding of figures, the definitions every figure
// and column must have, and the CSV of the one answer shape.
import { COLUMNS, FIGURES, TABLES } from '../../src/reports/report-definitions';
import { reportCsv } from '../../src/reports/report-export';
import { parsePeriod, PeriodError, periodWords, type PeriodQuery } from '../../src/reports/report-period';
import { figure, rate, round1, table, type ReportAnswer } from '../../src/reports/report-shape';

const NOW = new Date('2026-12-06T20:00:00Z'); // 7 December in Jayapura, 6 December in Jakarta

function refused(q: PeriodQuery): { field: string } | 'accepted' {
  try {
    parsePeriod(q, 'Asia/Makassar', NOW);
    return 'accepted';
  } catch (e) {
    if (e instanceof PeriodError) return { field: e.field };
    throw e;
  }
}

describe('parsePeriod', () => {
  it('should give a month as its days in the office and the UTC instants of their midnights', () => {
    const sut = parsePeriod({ period: 'month', month: '2026-11' }, 'Asia/Makassar', NOW);
    expect(sut).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
    });
  });

  it('should count the same month from another midnight in WIB and WIT', () => {
    expect(parsePeriod({ month: '2026-02' }, 'Asia/Jakarta', NOW).start).toEqual(new Date('2026-01-31T17:00:00Z'));
    expect(parsePeriod({ month: '2026-02' }, 'Asia/Jayapura', NOW).end).toEqual(new Date('2026-02-28T15:00:00Z'));
  });

  it('should default to this month where the office is', () => {
    expect(parsePeriod({}, 'Asia/Jakarta', NOW).from).toBe('2026-12-01');
    expect(parsePeriod({ period: 'month' }, 'Asia/Jayapura', new Date('2026-11-30T16:00:00Z')).from).toBe('2026-12-01');
    expect(parsePeriod({ period: 'month' }, 'Asia/Jakarta', new Date('2026-11-30T16:00:00Z')).from).toBe('2026-11-01');
  });

  it('should give quarters, years, a leap February and custom ranges', () => {
    expect(parsePeriod({ period: 'quarter', quarter: '2026-Q4' }, 'Asia/Makassar', NOW)).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(parsePeriod({ period: 'year', year: '2028' }, 'Asia/Makassar', NOW)).toMatchObject({
      from: '2028-01-01',
      to: '2028-12-31',
    });
    expect(parsePeriod({ month: '2028-02' }, 'Asia/Makassar', NOW).to).toBe('2028-02-29');
    const custom = parsePeriod({ period: 'custom', from: '2026-11-15', to: '2026-11-15' }, 'Asia/Makassar', NOW);
    expect(custom.end.getTime() - custom.start.getTime()).toBe(24 * 3600 * 1000);
    expect(refused({ period: 'custom', from: '2025-01-01', to: '2026-12-31' })).toBe('accepted');
  });

  it('should refuse what names no period, naming the field', () => {
    expect(refused({ period: 'week' })).toEqual({ field: 'period' });
    expect(refused({ month: '2026-13' })).toEqual({ field: 'month' });
    expect(refused({ month: '2026-1' })).toEqual({ field: 'month' });
    expect(refused({ period: 'quarter', quarter: '2026-Q0' })).toEqual({ field: 'quarter' });
    expect(refused({ period: 'year', year: '1999' })).toEqual({ field: 'year' });
    expect(refused({ period: 'custom', from: '2026-02-29', to: '2026-03-01' })).toEqual({ field: 'from' });
    expect(refused({ period: 'custom', from: '2026-03-02', to: '2026-03-01' })).toEqual({ field: 'from' });
    expect(refused({ period: 'custom', from: '2026-03-01' })).toEqual({ field: 'to' });
    expect(refused({ period: 'custom', from: '2024-12-31', to: '2026-12-31' })).toEqual({ field: 'to' });
    expect(refused({ period: 'month', from: '2026-01-01' })).toEqual({ field: 'from' });
  });
});

describe('figures and tables', () => {
  it('should round hours and rates to one decimal and keep nothing-to-measure as null', () => {
    expect(round1(2.25)).toBe(2.3);
    expect(round1('7.04')).toBe(7);
    expect(round1(null)).toBeNull();
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
    expect(figure('registered', null)).toEqual({ key: 'registered', unit: 'count', value: 0 });
    expect(figure('partnerAckMedian', 1.26)).toEqual({ key: 'partnerAckMedian', unit: 'hours', value: 1.3 });
  });

  it('should have a label and a definition in both languages for every figure, column and table', () => {
    for (const def of [...Object.values(FIGURES), ...Object.values(COLUMNS), ...Object.values(TABLES)]) {
      for (const words of [def.id, def.en]) {
        expect(words.label.length).toBeGreaterThan(1);
        expect(words.definition).toMatch(/\.$/);
      }
      expect(def.id.label).not.toBe(def.en.label === def.id.label ? '' : def.en.label);
    }
    // a figure's definition says from when to when it counts
    for (const def of Object.values(FIGURES)) expect(def.id.definition).toMatch(/periode|atas/);
  });

  it('should write a table as CSV with Indonesian headers and codes in words', () => {
    const answer: ReportAnswer = {
      report: 'sla',
      officeId: null,
      officeName: null,
      period: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
      timeZone: 'Asia/Jakarta',
      category: null,
      generatedAt: NOW.toISOString(),
      figures: [figure('stepBreachRate', 12.34)],
      tables: [
        table(
          'breachByStep',
          ['step', 'started', 'breached', 'breachRate'],
          [
            { step: 'SCREENING', started: 4, breached: 1, breachRate: 25 },
            { step: 'REFERRAL', started: 0, breached: 0, breachRate: null },
          ],
        ),
        table('declineReasons', ['agency', 'reason', 'count'], [{ agency: 'UPTD "PPA"', reason: 'a, b', count: 2 }]),
      ],
    };
    expect(reportCsv(answer, 'breachByStep')).toBe(
      '\uFEFFTahap,Tahap dimulai,Lewat tenggat,Persentase lewat tenggat\r\n' +
        'Skrining dan penilaian risiko,4,1,25\r\nPersetujuan dan rujukan,0,0,\r\n',
    );
    expect(reportCsv(answer, 'declineReasons')).toContain('"UPTD ""PPA""","a, b",2');
    expect(reportCsv(answer)).toBe('\uFEFFUkuran,Nilai,Satuan\r\nTahap lewat tenggat,12.3,%\r\n');
  });

  it('should name the period in Indonesian', () => {
    const p = (q: PeriodQuery) => periodWords(parsePeriod(q, 'Asia/Makassar', NOW), 'Asia/Makassar');
    expect(p({ month: '2026-11' })).toBe('November 2026');
    expect(p({ period: 'quarter', quarter: '2026-Q4' })).toBe('Triwulan IV 2026');
    expect(p({ period: 'year', year: '2026' })).toBe('Tahun 2026');
    expect(p({ period: 'custom', from: '2026-10-01', to: '2026-11-15' })).toBe('1 Oktober 2026 s.d. 15 November 2026');
  });
});
