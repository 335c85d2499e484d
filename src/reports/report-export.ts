// A report as a file: CSV (one table, or the figures) and XLSX (the figures and every table, a sheet each), with
// Indonesian headers and codes in words. Generic over the one shape of reports/report-shape.ts.
import ExcelJS from 'exceljs';
import { id as words } from '../notifications/templates.id';
import { dayInWords, serviceLabel, ZONE_NAMES } from '../letters/letter-text';
import { COLUMNS, FIGURES, REPORT_TITLES, TABLES, type Unit } from './report-definitions';
import type { Cell, ReportAnswer, Table } from './report-shape';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const UNIT_WORDS: Partial<Record<Unit, string>> = { percent: '%', hours: 'jam' };

// A code in words, as the reader of a spreadsheet needs it.
export function cellText(unit: Unit, value: Cell): Cell {
  if (value === null) return null;
  if (unit === 'step') return words.step[value as keyof typeof words.step] ?? value;
  if (unit === 'tier') return words.tier[value as keyof typeof words.tier] ?? value;
  if (unit === 'service') return serviceLabel(String(value));
  if (unit === 'level') return `Tingkat ${value}`;
  return value;
}

// The figures as a table of their own: what, how many, in what.
function figuresGrid(r: ReportAnswer): { header: string[]; rows: Cell[][] } {
  return {
    header: ['Ukuran', 'Nilai', 'Satuan'],
    rows: r.figures.map((f) => [FIGURES[f.key].id.label, f.value, UNIT_WORDS[f.unit] ?? 'jumlah']),
  };
}

function tableGrid(t: Table): { header: string[]; rows: Cell[][] } {
  return {
    header: t.columns.map((c) => COLUMNS[c.key].id.label),
    rows: t.rows.map((row) => row.map((v, i) => cellText(t.columns[i]!.unit, v))),
  };
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// RFC 4180, with a byte-order mark so that a spreadsheet opens the Indonesian words as UTF-8.
export function reportCsv(r: ReportAnswer, tableKey?: string): string {
  const t = tableKey === undefined ? undefined : r.tables.find((x) => x.key === tableKey);
  const grid = t ? tableGrid(t) : figuresGrid(r);
  const lines = [grid.header, ...grid.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function period(r: ReportAnswer): string {
  return `${r.officeName ?? 'Nasional'}, ${dayInWords(r.from)} s.d. ${dayInWords(r.to)} (${ZONE_NAMES[r.timeZone] ?? r.timeZone})`;
}

export async function reportXlsx(r: ReportAnswer, tableKey?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Rujukan';
  const sheet = (name: string, title: string, grid: { header: string[]; rows: Cell[][] }) => {
    const ws = book.addWorksheet(name.slice(0, 31));
    ws.addRow([title]).font = { bold: true };
    ws.addRow([period(r)]);
    ws.addRow([]);
    ws.addRow(grid.header).font = { bold: true };
    for (const row of grid.rows) ws.addRow(row);
    ws.columns.forEach((c, i) => (c.width = Math.max(12, ...grid.header.map((h, j) => (j === i ? h.length + 2 : 0)))));
  };
  const tables = tableKey === undefined ? r.tables : r.tables.filter((t) => t.key === tableKey);
  if (tableKey === undefined) sheet('Ringkasan', REPORT_TITLES[r.report].id, figuresGrid(r));
  for (const t of tables) sheet(TABLES[t.key].id.label, TABLES[t.key].id.label, tableGrid(t));
  return Buffer.from(await book.xlsx.writeBuffer());
}
