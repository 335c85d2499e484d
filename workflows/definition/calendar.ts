// A working-day calendar as plain data + pure functions. It imports nothing, so the workflow can carry it in its
// input and replay it deterministically. Province-specific holidays are just more entries passed to createCalendar.

export type IsoDate = string; // YYYY-MM-DD, a day in the calendar's own UTC offset

export type HolidayCalendar = {
  // Non-working dates per year, sorted. A year with a key is "loaded": its holidays are known.
  years: Record<number, readonly IsoDate[]>;
  // Indonesia has no daylight saving, so a fixed offset is the whole timezone.
  utcOffsetMinutes: number;
};

// WIB (Java, Sumatra), WITA (Sulawesi, Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara), WIT (Maluku, Papua).
export const UTC_OFFSET_MINUTES = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 } as const;

// The time zone of a BP3MI office, as an IANA name; a fixed table (not Intl, which the workflow must not depend on)
// since Indonesia keeps no daylight saving.
export const OFFICE_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type OfficeTimeZone = (typeof OFFICE_TIME_ZONES)[number];
export const DEFAULT_OFFICE_TIME_ZONE: OfficeTimeZone = 'Asia/Makassar';
const ZONE_OFFSET_MINUTES: Record<OfficeTimeZone, number> = {
  'Asia/Jakarta': UTC_OFFSET_MINUTES.WIB,
  'Asia/Makassar': UTC_OFFSET_MINUTES.WITA,
  'Asia/Jayapura': UTC_OFFSET_MINUTES.WIT,
};

export function isOfficeTimeZone(value: unknown): value is OfficeTimeZone {
  return (OFFICE_TIME_ZONES as readonly unknown[]).includes(value);
}

export function utcOffsetOf(zone: OfficeTimeZone): number {
  return ZONE_OFFSET_MINUTES[zone];
}

// The calendar counted where the office is. No zone (a case started before offices had one) leaves the calendar as
// it came, on WITA: so a case whose input lacks the zone counts exactly as it always did, by construction, with no
// patch. A zone outside the table (not one the API sends) is treated the same way rather than as NaN.
export function calendarInZone(calendar: HolidayCalendar, zone: OfficeTimeZone | undefined): HolidayCalendar {
  return isOfficeTimeZone(zone) ? { ...calendar, utcOffsetMinutes: utcOffsetOf(zone) } : calendar;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Defaults to WITA, the timezone of Palu (BP3MI Sulawesi Tengah).
export function createCalendar(
  entries: readonly { date: string }[],
  options: { utcOffsetMinutes?: number } = {},
): HolidayCalendar {
  const years: Record<number, IsoDate[]> = {};
  for (const { date } of entries) {
    const year = parseIsoDate(date).year;
    const dates = (years[year] ??= []);
    if (!dates.includes(date)) dates.push(date);
  }
  for (const dates of Object.values(years)) dates.sort();
  return { years, utcOffsetMinutes: options.utcOffsetMinutes ?? UTC_OFFSET_MINUTES.WITA };
}

export function hasYear(calendar: HolidayCalendar, year: number): boolean {
  return calendar.years[year] !== undefined;
}

// A Date is read as the day it falls on in the calendar's offset; a string is taken as that day already.
// A year that is not loaded counts only weekends as non-working: the deadline comes early rather than late, and the
// caller can check hasYear to warn that holidays are missing.
export function isWorkingDay(calendar: HolidayCalendar, date: Date | IsoDate): boolean {
  const iso = typeof date === 'string' ? date : localIsoDate(calendar, date);
  const { year, weekday } = parseIsoDate(iso);
  if (weekday === 0 || weekday === 6) return false;
  return !(calendar.years[year] ?? []).includes(iso);
}

// Adds `days` x 24 h of time that falls on working days: Friday 10:00 + 1 = Monday 10:00, and a start on a weekend
// or holiday begins counting at midnight of the next working day (Saturday 10:00 + 1 = Tuesday 00:00, the end of
// Monday). Fractions are allowed (0.5 = 12 h of working-day time).
export function addWorkingDays(calendar: HolidayCalendar, from: Date, days: number): Date {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a finite number >= 0, got ${days}`);
  if (Number.isNaN(from.getTime())) throw new RangeError('from is not a valid date');
  let remaining = days * DAY_MS;
  let t = from.getTime();
  if (remaining === 0) return new Date(t);
  for (;;) {
    const dayEnd = startOfLocalDay(calendar, t) + DAY_MS;
    if (isWorkingDay(calendar, new Date(t))) {
      if (remaining <= dayEnd - t) return new Date(t + remaining);
      remaining -= dayEnd - t;
    }
    t = dayEnd;
  }
}

function localIsoDate(calendar: HolidayCalendar, date: Date): IsoDate {
  if (Number.isNaN(date.getTime())) throw new RangeError('not a valid date');
  return new Date(date.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

// The UTC instant of local midnight of the day that contains t.
function startOfLocalDay(calendar: HolidayCalendar, t: number): number {
  const offsetMs = calendar.utcOffsetMinutes * 60_000;
  return Math.floor((t + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

// A real day written YYYY-MM-DD (not 2027-02-29).
export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

// Rejects 2026-02-30 as well as malformed strings: a typo in a holiday file must not silently become a working day.
function parseIsoDate(iso: string): { year: number; weekday: number } {
  const match = ISO_DATE.exec(iso);
  const utc = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
  if (!utc || Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  }
  return { year: utc.getUTCFullYear(), weekday: utc.getUTCDay() };
}
