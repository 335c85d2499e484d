import * as fs from 'fs';
import * as path from 'path';
import {
  addWorkingDays,
  createCalendar,
  hasYear,
  isWorkingDay,
  UTC_OFFSET_MINUTES,
  type HolidayCalendar,
} from '../../workflows/definition/calendar';
import { deadlineFor, deadlineFractions } from '../../workflows/definition/deadline';
import { DEFAULT_SLA_POLICY, type SlaPolicy, type SlaStepKey } from '../../workflows/definition/sla-policy';
import type { RiskTier } from '../../workflows/definition/steps';

type HolidayFile = { year: number; holidays: { date: string; kind: string; name: string }[] };

const holidayFile: HolidayFile = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../src/database/seed-data/holidays-id-2026.json'), 'utf8'),
);
const holidayDates = holidayFile.holidays.map((h) => h.date);
// The default offset is WITA (+08:00, Palu): every local time below is a WITA wall-clock time.
const calendar = createCalendar(holidayFile.holidays);
const wita = (local: string) => new Date(`${local}+08:00`);
const at = (local: string) => wita(local).toISOString();

// The deadline as an ISO instant (or null), for a step started at a WITA wall-clock time.
function due(
  step: SlaStepKey,
  tier: RiskTier,
  startLocal: string,
  options: { cal?: HolidayCalendar; policy?: SlaPolicy } = {},
) {
  return deadlineFor(step, tier, wita(startLocal), options.cal ?? calendar, options.policy)?.toISOString() ?? null;
}

