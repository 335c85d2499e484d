// The wall clock of an office: the local hour and date of an instant in the office's zone, and the hour boundaries
// the digest workflow wakes at. Fixed offsets from the table in calendar.ts, not Intl: the workflow replays this code,
// and Indonesia keeps no daylight saving, so an offset is the whole zone (a unit test holds the table against Intl).
import { utcOffsetOf, type OfficeTimeZone } from './calendar';

export const HOUR_MS = 60 * 60 * 1000;

// The daily digest goes out at 07:00 where the office is.
export const DIGEST_LOCAL_HOUR = 7;

export type OfficeClock = { date: string; hour: number; minute: number };

// The office's date (YYYY-MM-DD), hour and minute at an instant.
export function officeClock(at: Date | number, zone: OfficeTimeZone): OfficeClock {
  const local = new Date((typeof at === 'number' ? at : at.getTime()) + utcOffsetOf(zone) * 60_000);
  if (Number.isNaN(local.getTime())) throw new RangeError('not a valid instant');
  return { date: local.toISOString().slice(0, 10), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

// The first full hour strictly after `ms` (epoch milliseconds): a workflow woken at 21:00:00.000 sleeps to 22:00.
export function nextFullHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS + HOUR_MS;
}

// The full hour at or before `ms`.
export function fullHourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

// The instant (UTC) of the office's digest on a local date: 07:00 WIB is 00:00Z of the same date.
export function digestInstant(date: string, zone: OfficeTimeZone): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (DIGEST_LOCAL_HOUR * 60 - utcOffsetOf(zone)) * 60_000);
}
