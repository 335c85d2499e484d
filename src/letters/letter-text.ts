// The wording of printed letters that does not depend on a case: dates in Indonesian, the letter number in the
// form of government letters (Tata Naskah Dinas), and the labels of codes. No framework imports.

import type { OfficeTimeZone } from '../../workflows/definition';

export type LetterKind = 'REFERRAL' | 'HANDOVER';

// RJK: rujukan; BAST: berita acara serah terima.
const KIND_CODE: Record<LetterKind, string> = { REFERRAL: 'RJK', HANDOVER: 'BAST' };
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export type LocalDate = { weekday: string; day: number; month: number; monthName: string; year: number };

// The calendar date of an instant where the office is (its own time zone, offices.time_zone), in Indonesian
// ("Minggu", 6, "Desember", 2026).
export function localDate(at: Date, timeZone: OfficeTimeZone | 'UTC'): LocalDate {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('id-ID', { ...options, timeZone }).format(at);
  return {
    weekday: part({ weekday: 'long' }),
    day: Number(part({ day: 'numeric' })),
    month: Number(part({ month: 'numeric' })),
    monthName: part({ month: 'long' }),
    year: Number(part({ year: 'numeric' })),
  };
}

// "6 Desember 2026"
export function indonesianDate(d: LocalDate): string {
  return `${d.day} ${d.monthName} ${d.year}`;
}

// A calendar day as the API gives it ("2026-10-01"), as "1 Oktober 2026": the day itself, no zone to convert from.
export function dayInWords(day: string): string {
  return indonesianDate(localDate(new Date(`${day}T00:00:00Z`), 'UTC'));
}

// How an office names its time zone.
export const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

// B.7/BP3MI-SULTENG/RJK/XII/2026: classification B (biasa), running number, issuer, kind, month in Roman numerals,
// year.
export function letterNumber(args: {
  seq: number;
  officeCode: string;
  kind: LetterKind;
  month: number;
  year: number;
}): string {
  return `B.${args.seq}/BP3MI-${args.officeCode}/${KIND_CODE[args.kind]}/${ROMAN_MONTHS[args.month - 1]}/${args.year}`;
}

// The services partners are asked for, as a caseworker writes them; an unknown code is printed as it is.
const SERVICE_LABELS: Record<string, string> = {
  SHELTER: 'Penampungan sementara (rumah aman / shelter)',
  COUNSELLING: 'Konseling psikologis',
  CASE_MANAGEMENT: 'Manajemen kasus',
  MEDIATION: 'Mediasi',
  ACCOMPANIMENT: 'Pendampingan korban',
  MEDICAL: 'Pemeriksaan dan perawatan medis',
  FORENSIC: 'Pemeriksaan forensik (visum et repertum)',
  SOCIAL_REHABILITATION: 'Rehabilitasi sosial',
  TPPO_INVESTIGATION: 'Penyelidikan tindak pidana perdagangan orang (TPPO)',
  PROTECTION: 'Perlindungan keamanan',
  HANDOVER: 'Serah terima ke keluarga / daerah asal',
  REINTEGRATION: 'Reintegrasi dan pemberdayaan',
  MONITORING: 'Pemantauan',
};

export function serviceLabel(code: string): string {
  return SERVICE_LABELS[code] ?? code;
}

export const SEX_LABELS: Record<string, string> = { F: 'Perempuan', M: 'Laki-laki' };
export const RISK_TIER_LABELS: Record<string, string> = { HIGH: 'Tinggi', MEDIUM: 'Sedang', LOW: 'Rendah' };
export const HANDED_TO_LABELS: Record<string, string> = {
  FAMILY: 'Keluarga',
  KEMENSOS: 'Kementerian Sosial (Kemensos)',
};
