import { childAt, searchKeys } from '../../src/cases/person-rules';

describe('childAt', () => {
  const arrival = new Date('2026-11-27T00:30:00Z');

  it('should call a returnee a child until the day they turn 18', () => {
    expect(childAt('2010-06-01', arrival)).toBe(true); // 16
    expect(childAt('2008-11-28', arrival)).toBe(true); // 18 tomorrow
    expect(childAt('2008-11-27', arrival)).toBe(false); // 18 today
    expect(childAt('1992-03-14', arrival)).toBe(false);
  });
});

describe('searchKeys', () => {
  it('should read a NIK, a phone in any form, a passport and a case number as the key indexes hold them', () => {
    expect(searchKeys('7271015403920002')).toMatchObject({ nationalId: '7271015403920002' });
    expect(searchKeys('0813-5550-7777').phone).toBe('6281355507777');
    expect(searchKeys('+62 813 5550 7777').phone).toBe('6281355507777');
    expect(searchKeys('c 7654321').passport).toBe('C7654321');
    expect(searchKeys('sulteng-2026-000001').caseNumber).toBe('SULTENG-2026-000001');
  });

  it('should look for a name only by its text, with no identifier probe', () => {
    expect(searchKeys('siti rahmawti')).toEqual({
      text: 'siti rahmawti',
      nationalId: null,
      passport: null,
      phone: null,
      caseNumber: null,
    });
  });
});
