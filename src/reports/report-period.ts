// The period a report covers, from the query (period=month|quarter|year|custom and its one parameter), as calendar
// days where the office is and as the UTC instants [start, end) the SQL compares with. Pure: no framework imports.
import { utcOffsetOf, type OfficeTimeZone } from '../../workflows/definition/calendar';
import { localDate } from '../letters/letter-text';

export const PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIODS)[number];

export type PeriodQuery = {
  period?: string;
  month?: string;
  quarter?: string;
  year?: string;
  from?: string;
  to?: string;
};

// from and to are calendar days, both included; start and end the instants of from's midnight and of the midnight
// after `to` in the time zone
export type ReportPeriod = { kind: PeriodKind; from: string; to: string; start: Date; end: Date };

// A query parameter the period cannot be made of: the field, and what is wrong with it.
export class PeriodError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
// which parameter each kind of period takes; the others must be absent
const PARAMS: Record<PeriodKind, readonly (keyof PeriodQuery)[]> = {
  month: ['month'],
  quarter: ['quarter'],
  year: ['year'],
  custom: ['from', 'to'],
};

type Day = { y: number; m: number; d: number };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (day: Day) => `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
const utcDay = (day: Day) => Date.UTC(day.y, day.m - 1, day.d);
const fromUtc = (ms: number): Day => {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const lastOfMonth = (y: number, m: number): Day => fromUtc(Date.UTC(y, m, 0));

function year(value: string, field: string): number {
  const y = Number(value);
  if (!/^\d{4}$/.test(value) || y < 2000 || y > 2100) throw new PeriodError(field, 'must be a year from 2000 to 2100');
  return y;
}

// A real calendar date in the form YYYY-MM-DD (not 2026-02-30).
export function parseDay(value: string, field: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new PeriodError(field, 'must be a date as YYYY-MM-DD');
  const day = { y: year(match[1]!, field), m: Number(match[2]), d: Number(match[3]) };
  if (iso(fromUtc(utcDay(day))) !== value) throw new PeriodError(field, `${value} is not a date in the calendar`);
  return day;
}

// Today's date where the office is.
export function today(now: Date, timeZone: OfficeTimeZone): Day {
  return fromUtc(now.getTime() + utcOffsetOf(timeZone) * 60_000);
}

export function parsePeriod(q: PeriodQuery, timeZone: OfficeTimeZone, now: Date): ReportPeriod {
  const kind = (q.period ?? 'month') as PeriodKind;
  if (!PERIODS.includes(kind)) throw new PeriodError('period', `must be one of ${PERIODS.join(', ')}`);
  for (const field of ['month', 'quarter', 'year', 'from', 'to'] as const) {
    if (q[field] !== undefined && !PARAMS[kind].includes(field)) {
      throw new PeriodError(field, `is not a parameter of period=${kind}`);
    }
  }
  const t = today(now, timeZone);
  let first: Day;
  let last: Day;
  if (kind === 'month') {
    const value = q.month ?? `${pad(t.y, 4)}-${pad(t.m)}`;
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
    if (!match) throw new PeriodError('month', 'must be a month as YYYY-MM, e.g. 2026-11');
    const y = year(match[1]!, 'month');
    first = { y, m: Number(match[2]), d: 1 };
    last = lastOfMonth(y, first.m);
  } else if (kind === 'quarter') {
    const value = q.quarter ?? `${pad(t.y, 4)}-Q${Math.ceil(t.m / 3)}`;
    const match = /^(\d{4})-Q([1-4])$/.exec(value);
    if (!match) throw new PeriodError('quarter', 'must be a quarter as YYYY-Qn, e.g. 2026-Q4');
    const y = year(match[1]!, 'quarter');
    const m = (Number(match[2]) - 1) * 3 + 1;
    first = { y, m, d: 1 };
    last = lastOfMonth(y, m + 2);
  } else if (kind === 'year') {
    const y = year(q.year ?? String(t.y), 'year');
    first = { y, m: 1, d: 1 };
    last = { y, m: 12, d: 31 };
  } else {
    if (q.from === undefined) throw new PeriodError('from', 'is required for period=custom');
    if (q.to === undefined) throw new PeriodError('to', 'is required for period=custom');
    first = parseDay(q.from, 'from');
    last = parseDay(q.to, 'to');
    if (utcDay(first) > utcDay(last)) throw new PeriodError('from', 'must not be after to');
    // at most two years: `to` comes before the same date two years after `from`
    if (utcDay(last) >= Date.UTC(first.y + 2, first.m - 1, first.d)) {
      throw new PeriodError('to', 'the range may be at most two years');
    }
  }
  const offset = utcOffsetOf(timeZone) * 60_000;
  return {
    kind,
    from: iso(first),
    to: iso(last),
    start: new Date(utcDay(first) - offset),
    end: new Date(utcDay(last) + DAY_MS - offset),
  };
}

// "November 2026", "Triwulan IV 2026", "Tahun 2026", "1 Oktober 2026 s.d. 15 November 2026"
export function periodWords(p: ReportPeriod, zone: OfficeTimeZone): string {
  const first = localDate(p.start, zone);
  const last = localDate(new Date(p.end.getTime() - 1), zone);
  if (p.kind === 'month') return `${first.monthName} ${first.year}`;
  if (p.kind === 'quarter')
    return `Triwulan ${['I', 'II', 'III', 'IV'][Math.floor((first.month - 1) / 3)]} ${first.year}`;
  if (p.kind === 'year') return `Tahun ${first.year}`;
  return `${first.day} ${first.monthName} ${first.year} s.d. ${last.day} ${last.monthName} ${last.year}`;
}
