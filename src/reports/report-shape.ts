// The one shape every report answers in, so that the console, the CSV, the XLSX and the PDF are each one generic
// function over it. Pure: no framework imports.
import type { OfficeTimeZone } from '../../workflows/definition/calendar';
import type { PeriodKind } from './report-period';
import {
  COLUMNS,
  FIGURES,
  type ColumnKey,
  type FigureKey,
  type ReportKey,
  type TableKey,
  type Unit,
} from './report-definitions';

export type Cell = string | number | null;
export type Figure = { key: FigureKey; value: number | null; unit: Unit };
export type Column = { key: ColumnKey; unit: Unit };
export type Table = { key: TableKey; columns: Column[]; rows: Cell[][] };

export type ReportAnswer = {
  report: ReportKey;
  // null: the whole country
  officeId: string | null;
  officeName: string | null;
  period: PeriodKind;
  // calendar days, both included, in timeZone (the office's; Asia/Jakarta (WIB) for the national view)
  from: string;
  to: string;
  timeZone: OfficeTimeZone;
  category: string | null;
  generatedAt: string;
  figures: Figure[];
  tables: Table[];
};

// Hours and percentages to one decimal; null (nothing to measure) stays null.
export function round1(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : null;
}

// part of whole in percent, one decimal; null when there is nothing to divide
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? round1((part / whole) * 100) : null;
}

export function figure(key: FigureKey, value: number | string | null | undefined): Figure {
  const unit = FIGURES[key].unit;
  return { key, unit, value: unit === 'count' ? Number(value ?? 0) : round1(value) };
}

// A table from rows of the database: each column's cell is the row's field of the same key, rounded by its unit.
export function table(key: TableKey, columns: ColumnKey[], rows: Record<string, Cell>[]): Table {
  return {
    key,
    columns: columns.map((c) => ({ key: c, unit: COLUMNS[c].unit })),
    rows: rows.map((r) =>
      columns.map((c) => {
        const unit = COLUMNS[c].unit;
        if (unit === 'hours' || unit === 'percent') return round1(r[c]);
        if (unit === 'count') return Number(r[c] ?? 0);
        return r[c] ?? null;
      }),
    ),
  };
}
