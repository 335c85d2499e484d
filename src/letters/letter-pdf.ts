import PDFDocument from 'pdfkit';
import type { Letterhead } from '../offices/office.repository';
import {
  HANDED_TO_LABELS,
  indonesianDate,
  RISK_TIER_LABELS,
  serviceLabel,
  SEX_LABELS,
  type LocalDate,
} from './letter-text';

// The two papers that travel with a returnee, drawn with pdfkit on A4 in its built-in Helvetica (which has every
// letter Indonesian needs). The letters say only what they are given: what a recipient may see is decided before.

export type ReferralLetter = {
  letterhead: Letterhead;
  number: string;
  issued: LocalDate;
  agencyName: string;
  caseNumber: string;
  services: string[];
  legalBasis: string;
  consentId: string | null;
  // the permitted profile fields only (recipientView)
  returnee: {
    fullName?: unknown;
    nationalId?: unknown;
    age?: unknown;
    sex?: unknown;
    language?: unknown;
    homeRegion?: unknown;
    phone?: unknown;
    riskTier?: unknown;
    disability?: unknown;
    safetyNotes?: unknown;
  };
};

export type HandoverLetter = {
  letterhead: Letterhead;
  number: string;
  issued: LocalDate;
  caseNumber: string;
  returnee: {
    fullName: string;
    nationalId: string | null;
    sex: string | null;
    age: number | null;
    homeRegion: string | null;
  };
  // from the recorded handover; null leaves blanks to fill in by hand
  handedOver: LocalDate | null;
  handedTo: string | null;
  witness: string | null;
};

const BLANK = '.......................................';
const LEGAL_BASIS_LABELS: Record<string, string> = {
  CONSENT: 'Persetujuan yang bersangkutan',
  VITAL_INTEREST: 'Kepentingan vital yang bersangkutan (tanpa persetujuan, atas keputusan supervisor)',
  LEGAL_OBLIGATION: 'Kewajiban hukum',
};

export type Doc = PDFKit.PDFDocument;

export function render(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 70, right: 60 },
    info: { Title: title, Author: 'Rujukan' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

// Kop surat: the ministry, the office, its address, and a double rule.
export function letterhead(doc: Doc, o: Letterhead): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('Helvetica-Bold').fontSize(11).text('KEMENTERIAN PELINDUNGAN PEKERJA MIGRAN INDONESIA', { align: 'center' });
  doc
    .fontSize(10)
    .text(`BALAI PELAYANAN PELINDUNGAN PEKERJA MIGRAN INDONESIA ${o.province.toUpperCase()}`, { align: 'center' });
  doc.font('Helvetica').fontSize(9).text(`(${o.name})`, { align: 'center' });
  doc.text(o.address ?? `${o.city}, ${o.province}`, { align: 'center' });
  const contact = [o.phone && `Telepon ${o.phone}`, o.email && `Pos-el ${o.email}`].filter(Boolean).join('  |  ');
  if (contact) doc.text(contact, { align: 'center' });
  const y = doc.y + 4;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.margins.left + width, y)
    .lineWidth(1.5)
    .stroke();
  doc
    .moveTo(doc.page.margins.left, y + 3)
    .lineTo(doc.page.margins.left + width, y + 3)
    .lineWidth(0.5)
    .stroke();
  doc.y = y + 14;
  doc.x = doc.page.margins.left;
  doc.font('Helvetica').fontSize(11);
}

// "Label : value" rows with the colons aligned.
export function fields(doc: Doc, rows: [string, string][], labelWidth = 130): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.text(label, left, y, { width: labelWidth });
    doc.text(`: ${value}`, left + labelWidth, y, { width: width - labelWidth });
    doc.x = left;
  }
}

// A signature block at `x`: the role lines, room to sign, the name line and the NIP line.
export function signature(
  doc: Doc,
  x: number,
  y: number,
  lines: string[],
  name = '(.......................................)',
  nip = true,
): number {
  doc.text(lines.join('\n'), x, y, { width: 210, align: 'center' });
  doc.moveDown(3.5);
  doc.text(name, x, doc.y, { width: 210, align: 'center' });
  if (nip) doc.text('NIP. ..................................', x, doc.y, { width: 210, align: 'center' });
  return doc.y;
}

