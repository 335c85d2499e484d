import { apportion, DEFAULT_TIMINGS, draw, seeded, syntheticCases } from '../../src/simulations/case-set';
import { countOutcomes, type CaseRecord } from '../../src/simulations/results';

const HOUR = 3_600_000;

describe('what-if case sets', () => {
  it('should split the cases among the tiers by their shares, the remainders to the largest fractions', () => {
    expect(apportion(1000, { HIGH: 20, MEDIUM: 50, LOW: 30 })).toEqual({ HIGH: 200, MEDIUM: 500, LOW: 300 });
    expect(apportion(10, { HIGH: 1, MEDIUM: 1, LOW: 1 })).toEqual({ HIGH: 4, MEDIUM: 3, LOW: 3 });
    expect(apportion(7, { HIGH: 0, MEDIUM: 0, LOW: 5 })).toEqual({ HIGH: 0, MEDIUM: 0, LOW: 7 });
  });

  it('should draw the same set from the same seed, and another from another', () => {
    const spec = {
      cases: 300,
      seed: 42,
      tiers: { HIGH: 30, MEDIUM: 40, LOW: 30 },
      silentPartnerPercent: 20,
      declinePercent: 10,
      unreachablePercent: 15,
    };
    const a = syntheticCases(spec);
    expect(syntheticCases(spec)).toEqual(a);
    expect(syntheticCases({ ...spec, seed: 43 })).not.toEqual(a);
    expect(a.filter((c) => c.tier === 'HIGH')).toHaveLength(90);
    const silent = a.filter((c) => c.partner === 'SILENT').length;
    const declines = a.filter((c) => c.partner === 'DECLINES').length;
    const unreachable = a.filter((c) => c.unreachable).length;
    // 20 %, 10 % and 15 % of 300, within what chance gives
    expect(silent).toBeGreaterThan(40);
    expect(silent).toBeLessThan(80);
    expect(declines).toBeGreaterThan(15);
    expect(declines).toBeLessThan(45);
    expect(unreachable).toBeGreaterThan(25);
    expect(unreachable).toBeLessThan(70);
    // every stage takes a minute at least; a follow-up is never more than a day early
    for (const c of a) {
      for (const [stage, ms] of Object.entries(c.takes)) {
        if (stage === 'FOLLOW_UP_LATENESS') expect(ms).toBeGreaterThanOrEqual(-24 * HOUR);
        else expect(ms).toBeGreaterThanOrEqual(60_000);
      }
    }
  });

  it('should draw around the median, with a tenth of the draws past the 90th percentile', () => {
    const random = seeded(7);
    const s = DEFAULT_TIMINGS.SCREENING.MEDIUM;
    const draws = Array.from({ length: 4000 }, () => draw(s, random)).sort((x, y) => x - y);
    const below = (v: number) => draws.filter((d) => d <= v).length / draws.length;
    expect(below(s.median)).toBeGreaterThan(0.46);
    expect(below(s.median)).toBeLessThan(0.54);
    expect(below(s.p90)).toBeGreaterThan(0.87);
    expect(below(s.p90)).toBeLessThan(0.93);
  });
});

describe('what-if results', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 2, 0) + h * HOUR).toISOString();
  const event = (type: string, h: number, data: Record<string, unknown>, step = 'REGISTRATION') =>
    ({ seq: 1, type, actor: { role: 'SYSTEM' }, step, occurredAt: at(h), data }) as CaseRecord['events'][number];

  it('should count per stage and tier, partners apart, and give the median days to close', () => {
    const startedAt = Date.parse(at(0));
    const records: CaseRecord[] = [
      {
        policy: 'A',
        tier: 'MEDIUM',
        startedAt,
        events: [
          event('step.started', 0, { step: 'REGISTRATION', dueAt: at(4) }),
          event('sla.reminder', 2, { kind: 'STEP', step: 'REGISTRATION', percent: 50 }),
          event('sla.breached', 4, { kind: 'STEP', step: 'REGISTRATION' }),
          event('escalation.opened', 4, { kind: 'STEP', level: 1 }),
          event('step.started', 5, { step: 'MONITORING', dueAt: null }, 'MONITORING'),
          event('sla.reminder', 50, { kind: 'FOLLOW_UP', step: 'MONITORING', percent: 50 }, 'MONITORING'),
          event('escalation.opened', 60, { kind: 'PARTNER_SILENT', level: 1 }, 'MONITORING'),
          event('case.closed', 48, {}, 'CLOSURE'),
        ],
        partner: [
          { kind: 'DEADLINE', phase: 'ACK' },
          { kind: 'REMINDER', phase: 'ACK' },
          { kind: 'SILENCE', phase: 'ACK', level: 1 },
          { kind: 'SILENCE', phase: 'ACK', level: 2 },
        ],
      },
      { policy: 'A', tier: 'MEDIUM', startedAt, events: [event('case.closed', 96, {}, 'CLOSURE')], partner: [] },
      { policy: 'B', tier: 'LOW', startedAt, events: [], partner: [], failed: 'no' },
    ];
    const [a, b] = countOutcomes(records, [
      { label: 'A', version: 'v1' },
      { label: 'B', version: 'v2' },
    ]);
    expect(a!.stages).toEqual([
      {
        stage: 'REGISTRATION',
        tier: 'MEDIUM',
        deadlines: 1,
        reminders: 1,
        breaches: 1,
        escalations1: 1,
        escalations2: 0,
      },
      {
        stage: 'REFERRAL_ACK',
        tier: 'MEDIUM',
        deadlines: 1,
        reminders: 1,
        breaches: 1,
        escalations1: 1,
        escalations2: 1,
      },
      { stage: 'FOLLOW_UP', tier: 'MEDIUM', deadlines: 0, reminders: 1, breaches: 0, escalations1: 0, escalations2: 0 },
    ]);
    expect(a!.totals).toEqual({ deadlines: 2, reminders: 3, breaches: 2, escalations1: 2, escalations2: 1 });
    expect(a!.closed).toBe(2);
    expect(a!.medianDaysToClose).toBe(3); // 2 and 4 days
    expect(b).toMatchObject({
      cases: 1,
      closed: 0,
      failed: 1,
      failures: [{ reason: 'no', count: 1 }],
      medianDaysToClose: null,
      stages: [],
    });
  });
});
