// The rules of a draft SLA policy: every refused field named, tier inversions refused unless confirmed, the diff
// against the version in force, the name a publish gives.
import { checkDraft, diffPolicies, draftOf, publishedVersionName } from '../../src/admin/sla-draft-rules';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';

type Editable = {
  deadlines: Record<string, Record<string, unknown>>;
  reminderPercents: unknown;
  level2Percent: unknown;
};

const valid = (): Editable => JSON.parse(JSON.stringify(draftOf(DEFAULT_SLA_POLICY))) as Editable;

function fields(draft: Editable, confirm = false): string[] {
  const sut = checkDraft(draft, confirm);
  return 'problems' in sut ? sut.problems.map((p) => p.field) : [];
}

describe('checkDraft', () => {
  it('should take the default policy with its reminders and threshold as they are', () => {
    const sut = checkDraft(valid());
    expect(sut).toEqual({ policy: { ...draftOf(DEFAULT_SLA_POLICY) } });
    expect(draftOf(DEFAULT_SLA_POLICY)).toMatchObject({ reminderPercents: [50, 80], level2Percent: 200 });
  });

  it.each([
    ['zero', { amount: 0, unit: 'hours' }, 'deadlines.SCREENING.MEDIUM.amount'],
    ['negative', { amount: -3, unit: 'hours' }, 'deadlines.SCREENING.MEDIUM.amount'],
    ['a fraction', { amount: 2.5, unit: 'hours' }, 'deadlines.SCREENING.MEDIUM.amount'],
    ['over a year', { amount: 366, unit: 'days' }, 'deadlines.SCREENING.MEDIUM.amount'],
    ['over a year of hours', { amount: 8761, unit: 'hours' }, 'deadlines.SCREENING.MEDIUM.amount'],
    ['an unknown unit', { amount: 3, unit: 'weeks' }, 'deadlines.SCREENING.MEDIUM.unit'],
    ['a string', '3h', 'deadlines.SCREENING.MEDIUM'],
  ])('should refuse %s, naming the field', (_, duration, field) => {
    const draft = valid();
    draft.deadlines.SCREENING!.MEDIUM = duration;
    expect(fields(draft)).toEqual([field]);
  });

  it('should take a year exactly, in days or in hours', () => {
    const draft = valid();
    draft.deadlines.REINTEGRATION!.LOW = { amount: 365, unit: 'days' };
    draft.deadlines.REFERRAL!.LOW = { amount: 8760, unit: 'hours' };
    expect(fields(draft)).toEqual([]);
  });

  it('should refuse an unknown step or tier', () => {
    const draft = valid();
    draft.deadlines.DANCING = { HIGH: null, MEDIUM: null, LOW: null };
    draft.deadlines.SCREENING!.URGENT = { amount: 1, unit: 'hours' };
    expect(fields(draft)).toEqual(['deadlines.DANCING', 'deadlines.SCREENING.URGENT']);
  });

  it.each([
    [[80, 50], 'decreasing'],
    [[50, 50], 'repeated'],
    [[0, 50], 'zero'],
    [[50, 100], 'a hundred'],
    [[50.5], 'a fraction'],
    [[], 'none'],
    [[10, 20, 30, 40, 50, 60], 'six'],
    ['50,80', 'a string'],
    [null, 'null'],
  ])('should refuse reminders %j (%s)', (reminders: unknown, _what: string) => {
    const draft = valid();
    draft.reminderPercents = reminders;
    expect(fields(draft)).toEqual(['reminderPercents']);
  });

  it.each([[100], [99], [1001], [150.5], ['200'], [null]])('should refuse a level-2 threshold of %j', (level2) => {
    const draft = valid();
    draft.level2Percent = level2;
    expect(fields(draft)).toEqual(['level2Percent']);
  });

  it('should take a threshold just above 100 and of 1000, and one reminder', () => {
    for (const level2 of [101, 1000]) {
      const draft = valid();
      draft.level2Percent = level2;
      draft.reminderPercents = [75];
      expect(fields(draft)).toEqual([]);
    }
  });

  it('should refuse a HIGH deadline longer than the MEDIUM one, and MEDIUM than LOW, unless confirmed', () => {
    const draft = valid();
    draft.deadlines.SCREENING!.HIGH = { amount: 4, unit: 'hours' }; // MEDIUM is 3 h
    draft.deadlines.ASSESSMENT!.MEDIUM = { amount: 15, unit: 'days' }; // LOW is 14 d
    const sut = checkDraft(draft);
    expect('problems' in sut && sut.problems).toEqual([
      { field: 'deadlines.SCREENING', problems: [expect.stringMatching(/^HIGH \(4 hours\) is longer than MEDIUM/)] },
      { field: 'deadlines.ASSESSMENT', problems: [expect.stringMatching(/^MEDIUM \(15 days\) is longer than LOW/)] },
    ]);
    expect(fields(draft, true)).toEqual([]);
  });

  it('should compare tiers by length across units, and not a tier without a deadline', () => {
    const draft = valid();
    draft.deadlines.SCREENING!.HIGH = { amount: 1, unit: 'days' }; // 24 h
    draft.deadlines.SCREENING!.MEDIUM = { amount: 24, unit: 'hours' };
    draft.deadlines.TPPO_REPORT!.MEDIUM = { amount: 300, unit: 'hours' }; // LOW is null
    expect(fields(draft)).toEqual([]);
  });

  it('should report every problem at once', () => {
    const draft = valid();
    draft.deadlines.SCREENING!.MEDIUM = { amount: 0, unit: 'hours' };
    draft.reminderPercents = [80, 50];
    draft.level2Percent = 50;
    expect(fields(draft)).toEqual(['deadlines.SCREENING.MEDIUM.amount', 'reminderPercents', 'level2Percent']);
  });
});