function text(value: unknown): string {
  if (value && typeof value === 'object' && 'province' in value) {
    const r = value as { province: string; regency?: string | null };
    return [r.regency, r.province].filter(Boolean).join(', ');
  }
  return String(value);
}

export function referralLetterPdf(l: ReferralLetter): Promise<Buffer> {
  return render(`Surat Rujukan ${l.caseNumber}`, (doc) => {
    letterhead(doc, l.letterhead);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.text(`${l.letterhead.city}, ${indonesianDate(l.issued)}`, { align: 'right' });
    doc.moveDown(0.5);
    fields(
      doc,
      [
        ['Nomor', l.number],
        ['Sifat', 'Rahasia'],
        ['Lampiran', '-'],
        ['Perihal', 'Rujukan Penanganan Pekerja Migran Indonesia'],
      ],
      70,
    );
    doc.moveDown();
    doc.text('Kepada Yth.');
    doc.text(`Pimpinan ${l.agencyName}`);
    doc.text('di Tempat');
    doc.moveDown();
    doc.text('Dengan hormat,');
    doc.text(
      'Bersama ini kami merujuk seorang Pekerja Migran Indonesia (PMI) yang sedang kami tangani untuk mendapatkan ' +
        'layanan dari instansi Bapak/Ibu, dengan keterangan sebagai berikut:',
      { align: 'justify' },
    );
    doc.moveDown(0.5);
    const r = l.returnee;
    const rows: [string, string][] = [['Nomor kasus', l.caseNumber]];
    if (r.fullName !== undefined) rows.push(['Nama', text(r.fullName)]);
    if (r.nationalId !== undefined) rows.push(['NIK', text(r.nationalId)]);
    if (r.age !== undefined) rows.push(['Umur', `${text(r.age)} tahun`]);
    if (r.sex !== undefined) rows.push(['Jenis kelamin', SEX_LABELS[String(r.sex)] ?? text(r.sex)]);
    if (r.language !== undefined) rows.push(['Bahasa', text(r.language)]);
    if (r.homeRegion !== undefined) rows.push(['Daerah asal', text(r.homeRegion)]);
    if (r.phone !== undefined) rows.push(['Nomor telepon', text(r.phone)]);
    if (r.riskTier !== undefined)
      rows.push(['Tingkat risiko', RISK_TIER_LABELS[String(r.riskTier)] ?? text(r.riskTier)]);
    if (r.disability !== undefined) rows.push(['Disabilitas', text(r.disability)]);
    if (r.safetyNotes !== undefined) rows.push(['Catatan keamanan', text(r.safetyNotes)]);
    rows.push(['Dasar rujukan', LEGAL_BASIS_LABELS[l.legalBasis] ?? l.legalBasis]);
    if (l.consentId) rows.push(['Referensi persetujuan', l.consentId]);
    fields(doc, rows);
    doc.moveDown(0.5);
    doc.text('Layanan yang dimohon:');
    l.services.forEach((s, i) => doc.text(`${i + 1}. ${serviceLabel(s)}`, left + 15, doc.y, { width: width - 15 }));
    doc.x = left;
    doc.moveDown(0.5);
    doc.text(
      'Data pribadi lainnya tidak kami cantumkan, sesuai dengan persetujuan yang bersangkutan dan prinsip data ' +
        'seminimal mungkin (Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi). ' +
        'Mohon Bapak/Ibu mengonfirmasi penerimaan rujukan ini melalui aplikasi Rujukan atau dengan mengembalikan ' +
        'tanda terima di bawah ini.',
      { align: 'justify' },
    );
    doc.moveDown(0.5);
    doc.text('Demikian kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.', {
      align: 'justify',
    });
    doc.moveDown();
    signature(doc, left + width - 210, doc.y, [`Kepala ${l.letterhead.name},`]);
    doc.x = left;
    doc.moveDown();
    // the partner signs and returns this part
    const y = doc.y;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .dash(3, { space: 3 })
      .lineWidth(0.5)
      .stroke()
      .undash();
    doc.y = y + 8;
    doc.font('Helvetica-Bold').text('TANDA TERIMA', left, doc.y, { width, align: 'center' });
    doc
      .font('Helvetica')
      .text(`Telah diterima surat rujukan Nomor ${l.number} (kasus ${l.caseNumber}).`, left, doc.y, { width });
    fields(doc, [
      ['Instansi', l.agencyName],
      ['Tanggal diterima', BLANK],
      ['Nama penerima', BLANK],
      ['Jabatan', BLANK],
      ['Tanda tangan dan cap', BLANK],
    ]);
  });
}

