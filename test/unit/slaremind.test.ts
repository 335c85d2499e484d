// Reminders and level 2 at the points of the case's SLA policy (patch policy-reminders), on the pure case machine:
// where the milestones fall, how a clock's count carries over to other points (a run carried from before the change, a
// move to another policy), which alert kind and which setting a reminder takes, and the words its message says.
import { CaseMachine } from '../../workflows/case/machine';
import { ALL_PATCHES } from '../../workflows/case/patches';
import { firedAfterMove } from '../../workflows/case/sla-migration';
import { initialCaseState, type CaseState } from '../../workflows/case/state';
import {
  createCalendar,
  deadlineFractions,
  DEFAULT_SLA_POLICY,
  FIXED_MILESTONES,
  milestoneTimes,
  policyMilestones,
  type SlaPolicy,
} from '../../workflows/definition';
import type { CaseEffects, StaffActor } from '../../workflows/types';
import { settingKind, type MessageData } from '../../src/notifications/kinds';
import { render } from '../../src/notifications/templates';

const HOUR = 3600_000;
const cw: StaffActor = { userId: 'cw', role: 'CASEWORKER' };
const CUSTOM: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  version: 'test-30-60-90',
  reminderPercents: [30, 60, 90],
  level2Percent: 150,
};
const START = Date.parse('2026-11-23T01:00:00Z');
let now = START;
let ids = 0;

// A trafficking victim: HIGH until screened, so registration is due in 1 h of plain time.
function machine(policy: SlaPolicy, patch = true, state?: CaseState): CaseMachine {
  const deps = {
    now: () => now,
    newId: () => `id-${++ids}`,
    patches: { ...ALL_PATCHES, 'policy-reminders': patch },
  };
  if (state) return new CaseMachine(state, deps);
  now = START;
  const m = new CaseMachine(
    initialCaseState({
      caseId: 'case',
      officeId: 'office',
      category: 'TPPO_VICTIM',
      arrivedAt: now,
      registeredAt: now,
      policy,
      calendar: createCalendar([]),
      slaTimeScale: 1,
    }),
    deps,
  );
  m.registered(cw, now);
  m.takeEffects();
  return m;
}

function at(m: CaseMachine, time: number): CaseEffects {
  now = time;
  m.onTimers();
  return m.takeEffects();
}

// what happened up to `hours` after the start: each reminder's percent, breaches, escalations by level
function walk(m: CaseMachine, hours: number): string[] {
  return at(m, START + hours * HOUR).events.map((e) =>
    e.type === 'sla.reminder'
      ? `reminder ${String(e.data.percent)}`
      : e.type === 'escalation.opened'
        ? `level ${String(e.data.level)}`
        : e.type,
  );
}

describe('where a clock’s milestones fall', () => {
  it('should put the fixed points exactly where deadlineFractions does, to the millisecond', () => {
    for (const span of [1, 7, 999, HOUR, 3 * HOUR + 1, 72 * HOUR - 13, 365 * 24 * HOUR + 777]) {
      const f = deadlineFractions(new Date(START), new Date(START + span));
      expect(milestoneTimes(START, START + span, FIXED_MILESTONES)).toEqual(
        [f.firstReminderAt, f.secondReminderAt, f.overdueAt, f.level2EscalationAt].map((d) => d.getTime()),
      );
    }
  });

  it('should read a policy without points as the defaults, and one with points as it says', () => {
    expect(policyMilestones(DEFAULT_SLA_POLICY)).toEqual({ reminders: [50, 80], level2: 200 });
    expect(policyMilestones(CUSTOM)).toEqual({ reminders: [30, 60, 90], level2: 150 });
    expect(milestoneTimes(0, HOUR, policyMilestones(CUSTOM))).toEqual([0.3, 0.6, 0.9, 1, 1.5].map((h) => h * HOUR));
  });
});

describe('a case under a policy of its own points', () => {
  it('should remind at 30, 60 and 90 %, breach at 100 % and reach level 2 at 150 % with the patch', () => {
    const m = machine(CUSTOM);
    expect(walk(m, 0.29)).toEqual([]);
    const first = at(m, START + 0.3 * HOUR);
    expect(first.events.map((e) => [e.type, e.data.percent])).toEqual([['sla.reminder', 30]]);
    expect(first.alerts).toEqual([{ kind: 'REMINDER', audience: { userId: 'cw' }, eventSeq: first.events[0]!.seq }]);
    expect(walk(m, 0.6)).toEqual(['reminder 60']);
    expect(m.slaState()).toBe('ON_TIME');
    expect(walk(m, 0.9)).toEqual(['reminder 90']);
    expect(m.slaState()).toBe('AT_RISK');
    expect(walk(m, 1)).toEqual(['sla.breached', 'level 1']);
    expect(m.slaState()).toBe('OVERDUE');
    expect(walk(m, 1.49)).toEqual([]);
    const level2 = at(m, START + 1.5 * HOUR);
    expect(level2.escalations.find((e) => e.level === 2)).toMatchObject({
      reason: 'the step is overdue, at 150 % of the deadline',
    });
    expect(m.nextWakeAt()).toBeNull();
  });

  it('should keep to 50, 80 and 200 % without the patch, whatever the policy says (a run from before the change)', () => {
    const m = machine(CUSTOM, false);
    const fx = at(m, START + 0.8 * HOUR);
    expect(fx.events.map((e) => e.data.percent)).toEqual([50, 80]);
    expect(fx.alerts!.map((a) => a.kind)).toEqual(['REMINDER_50', 'REMINDER_80']);
    expect(walk(m, 1.99)).toEqual(['sla.breached', 'level 1']);
    expect(walk(m, 2)).toEqual(['level 2']);
    expect(m.state.milestones).toBeUndefined();
  });

  it('should give a policy without points the defaults, with their own kinds, and keep no points in the state', () => {
    const m = machine(DEFAULT_SLA_POLICY);
    const fx = at(m, START + 0.8 * HOUR);
    expect(fx.alerts!.map((a) => a.kind)).toEqual(['REMINDER_50', 'REMINDER_80']);
    expect(walk(m, 2)).toEqual(['sla.breached', 'level 1', 'level 2']);
    expect(m.state.milestones).toBeUndefined();
  });
});