describe('diffPolicies', () => {
  it('should list only what changes, per step and tier, with its direction, in table order', () => {
    const draft = JSON.parse(JSON.stringify(draftOf(DEFAULT_SLA_POLICY))) as ReturnType<typeof draftOf>;
    const d = draft.deadlines as unknown as Record<string, Record<string, unknown>>;
    d.SCREENING!.MEDIUM = { amount: 2, unit: 'hours' };
    d.REGISTRATION!.LOW = { amount: 2, unit: 'days' };
    d.TPPO_REPORT!.LOW = { amount: 7, unit: 'days' };
    d.EMERGENCY_CARE!.HIGH = null;
    d.REFERRAL!.HIGH = { amount: 1, unit: 'days' }; // 24 h
    draft.reminderPercents = [40, 75, 90];

    const sut = diffPolicies(DEFAULT_SLA_POLICY, draft);

    expect(sut.deadlines).toEqual([
      {
        step: 'REGISTRATION',
        tier: 'LOW',
        old: { amount: 24, unit: 'hours' },
        new: { amount: 2, unit: 'days' },
        direction: 'longer',
      },
      {
        step: 'SCREENING',
        tier: 'MEDIUM',
        old: { amount: 3, unit: 'hours' },
        new: { amount: 2, unit: 'hours' },
        direction: 'shorter',
      },
      { step: 'EMERGENCY_CARE', tier: 'HIGH', old: { amount: 1, unit: 'hours' }, new: null, direction: 'removed' },
      { step: 'TPPO_REPORT', tier: 'LOW', old: null, new: { amount: 7, unit: 'days' }, direction: 'added' },
      {
        step: 'REFERRAL',
        tier: 'HIGH',
        old: { amount: 24, unit: 'hours' },
        new: { amount: 1, unit: 'days' },
        direction: 'sameLength',
      },
    ]);
    expect(sut.reminderPercents).toEqual({ old: [50, 80], new: [40, 75, 90], changed: true });
    expect(sut.level2Percent).toEqual({ old: 200, new: 200, changed: false });
  });

  it('should read a stored version without reminders or threshold as the defaults', () => {
    const inForce: SlaPolicy = { ...DEFAULT_SLA_POLICY, reminderPercents: [60, 90], level2Percent: 300 };
    const sut = diffPolicies(inForce, draftOf(DEFAULT_SLA_POLICY));
    expect(sut.deadlines).toEqual([]);
    expect(sut.reminderPercents).toEqual({ old: [60, 90], new: [50, 80], changed: true });
    expect(sut.level2Percent).toEqual({ old: 300, new: 200, changed: true });
  });
});

describe('publishedVersionName', () => {
  it('should name the province, the year and the next number', () => {
    expect(publishedVersionName('Sulawesi Tengah', 2026, [])).toBe('sulawesi-tengah-2026.1');
    expect(
      publishedVersionName('Sulawesi Tengah', 2026, [
        'sulawesi-tengah-2026.1',
        'sulawesi-tengah-2026.7',
        'sulawesi-tengah-2025.9',
        'sulawesi-tengah-2026.x',
        'id-default-2026.1',
      ]),
    ).toBe('sulawesi-tengah-2026.8');
    expect(publishedVersionName('ID', 2027, ['id-default-2026.1'])).toBe('id-2027.1');
    expect(publishedVersionName('Nusa Tenggara Barat', 2026, [])).toBe('nusa-tenggara-barat-2026.1');
  });
});