describe('deadlineFor', () => {
  it('should give HIGH a plain 1 h when the step starts on a Sunday', () => {
    expect(due('REGISTRATION', 'HIGH', '2026-03-01T10:00:00')).toBe(at('2026-03-01T11:00:00'));
    expect(due('EMERGENCY_CARE', 'HIGH', '2026-03-01T10:00:00')).toBe(at('2026-03-01T11:00:00'));
  });

  it('should run HIGH on the 24/7 clock when the span crosses a weekend and holidays', () => {
    // ASSESSMENT HIGH 3 d from Friday: Monday, same time.
    expect(due('ASSESSMENT', 'HIGH', '2026-03-06T10:00:00')).toBe(at('2026-03-09T10:00:00'));
    // TPPO_REPORT HIGH 24 h from a collective-leave Friday into Idul Fitri.
    expect(due('TPPO_REPORT', 'HIGH', '2026-03-20T10:00:00')).toBe(at('2026-03-21T10:00:00'));
  });

  it('should equal plain elapsed time when a MEDIUM 72 h deadline runs Monday to Thursday', () => {
    expect(due('TPPO_REPORT', 'MEDIUM', '2026-03-02T10:00:00')).toBe(at('2026-03-05T10:00:00'));
  });

  it('should run plain elapsed hours when a MEDIUM or LOW deadline is 24 h or less and reaches a weekend', () => {
    expect(due('SCREENING', 'MEDIUM', '2026-03-07T10:00:00')).toBe(at('2026-03-07T13:00:00')); // a Saturday
    expect(due('REGISTRATION', 'LOW', '2026-03-06T16:00:00')).toBe(at('2026-03-07T16:00:00')); // Friday to Saturday
  });

  it('should skip the weekend when a MEDIUM 72 h deadline starts on a Friday', () => {
    // First 24 h elapsed: Saturday 10:00. The other 48 h count only working days: all of Monday and Tuesday.
    expect(due('TPPO_REPORT', 'MEDIUM', '2026-03-06T10:00:00')).toBe(at('2026-03-11T00:00:00'));
    expect(due('REFERRAL', 'MEDIUM', '2026-03-06T10:00:00')).toBe(at('2026-03-11T00:00:00'));

    // A policy that says 3 days instead of 72 h gives the same instant.
    const threeDays: SlaPolicy = {
      version: 'test-3d',
      deadlines: {
        ...DEFAULT_SLA_POLICY.deadlines,
        ASSESSMENT: { HIGH: null, MEDIUM: { amount: 3, unit: 'days' }, LOW: null },
      },
    };
    expect(due('ASSESSMENT', 'MEDIUM', '2026-03-06T10:00:00', { policy: threeDays })).toBe(at('2026-03-11T00:00:00'));
  });

  it('should skip Nyepi and the Idul Fitri collective leave when a MEDIUM deadline spans 2026-03-18..24', () => {
    expect(holidayDates).toEqual(
      expect.arrayContaining(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']),
    );
    // 72 h: first 24 h to Wednesday 18th 09:00 (a holiday), then all of Wednesday 25th and Thursday 26th.
    expect(due('TPPO_REPORT', 'MEDIUM', '2026-03-17T09:00:00')).toBe(at('2026-03-27T00:00:00'));
    // Without the holiday file the same deadline would fall a week earlier.
    expect(due('TPPO_REPORT', 'MEDIUM', '2026-03-17T09:00:00', { cal: createCalendar([]) })).toBe(
      at('2026-03-20T09:00:00'),
    );
    // 3 working days: 15 h of Tuesday 17th, Wednesday 25th, Thursday 26th, 9 h of Friday 27th.
    expect(due('RETURN_HANDOVER', 'MEDIUM', '2026-03-17T09:00:00')).toBe(at('2026-03-27T09:00:00'));
  });

  it('should count LOW working days from the start when the unit is workingDays', () => {
    // REFERRAL_ACK LOW = 3 working days. 14-15 May (Ascension and its collective leave) and the weekend are skipped:
    // 9 h of Wednesday 13th, Monday 18th, Tuesday 19th, 15 h of Wednesday 20th.
    expect(due('REFERRAL_ACK', 'LOW', '2026-05-13T15:00:00')).toBe(at('2026-05-20T15:00:00'));
    // Started on a Saturday: no 24 h head start, the count begins Monday 00:00 and ends with Wednesday.
    expect(due('REFERRAL_ACK', 'LOW', '2026-05-16T10:00:00')).toBe(at('2026-05-21T00:00:00'));
  });

  it('should fall due at the end of Friday, not on Monday, when the working time runs out at midnight', () => {
    // 3 working days from Wednesday 00:00: all of Wednesday, Thursday and Friday.
    expect(due('REFERRAL_ACK', 'LOW', '2026-03-11T00:00:00')).toBe(at('2026-03-14T00:00:00'));
  });

  it('should give LOW 24 h plus N-1 working days when the unit is days', () => {
    // REFERRAL_DECISION LOW 7 d: 24 h to Thursday 14th 15:00 (a holiday), then 18-22 and 25 May.
    expect(due('REFERRAL_DECISION', 'LOW', '2026-05-13T15:00:00')).toBe(at('2026-05-26T00:00:00'));
  });

  it('should scale the plain 24/7 span and ignore the calendar when slaTimeScale is 0.001', () => {
    const start = wita('2026-03-20T10:00:00'); // a collective-leave Friday
    const scaledMs = (step: SlaStepKey, tier: RiskTier) =>
      deadlineFor(step, tier, start, calendar, DEFAULT_SLA_POLICY, 0.001)!.getTime() - start.getTime();
    expect(scaledMs('REGISTRATION', 'HIGH')).toBe(3_600);
    expect(scaledMs('ASSESSMENT', 'MEDIUM')).toBe(7 * 86_400);
    expect(scaledMs('RETURN_HANDOVER', 'MEDIUM')).toBe(3 * 86_400);
  });

  it('should return null when the step does not apply to the tier', () => {
    expect(due('EMERGENCY_CARE', 'MEDIUM', '2026-03-02T10:00:00')).toBeNull();
    expect(due('EMERGENCY_CARE', 'LOW', '2026-03-02T10:00:00')).toBeNull();
    expect(due('TPPO_REPORT', 'LOW', '2026-03-02T10:00:00')).toBeNull();
    expect(due('MONITORING', 'HIGH', '2026-03-02T10:00:00')).toBeNull();
    expect(due('CLOSURE', 'MEDIUM', '2026-03-02T10:00:00')).toBeNull();
  });

  it('should refuse when slaTimeScale is not positive or the policy lacks the step', () => {
    const start = wita('2026-03-02T10:00:00');
    expect(() => deadlineFor('SCREENING', 'HIGH', start, calendar, DEFAULT_SLA_POLICY, 0)).toThrow(RangeError);
    const partial = { version: 'partial', deadlines: {} } as unknown as SlaPolicy;
    expect(() => deadlineFor('SCREENING', 'HIGH', start, calendar, partial)).toThrow(
      /partial has no entry for step SCREENING/,
    );
  });
});

describe('DEFAULT_SLA_POLICY', () => {
  it('should carry the version a running case records when it starts', () => {
    expect(DEFAULT_SLA_POLICY.version).toBe('id-default-2026.1');
  });
});

describe('deadlineFractions', () => {
  it('should place reminders at 50 % and 80 %, overdue at 100 % and level 2 at 200 % when given a 10 h span', () => {
    const f = deadlineFractions(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T10:00:00Z'));
    expect(f.firstReminderAt.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(f.secondReminderAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(f.overdueAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(f.level2EscalationAt.toISOString()).toBe('2026-03-02T20:00:00.000Z');
  });

  it('should refuse when the due time is before the start', () => {
    const start = new Date('2026-03-02T10:00:00Z');
    expect(() => deadlineFractions(start, new Date('2026-03-02T09:00:00Z'))).toThrow(RangeError);
  });
});

describe('working-day calendar', () => {
  it('should say a day is not working when it is a weekend', () => {
    expect(isWorkingDay(calendar, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(calendar, '2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay(calendar, '2026-03-09')).toBe(true); // Monday
  });

  it('should say 2026-12-25 is not working when the holiday file lists it', () => {
    expect(holidayDates).toContain('2026-12-25');
    expect(isWorkingDay(calendar, '2026-12-25')).toBe(false); // a Friday
    expect(isWorkingDay(calendar, '2026-12-28')).toBe(true); // the Monday after
  });

  it('should report a year as loaded only when the file covers it', () => {
    expect(hasYear(calendar, 2026)).toBe(true);
    expect(hasYear(calendar, 2027)).toBe(false);
  });

  it('should read an instant in the calendar offset when given a Date', () => {
    const instant = new Date('2026-03-06T16:30:00Z'); // Friday 23:30 WIB, Saturday 00:30 WITA
    const wib = createCalendar(holidayFile.holidays, { utcOffsetMinutes: UTC_OFFSET_MINUTES.WIB });
    expect(isWorkingDay(calendar, instant)).toBe(false);
    expect(isWorkingDay(wib, instant)).toBe(true);
  });

  it('should count only weekends when a year is not loaded', () => {
    // 2027-01-01 is a Friday and a real holiday, but 2027 is not loaded: a deadline comes early, never late.
    expect(addWorkingDays(calendar, wita('2026-12-31T10:00:00'), 1).toISOString()).toBe(at('2027-01-01T10:00:00'));
  });

  it('should refuse a holiday entry when its date is not a real YYYY-MM-DD', () => {
    expect(() => createCalendar([{ date: '2026-02-30' }])).toThrow(/not an ISO date/);
    expect(() => createCalendar([{ date: '26-1-1' }])).toThrow(/not an ISO date/);
  });
});
