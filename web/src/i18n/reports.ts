// The words of the reports page (Laporan). The label and definition of every figure, column and table come from
// the one definitions module the API, the exports, the PDF and the README read too (src/reports/report-definitions.ts,
// which imports nothing, so the console bundles it): the tooltip says exactly what the PDF says.
import { COLUMNS, FIGURES, REPORT_TITLES, TABLES, type Definition } from '../../../src/reports/report-definitions';
import type { Shape } from './id';

type Lang = 'id' | 'en';
const words = <T extends Record<string, Definition>>(defs: T, lang: Lang) =>
  Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, { ...d[lang] }])) as {
    [K in keyof T]: { label: string; definition: string };
  };
const titles = (lang: Lang) =>
  Object.fromEntries(Object.entries(REPORT_TITLES).map(([k, v]) => [k, v[lang]])) as Record<
    keyof typeof REPORT_TITLES,
    string
  >;

export const id = {
  reports: {
    title: 'Laporan kinerja',
    intro: 'Angka kantor untuk satu periode. Pilih tanda (i) di samping angka untuk melihat cara menghitungnya.',
    office: 'Kantor',
    national: 'Seluruh Indonesia',
    period: 'Periode',
    periods: { month: 'Bulanan', quarter: 'Triwulan', year: 'Tahunan', custom: 'Rentang tanggal' },
    month: 'Bulan',
    quarter: 'Triwulan',
    year: 'Tahun',
    from: 'Dari tanggal',
    to: 'Sampai tanggal',
    category: 'Kategori PMI',
    allCategories: 'Semua kategori',
    show: 'Tampilkan',
    pdf: 'Unduh laporan PDF',
    csv: 'Unduh CSV',
    xlsx: 'Unduh XLSX',
    downloadOf: '{{format}}: {{table}}',
    covers: '{{office}}, {{from}} s.d. {{to}} ({{zone}})',
    nationalZone: 'Angka nasional dihitung dalam WIB.',
    definitionOf: 'Definisi: {{label}}',
    none: 'Tidak ada data dalam periode ini.',
    noValue: '–',
    hours: '{{value}} jam',
    percent: '{{value}} %',
    level: 'Tingkat {{level}}',
    chartOf: 'Grafik: {{table}}',
    reportTitles: titles('id'),
    figures: words(FIGURES, 'id'),
    columns: words(COLUMNS, 'id'),
    tables: words(TABLES, 'id'),
  },
};

export const en: Shape<typeof id> = {
  reports: {
    title: 'Performance reports',
    intro: 'The office’s figures for a period. Choose the (i) beside a figure to see how it is counted.',
    office: 'Office',
    national: 'All of Indonesia',
    period: 'Period',
    periods: { month: 'Month', quarter: 'Quarter', year: 'Year', custom: 'Date range' },
    month: 'Month',
    quarter: 'Quarter',
    year: 'Year',
    from: 'From',
    to: 'To',
    category: 'Category of returnee',
    allCategories: 'All categories',
    show: 'Show',
    pdf: 'Download the PDF report',
    csv: 'Download CSV',
    xlsx: 'Download XLSX',
    downloadOf: '{{format}}: {{table}}',
    covers: '{{office}}, {{from}} to {{to}} ({{zone}})',
    nationalZone: 'National figures are counted in WIB.',
    definitionOf: 'Definition: {{label}}',
    none: 'Nothing in this period.',
    noValue: '–',
    hours: '{{value}} h',
    percent: '{{value}} %',
    level: 'Level {{level}}',
    chartOf: 'Chart: {{table}}',
    reportTitles: titles('en'),
    figures: words(FIGURES, 'en'),
    columns: words(COLUMNS, 'en'),
    tables: words(TABLES, 'en'),
  },
};
