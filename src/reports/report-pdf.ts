// The office's report for a period as a PDF in Bahasa Indonesia, in the house style of the letters (kop surat,
// dates in Indonesian, the head's signature): every figure with its value, then every table, then the definitions.
import type { Letterhead } from '../offices/office.repository';
import { fields, letterhead, render, signature, type Doc } from '../letters/letter-pdf';
import { indonesianDate, ZONE_NAMES, type LocalDate } from '../letters/letter-text';
import { cellText } from './report-export';
import { COLUMNS, FIGURES, REPORT_TITLES, TABLES } from './report-definitions';
import type { Cell, ReportAnswer, Table } from './report-shape';

export type OfficeReport = {
  letterhead: Letterhead;
  issued: LocalDate;
  // the period in words ("November 2026", "Triwulan IV 2026"), and its days ("1 November 2026 s.d. 30 November 2026")
  periodWords: string;
  days: string;
  categoryWords: string | null;
  reports: ReportAnswer[];
};

const UNIT_WORDS = { percent: '%', hours: 'jam', count: '' } as const;

function number(v: Cell): string {
  if (v === null) return '-';
  return typeof v === 'number' ? v.toLocaleString('id-ID', { maximumFractionDigits: 1 }) : String(v);
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

// A plain grid: the first column takes what the others leave.
function grid(doc: Doc, t: Table): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const n = t.columns.length;
  // numbers narrow, names (an office beside a caseworker) wider; the first column takes the rest
  const own = t.columns.map((c, i) => (i === 0 ? 0 : c.unit === 'text' ? 120 : Math.min(62, (width * 0.55) / (n - 1))));
  const widths = own.map((w, i) => (i === 0 ? width - own.reduce((a, b) => a + b, 0) : w));
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }))) + 4;
    ensureRoom(doc, height);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 2, { width: widths[i]! - 4, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.3)
      .stroke();
    doc.y = y + height;
  };
  row(
    t.columns.map((c) => COLUMNS[c.key].id.label),
    true,
  );
  if (t.rows.length === 0) row(['Tidak ada data dalam periode ini.', ...t.columns.slice(1).map(() => '')], false);
  for (const r of t.rows)
    row(
      r.map((v, i) => number(cellText(t.columns[i]!.unit, v))),
      false,
    );
  doc.x = left;
  doc.font('Helvetica').fontSize(10);
}

export function officeReportPdf(r: OfficeReport): Promise<Buffer> {
  return render(`Laporan Kinerja ${r.letterhead.name} ${r.periodWords}`, (doc) => {
    letterhead(doc, r.letterhead);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font('Helvetica-Bold').fontSize(12).text('LAPORAN KINERJA PELINDUNGAN PEKERJA MIGRAN INDONESIA', {
      align: 'center',
    });
    doc.font('Helvetica').fontSize(11).text(`Periode ${r.periodWords}`, { align: 'center' });
    doc.moveDown();
    const first = r.reports[0]!;
    fields(doc, [
      ['Kantor', r.letterhead.name],
      ['Periode', `${r.periodWords} (${r.days}, ${ZONE_NAMES[first.timeZone]})`],
      ['Kategori PMI', r.categoryWords ?? 'Semua kategori'],
      ['Sumber data', 'Aplikasi Rujukan, data per tanggal laporan ini'],
    ]);
    for (const report of r.reports) {
      doc.moveDown();
      ensureRoom(doc, 80);
      doc.font('Helvetica-Bold').fontSize(11).text(REPORT_TITLES[report.report].id, left, doc.y, { width });
      doc.font('Helvetica').fontSize(10);
      fields(
        doc,
        report.figures.map((f) => [
          FIGURES[f.key].id.label,
          `${number(f.value)} ${UNIT_WORDS[f.unit as keyof typeof UNIT_WORDS] ?? ''}`.trim(),
        ]),
        230,
      );
      for (const t of report.tables) {
        doc.moveDown(0.5);
        ensureRoom(doc, 50);
        doc.font('Helvetica-Bold').fontSize(9).text(TABLES[t.key].id.label, left, doc.y, { width });
        grid(doc, t);
      }
    }
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text('Definisi ukuran', left, doc.y, { width });
    doc.font('Helvetica').fontSize(8.5);
    for (const report of r.reports) {
      for (const f of report.figures) {
        doc.text(`${FIGURES[f.key].id.label}: ${FIGURES[f.key].id.definition}`, left, doc.y, { width });
        doc.moveDown(0.2);
      }
    }
    doc.fontSize(11).moveDown(2);
    ensureRoom(doc, 120);
    signature(doc, left + width - 210, doc.y, [
      `${r.letterhead.city}, ${indonesianDate(r.issued)}`,
      `Kepala ${r.letterhead.name},`,
    ]);
  });
}
