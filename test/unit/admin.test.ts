// The pure parts of the administration API: an office's time zone in deadline counting, the yearly holiday file,
// and the check of a new SLA policy version.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  calendarInZone,
  createCalendar,
  deadlineFor,
  DEFAULT_SLA_POLICY,
  isWorkingDay,
  utcOffsetOf,
} from '../../workflows/definition';
import { holidayChanges, parseHolidayCsv, readHolidayFile, type HolidayDay } from '../../src/admin/holiday-file';
import { checkSlaDeadlines, SLA_STEP_KEYS } from '../../src/admin/sla-policy-check';

const seed2026 = JSON.parse(
  readFileSync(resolve(__dirname, '../../src/database/seed-data/holidays-id-2026.json'), 'utf8'),
) as { holidays: { date: string }[] };
const fixture2027 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/holidays-id-2027.json'), 'utf8')) as {
  days: HolidayDay[];
};
const calendar = createCalendar([...seed2026.holidays, ...fixture2027.days]);

describe('office time zones in deadlines', () => {
  // Friday 4 December 2026, 15:30 UTC: 23:30 on Friday in Palu (WITA), already 00:30 on Saturday in Jayapura (WIT)
  const start = new Date('2026-12-04T15:30:00Z');

  it('should count working days where the office is: WIT starts on Monday, WITA still has half an hour of Friday', () => {
    const wita = deadlineFor('REFERRAL_ACK', 'LOW', start, calendarInZone(calendar, 'Asia/Makassar'));
    const wit = deadlineFor('REFERRAL_ACK', 'LOW', start, calendarInZone(calendar, 'Asia/Jayapura'));
    // WITA: 30 min of Friday + Monday + Tuesday + Wednesday until 23:30
    expect(wita?.toISOString()).toBe('2026-12-09T15:30:00.000Z');
    // WIT: Monday 00:00 to Thursday 00:00 WIT, that is Wednesday 15:00 UTC
    expect(wit?.toISOString()).toBe('2026-12-09T15:00:00.000Z');
    // WIB: Friday 22:30, one and a half hours of Friday left, due Wednesday 22:30 WIB: the same instant as WITA's
    const wib = deadlineFor('REFERRAL_ACK', 'LOW', start, calendarInZone(calendar, 'Asia/Jakarta'));
    expect(wib?.toISOString()).toBe('2026-12-09T15:30:00.000Z');
  });

  it('should keep the calendar as it came (WITA) when the case input has no zone, as cases started before', () => {
    expect(calendarInZone(calendar, undefined)).toBe(calendar);
    expect(calendarInZone(calendar, 'Asia/Tokyo' as never)).toBe(calendar);
    expect(calendar.utcOffsetMinutes).toBe(utcOffsetOf('Asia/Makassar'));
    expect(deadlineFor('REFERRAL_ACK', 'LOW', start, calendarInZone(calendar, undefined))?.toISOString()).toBe(
      '2026-12-09T15:30:00.000Z',
    );
  });

  it('should read a holiday as the day it is in the office zone', () => {
    // 31 December 2026 16:30 UTC: still 31 December in WIB, already 1 January 2027 (a holiday) in WITA and WIT
    const eve = new Date('2026-12-31T16:30:00Z');
    expect(isWorkingDay(calendarInZone(calendar, 'Asia/Jakarta'), eve)).toBe(true);
    expect(isWorkingDay(calendarInZone(calendar, 'Asia/Jayapura'), eve)).toBe(false);
  });
});

