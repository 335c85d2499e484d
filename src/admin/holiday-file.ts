// The year's holiday file an administrator is given (the SKB of three ministers on national holidays and collective
// leave), read and checked, and compared with what is loaded. Pure functions, no framework imports.
import { isIsoDate } from '../../workflows/definition';
import type { FieldProblem } from './admin.exception';

export const HOLIDAY_KINDS = ['HOLIDAY', 'CUTI_BERSAMA'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export type HolidayDay = { date: string; name: string; kind: HolidayKind };
export type HolidayChanges = {
  added: HolidayDay[];
  removed: HolidayDay[];
  // the same date under another name or kind
  renamed: { date: string; before: HolidayDay; after: HolidayDay }[];
  unchanged: number;
};

// How the holidays table spells a kind (the seed of 2026 set it).
const STORED_KIND: Record<HolidayKind, string> = { HOLIDAY: 'national', CUTI_BERSAMA: 'collective_leave' };

export function storedKind(kind: HolidayKind): string {
  return STORED_KIND[kind];
}

export function kindOfStored(stored: string): HolidayKind {
  return stored === STORED_KIND.CUTI_BERSAMA ? 'CUTI_BERSAMA' : 'HOLIDAY';
}

const MAX_DAYS = 100;

// CSV of `date,name[,kind]`, a header line optional; a name with a comma in double quotes ("a, b"; "" for ").
export function parseHolidayCsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines[0] && /^\s*date\s*,/i.test(lines[0])) lines.shift();
  return lines.map((line): Record<string, string> => {
    const [date = '', name = '', kind = ''] = csvFields(line).map((f) => f.trim());
    return kind ? { date, name, kind } : { date, name };
  });
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  return [...fields, field];
}

// The days of the file, or the problems of its rows: each named as rows[i].field (i from 0, in file order).
export function readHolidayFile(year: number, rows: unknown): { days: HolidayDay[] } | { problems: FieldProblem[] } {
  if (!Array.isArray(rows)) return { problems: [{ field: 'body', problems: ['the file must be a list of days'] }] };
  if (rows.length === 0) return { problems: [{ field: 'body', problems: ['the file lists no days'] }] };
  if (rows.length > MAX_DAYS)
    return { problems: [{ field: 'body', problems: [`the file lists ${rows.length} days: at most ${MAX_DAYS}`] }] };
  const problems: FieldProblem[] = [];
  const days: HolidayDay[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row: unknown, i) => {
    const at = (field: string, problem: string) => problems.push({ field: `rows[${i}].${field}`, problems: [problem] });
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push({ field: `rows[${i}]`, problems: ['must be an object {date, name, kind?}'] });
      return;
    }
    const { date, name, kind = 'HOLIDAY', ...rest } = row as Record<string, unknown>;
    for (const key of Object.keys(rest)) at(key, 'is not a field of a day (date, name, kind)');
    const iso = typeof date === 'string' ? date : '';
    if (!isIsoDate(iso)) at('date', `${JSON.stringify(date)} is not a date YYYY-MM-DD`);
    else if (!iso.startsWith(`${year}-`)) at('date', `${iso} is not in ${year}`);
    else if (firstRowOf.has(iso)) at('date', `${iso} is listed twice (also rows[${firstRowOf.get(iso)}])`);
    else firstRowOf.set(iso, i);
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
      at('name', 'must be the name of the day, 1 to 200 characters');
    if (!(HOLIDAY_KINDS as readonly unknown[]).includes(kind)) at('kind', `must be one of ${HOLIDAY_KINDS.join(', ')}`);
    days.push({ date: iso, name: typeof name === 'string' ? name.trim() : '', kind: kind as HolidayKind });
  });
  return problems.length ? { problems } : { days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

export function holidayChanges(before: readonly HolidayDay[], after: readonly HolidayDay[]): HolidayChanges {
  const old = new Map(before.map((d) => [d.date, d]));
  const next = new Map(after.map((d) => [d.date, d]));
  const changes: HolidayChanges = { added: [], removed: [], renamed: [], unchanged: 0 };
  for (const d of after) {
    const was = old.get(d.date);
    if (!was) changes.added.push(d);
    else if (was.name !== d.name || was.kind !== d.kind) changes.renamed.push({ date: d.date, before: was, after: d });
    else changes.unchanged += 1;
  }
  changes.removed = before.filter((d) => !next.has(d.date));
  return changes;
}
