import {
  digestInstant,
  fullHourOf,
  nextFullHour,
  officeClock,
  OFFICE_TIME_ZONES,
  type OfficeTimeZone,
} from '../../workflows/definition';

const at = (iso: string) => Date.parse(iso);

describe('office clock', () => {
  it('should read an instant as the wall clock of each Indonesian zone', () => {
    expect(officeClock(at('2026-12-07T22:00:00Z'), 'Asia/Jayapura')).toEqual({
      date: '2026-12-08',
      hour: 7,
      minute: 0,
    });
    expect(officeClock(at('2026-12-07T22:00:00Z'), 'Asia/Makassar')).toEqual({
      date: '2026-12-08',
      hour: 6,
      minute: 0,
    });
    expect(officeClock(at('2026-12-07T22:00:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-12-08', hour: 5, minute: 0 });
    expect(officeClock(new Date('2026-12-07T16:59:00Z'), 'Asia/Jakarta')).toEqual({
      date: '2026-12-07',
      hour: 23,
      minute: 59,
    });
    expect(() => officeClock(Number.NaN, 'Asia/Jakarta')).toThrow(RangeError);
  });

  // the workflow uses the fixed offsets; the tz database (Intl, which the workflow must not use) agrees with them
  it.each(OFFICE_TIME_ZONES)('should agree with the tz database for %s over a year, hour by hour', (zone) => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    for (let ms = at('2026-01-01T00:00:00Z'); ms < at('2027-01-01T00:00:00Z'); ms += 3600_000) {
      const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
      const clock = officeClock(ms, zone);
      if (clock.date !== `${parts.year}-${parts.month}-${parts.day}` || clock.hour !== Number(parts.hour)) {
        throw new Error(
          `${zone} at ${new Date(ms).toISOString()}: ${JSON.stringify(clock)} vs ${JSON.stringify(parts)}`,
        );
      }
    }
  });

  it('should give the next full hour strictly after an instant, and the full hour at or before it', () => {
    expect(nextFullHour(at('2026-12-07T20:30:00Z'))).toBe(at('2026-12-07T21:00:00Z'));
    expect(nextFullHour(at('2026-12-07T21:00:00Z'))).toBe(at('2026-12-07T22:00:00Z'));
    expect(nextFullHour(at('2026-12-07T23:59:59.999Z'))).toBe(at('2026-12-08T00:00:00Z'));
    expect(fullHourOf(at('2026-12-07T21:00:00Z'))).toBe(at('2026-12-07T21:00:00Z'));
    expect(fullHourOf(at('2026-12-07T21:59:59.999Z'))).toBe(at('2026-12-07T21:00:00Z'));
  });

  it('should put 07:00 of a local date at its UTC instant: WIT and WITA the evening before, WIB at midnight', () => {
    const instants: Record<OfficeTimeZone, string> = {
      'Asia/Jayapura': '2026-12-07T22:00:00.000Z',
      'Asia/Makassar': '2026-12-07T23:00:00.000Z',
      'Asia/Jakarta': '2026-12-08T00:00:00.000Z',
    };
    for (const zone of OFFICE_TIME_ZONES) {
      expect(digestInstant('2026-12-08', zone).toISOString()).toBe(instants[zone]);
      expect(officeClock(digestInstant('2026-12-08', zone), zone)).toEqual({ date: '2026-12-08', hour: 7, minute: 0 });
    }
  });
});