describe('the yearly holiday file', () => {
  it('should read the 2027 fixture as valid, sorted, with its cuti bersama', () => {
    const file = readHolidayFile(2027, fixture2027.days);
    expect('days' in file && file.days.map((d) => d.date)).toEqual(fixture2027.days.map((d) => d.date).sort());
    expect('days' in file && file.days.filter((d) => d.kind === 'CUTI_BERSAMA').length).toBeGreaterThan(0);
  });

  it('should name the row of every problem: another year, no such date, twice, no name, an unknown kind or field', () => {
    const file = readHolidayFile(2027, [
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
      { date: '2026-12-25', name: 'Natal' },
      { date: '2027-02-29', name: 'Tidak ada' },
      { date: '2027-01-01', name: 'Lagi' },
      { date: '2027-08-17', name: ' ' },
      { date: '2027-05-01', name: 'Hari Buruh', kind: 'LIBUR' },
      { date: '2027-06-01', name: 'Pancasila', region: 'ID' },
      'not a row',
    ]);
    expect('problems' in file && file.problems.map((p) => p.field)).toEqual([
      'rows[1].date',
      'rows[2].date',
      'rows[3].date',
      'rows[4].name',
      'rows[5].kind',
      'rows[6].region',
      'rows[7]',
    ]);
    expect(readHolidayFile(2027, [])).toEqual({ problems: [{ field: 'body', problems: ['the file lists no days'] }] });
    expect(readHolidayFile(2027, { date: '2027-01-01' })).toMatchObject({ problems: [{ field: 'body' }] });
  });

  it('should read CSV with or without a header, a quoted name with a comma, and an optional kind', () => {
    expect(
      parseHolidayCsv(
        'date,name,kind\r\n2027-01-01,Tahun Baru 2027 Masehi\n\n2027-03-12,"Cuti bersama, Idul Fitri",CUTI_BERSAMA\n',
      ),
    ).toEqual([
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
      { date: '2027-03-12', name: 'Cuti bersama, Idul Fitri', kind: 'CUTI_BERSAMA' },
    ]);
    expect(parseHolidayCsv('2027-08-17,Proklamasi Kemerdekaan')).toEqual([
      { date: '2027-08-17', name: 'Proklamasi Kemerdekaan' },
    ]);
  });

  it('should say which days a file adds, removes and renames', () => {
    const before: HolidayDay[] = [
      { date: '2027-01-01', name: 'Tahun Baru', kind: 'HOLIDAY' },
      { date: '2027-03-12', name: 'Cuti bersama', kind: 'CUTI_BERSAMA' },
      { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'HOLIDAY' },
    ];
    const after: HolidayDay[] = [
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'HOLIDAY' },
      { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'HOLIDAY' },
      { date: '2027-12-25', name: 'Kelahiran Yesus Kristus', kind: 'HOLIDAY' },
    ];
    expect(holidayChanges(before, after)).toEqual({
      added: [after[2]],
      removed: [before[1]],
      renamed: [{ date: '2027-01-01', before: before[0], after: after[0] }],
      unchanged: 1,
    });
  });
});

describe('a new SLA policy version', () => {
  it('should take the default policy as it is', () => {
    expect(checkSlaDeadlines(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY.deadlines)))).toEqual({
      deadlines: DEFAULT_SLA_POLICY.deadlines,
    });
  });

  it('should name each field at fault: an unknown step, a missing step or tier, a bad amount or unit', () => {
    const deadlines = JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY.deadlines)) as Record<string, any>;
    deadlines.TRIAGE = deadlines.SCREENING;
    delete deadlines.SHELTER;
    delete deadlines.SCREENING.LOW;
    deadlines.REGISTRATION.HIGH = { amount: 0, unit: 'hours' };
    deadlines.REGISTRATION.MEDIUM = { amount: 4, unit: 'minutes' };
    deadlines.REFERRAL.URGENT = null;
    const result = checkSlaDeadlines(deadlines);
    expect('problems' in result && result.problems.map((p) => p.field).sort()).toEqual(
      [
        'deadlines.TRIAGE',
        'deadlines.SHELTER',
        'deadlines.SCREENING.LOW',
        'deadlines.REGISTRATION.HIGH.amount',
        'deadlines.REGISTRATION.MEDIUM.unit',
        'deadlines.REFERRAL.URGENT',
      ].sort(),
    );
    expect(SLA_STEP_KEYS).toContain('REFERRAL_DECISION');
  });
});
