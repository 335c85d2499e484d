// The wording of printed letters: the date where the office is, in Indonesian, and the letter number.
import { indonesianDate, letterNumber, localDate, serviceLabel } from '../../src/letters/letter-text';

describe('letter text', () => {
  it('should give the date in Indonesian in WITA, a day later than UTC after 16:00', () => {
    const d = localDate(new Date('2026-12-06T16:30:00Z'), 'Asia/Makassar');
    expect(d).toEqual({ weekday: 'Senin', day: 7, month: 12, monthName: 'Desember', year: 2026 });
    expect(indonesianDate(d)).toBe('7 Desember 2026');
    expect(indonesianDate(localDate(new Date('2026-08-17T01:00:00Z'), 'Asia/Makassar'))).toBe('17 Agustus 2026');
  });

  it('should take the year of the office, not of UTC, on New Year’s Eve', () => {
    expect(localDate(new Date('2026-12-31T17:00:00Z'), 'Asia/Makassar')).toMatchObject({
      day: 1,
      month: 1,
      monthName: 'Januari',
      year: 2027,
      weekday: 'Jumat',
    });
  });

  it('should number letters as government letters: running number, issuer, kind, Roman month, year', () => {
    expect(letterNumber({ seq: 7, officeCode: 'SULTENG', kind: 'REFERRAL', month: 12, year: 2026 })).toBe(
      'B.7/BP3MI-SULTENG/RJK/XII/2026',
    );
    expect(letterNumber({ seq: 112, officeCode: 'NTB', kind: 'HANDOVER', month: 4, year: 2027 })).toBe(
      'B.112/BP3MI-NTB/BAST/IV/2027',
    );
  });

  it('should print a service by its Indonesian label, and an unknown code as it is', () => {
    expect(serviceLabel('MEDICAL')).toBe('Pemeriksaan dan perawatan medis');
    expect(serviceLabel('LEGAL_AID')).toBe('LEGAL_AID');
  });
});
