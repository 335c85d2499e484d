// Dates and durations as an Indonesian office reads them: in the office's own time zone (WIB, WITA, WIT), with the
// zone's name, and in the user's language.
import i18n from './i18n';

export const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};
export const DEFAULT_TIME_ZONE = 'Asia/Makassar';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'id-ID';
}

const DATE = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const FORMS = {
  date: DATE,
  dateTime: { ...DATE, hour: '2-digit', minute: '2-digit', hour12: false },
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
} as const;

// A formatter is made once per language, zone and form, not once per date: making one costs more than formatting
// with it (the inbox's table formats two or three dates a row, which a phone's profile showed).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, timeZone: string, form: keyof typeof FORMS): Intl.DateTimeFormat {
  const key = `${lang} ${timeZone} ${form}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, { ...FORMS[form], timeZone })));
  return f;
}

export function formatDateTime(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const text = formatter(locale(), timeZone, 'dateTime').format(new Date(iso));
  return `${text} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}

export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  return formatter(locale(), timeZone, 'date').format(new Date(iso));
}

// A calendar day as the API gives it ("2026-10-01"): "1 Oktober 2026", the day itself, with no zone to convert from.
export function formatDay(day: string): string {
  return formatDate(`${day}T00:00:00Z`, 'UTC');
}

// The calendar day of an instant in the office's zone, to tell "due today".
export function dayIn(iso: string | number, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter('en-CA', timeZone, 'day').format(new Date(iso));
}

// "2 hari 4 jam", "3 jam 20 menit", "45 menit": the two largest units of a duration.
function duration(ms: number): string {
  // "0 menit" is not how anyone says it
  if (Math.abs(ms) < 60000) return i18n.t('walk.underMinute');
  let minutes = Math.floor(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts = [
    days ? i18n.t('time.d', { count: days }) : null,
    hours ? i18n.t('time.h', { count: hours }) : null,
    !days && (minutes || !hours) ? i18n.t('time.m', { count: minutes }) : null,
  ].filter(Boolean);
  return parts.slice(0, 2).join(' ');
}

// "3 jam 20 menit lagi" / "terlambat 2 hari 4 jam".
export function countdown(dueIso: string, now: number): { text: string; late: boolean } {
  const ms = Date.parse(dueIso) - now;
  const late = ms < 0;
  return { text: i18n.t(late ? 'time.late' : 'time.left', { time: duration(ms) }), late };
}

// How long since: "2 jam 5 menit".
export function elapsed(sinceIso: string, now: number): string {
  return duration(now - Date.parse(sinceIso));
}

export function zoneName(timeZone = DEFAULT_TIME_ZONE): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}

// A wall-clock time typed in the office's zone ("2026-12-08T09:30", as <input type="datetime-local"> gives it) as
// an instant, whatever zone the browser itself is in; null when it is not such a time.
export function zonedInstant(local: string, timeZone = DEFAULT_TIME_ZONE): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // the zone's offset at about that moment (Indonesia's zones keep one all year)
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(asUtc)
      .map((p) => [p.type, Number(p.value)]),
  );
  const offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - asUtc;
  return new Date(asUtc - offset).toISOString();
}