export function handoverLetterPdf(l: HandoverLetter): Promise<Buffer> {
  return render(`Berita Acara Serah Terima ${l.caseNumber}`, (doc) => {
    letterhead(doc, l.letterhead);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font('Helvetica-Bold').fontSize(12).text('BERITA ACARA SERAH TERIMA', { align: 'center' });
    doc.text('PEKERJA MIGRAN INDONESIA', { align: 'center' });
    doc.font('Helvetica').fontSize(11).text(`Nomor: ${l.number}`, { align: 'center' });
    doc.moveDown();
    const when = l.handedOver
      ? `${l.handedOver.weekday}, tanggal ${indonesianDate(l.handedOver)}`
      : `${BLANK}, tanggal ${BLANK}`;
    doc.text(`Pada hari ini, ${when}, bertempat di ${BLANK}, telah dilakukan serah terima Pekerja Migran Indonesia:`, {
      align: 'justify',
    });
    doc.moveDown(0.5);
    const r = l.returnee;
    fields(doc, [
      ['Nama', r.fullName],
      ['NIK', r.nationalId ?? BLANK],
      ['Jenis kelamin', r.sex ? (SEX_LABELS[r.sex] ?? r.sex) : BLANK],
      ['Umur', r.age === null ? BLANK : `${r.age} tahun`],
      ['Daerah asal', r.homeRegion ?? BLANK],
      ['Nomor kasus', l.caseNumber],
    ]);
    doc.moveDown(0.5);
    doc.text(`dari PIHAK PERTAMA, petugas ${l.letterhead.name}:`);
    fields(doc, [
      ['Nama', BLANK],
      ['NIP / Jabatan', BLANK],
    ]);
    doc.moveDown(0.5);
    const to = l.handedTo ? (HANDED_TO_LABELS[l.handedTo] ?? l.handedTo) : 'Keluarga / Kementerian Sosial (Kemensos)*';
    doc.text(`kepada PIHAK KEDUA, ${to}:`);
    fields(doc, [
      ['Nama', BLANK],
      ['Hubungan / jabatan', BLANK],
      ['Alamat', BLANK],
    ]);
    doc.moveDown(0.5);
    doc.text('disaksikan oleh SAKSI dari pemerintah daerah setempat:');
    fields(doc, [
      ['Nama', l.witness ?? BLANK],
      ['Jabatan', BLANK],
    ]);
    doc.moveDown(0.5);
    doc.text(
      'Sejak penandatanganan berita acara ini, PIHAK KEDUA menerima dan bertanggung jawab atas Pekerja Migran ' +
        'Indonesia tersebut beserta barang dan dokumen miliknya. Demikian berita acara ini dibuat dengan sebenarnya ' +
        'dalam rangkap 3 (tiga) untuk dipergunakan sebagaimana mestinya.',
      { align: 'justify' },
    );
    if (!l.handedTo) doc.fontSize(9).text('*) coret yang tidak perlu').fontSize(11);
    doc.moveDown();
    const y = doc.y;
    signature(
      doc,
      left,
      y,
      ['PIHAK KEDUA,', l.handedTo === 'KEMENSOS' ? 'Kementerian Sosial' : 'Keluarga'],
      undefined,
      l.handedTo === 'KEMENSOS',
    );
    const bottom = signature(doc, left + width - 210, y, ['PIHAK PERTAMA,', `Petugas ${l.letterhead.name}`]);
    doc.y = bottom + 10;
    signature(
      doc,
      left + (width - 210) / 2,
      doc.y,
      ['SAKSI,', 'Pemerintah Daerah'],
      l.witness ? `( ${l.witness} )` : undefined,
      false,
    );
  });
}