describe('a clock’s count at other points', () => {
  const carried = (patchOffUntil: number) => {
    const before = machine(CUSTOM, false);
    at(before, START + patchOffUntil * HOUR);
    return JSON.parse(JSON.stringify(before.state)) as CaseState;
  };

  it('should count a state carried from a run before the change again at the policy’s points, sending nothing', () => {
    // two reminders (50, 80) went under the fixed points; at 85 % the policy's 30 and 60 are past, 90 is to come
    const m = machine(CUSTOM, true, carried(0.85));
    expect(m.state.clocks[0]!.fired).toBe(2);
    expect(m.state.milestones).toEqual({ reminders: [30, 60, 90], level2: 150 });
    expect(m.takeEffects().events).toEqual([]);
    expect(walk(m, 0.9)).toEqual(['reminder 90']);
    expect(walk(m, 1.5)).toEqual(['sla.breached', 'level 1', 'level 2']);
  });

  it('should keep a breach a breach, and reach level 2 at once when the new point is past', () => {
    const m = machine(CUSTOM, true, carried(1.6));
    // breached under the fixed points (3 of 4): past the breach of the policy's five, level 2 (150 %) is due
    expect(m.state.clocks[0]!.fired).toBe(4);
    expect(walk(m, 1.6)).toEqual(['level 2']);
  });

  it('should count the same points as before a move (never fewer), and other points by the time gone', () => {
    const clock = { startedAt: 0, fired: 1 };
    expect(firedAfterMove(clock, HOUR, 0.2 * HOUR)).toBe(1);
    expect(firedAfterMove({ startedAt: 0, fired: 3 }, 10 * HOUR, HOUR)).toBe(3);
    const to = policyMilestones(CUSTOM);
    expect(firedAfterMove({ startedAt: 0, fired: 1 }, HOUR, 0.55 * HOUR, FIXED_MILESTONES, to)).toBe(1);
    expect(firedAfterMove({ startedAt: 0, fired: 0 }, HOUR, 0.65 * HOUR, FIXED_MILESTONES, to)).toBe(2);
    expect(firedAfterMove({ startedAt: 0, fired: 3 }, HOUR, 1.1 * HOUR, FIXED_MILESTONES, to)).toBe(4);
    expect(firedAfterMove({ startedAt: 0, fired: 5 }, HOUR, 2 * HOUR, to, FIXED_MILESTONES)).toBe(4);
  });
});

describe('a policy’s reminder, told', () => {
  it('should follow the setting of the 50 % reminder before 80 %, of the 80 % one from 80 % on', () => {
    expect(settingKind('REMINDER', 30)).toBe('REMINDER_50');
    expect(settingKind('REMINDER', 79)).toBe('REMINDER_50');
    expect(settingKind('REMINDER', 90)).toBe('REMINDER_80');
    expect(settingKind('REMINDER_80', null)).toBe('REMINDER_80');
    expect(settingKind('BREACH', null)).toBe('BREACH');
  });

  it('should say how much of the step’s time has gone, in Indonesian and in English', () => {
    const data: MessageData = {
      kind: 'REMINDER',
      caseId: 'c0ffee00-0000-4000-8000-000000000001',
      caseNumber: 'BP3MI-ST-2026-000123',
      step: 'SCREENING',
      riskTier: 'MEDIUM',
      dueAt: '2026-12-07T01:00:00.000Z',
      percent: 60,
    };
    const ctx = { consoleUrl: 'https://rujukan.bp3mi.test', timeZone: 'Asia/Makassar' };
    const id = render(data, 'id', ctx);
    expect(id.subject).toMatch(/^\[Rujukan\] Pengingat: tenggat /);
    expect(id.text).toContain('60% waktu untuk kasus BP3MI-ST-2026-000123 pada tahap ');
    expect(id.short).toContain('60% waktu');
    expect(render(data, 'en', ctx).text).toContain('60% of the time for case BP3MI-ST-2026-000123');
    expect(id.text).not.toMatch(/REMINDER|SCREENING/);
  });
});
