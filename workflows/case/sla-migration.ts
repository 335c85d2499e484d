// Moving a running case to another SLA policy version (issue 20, "moving running cases"): which clocks move and to
// what deadline, computed by the same deadline code the case ran under, from each clock's own start. Pure: the
// case's Update applies it (machine.ts), the preview Query reports it without changing anything.
import {
  deadlineFor,
  FIXED_MILESTONES,
  milestoneTimes,
  policyMilestones,
  sameMilestones,
  type HolidayCalendar,
  type MilestonePercents,
  type RiskTier,
  type SlaPolicy,
} from '../definition';
import type { Clock, SlaMigrationClock, SlaMigrationOutcome, SlaMigrationPreview, SlaMigrationRequest } from '../types';
import type { CaseMachine } from './machine';

export type MovedClock = {
  clockId: string;
  step: Clock['step'];
  startedAt: number;
  oldDueAt: number;
  // null: the new policy gives the step no deadline for this tier, and the clock stops
  newDueAt: number | null;
  // past its new deadline at `now`: it breaches (and escalates) at once
  lateNow: boolean;
};

export type PolicyMove = {
  // the clocks whose deadline comes from the policy, with their new deadline
  moved: MovedClock[];
  // the open clocks that keep their deadline: set by a person (an EXTEND) or by a rule, not by the policy
  kept: { clockId: string; step: Clock['step']; dueAt: number }[];
};

type Basis = { tier: RiskTier; calendar: HolidayCalendar; slaTimeScale: number };

// A step's clock takes the new policy when its deadline is what the old policy gives from its start: a deadline a
// supervisor extended (the clock then starts at the extension), or one a rule sets (reintegration a year from
// the return), is not the policy's to move. Other kinds of clock (shelter stay, follow-ups, reviews) are not in
// the policy at all.
export function policyMove(
  clocks: readonly Clock[],
  from: SlaPolicy,
  to: SlaPolicy,
  basis: Basis,
  now: number,
): PolicyMove {
  const out: PolicyMove = { moved: [], kept: [] };
  for (const c of clocks) {
    const under = (p: SlaPolicy) =>
      deadlineFor(c.step, basis.tier, new Date(c.startedAt), basis.calendar, p, basis.slaTimeScale)?.getTime() ?? null;
    if (c.kind !== 'STEP' || under(from) !== c.dueAt) {
      out.kept.push({ clockId: c.id, step: c.step, dueAt: c.dueAt });
      continue;
    }
    const newDueAt = under(to);
    out.moved.push({
      clockId: c.id,
      step: c.step,
      startedAt: c.startedAt,
      oldDueAt: c.dueAt,
      newDueAt,
      lateNow: newDueAt !== null && newDueAt <= now,
    });
  }
  return out;
}

// How many of a moved clock's milestones count as done: never fewer than before (a breach already recorded stays,
// a longer policy un-lates nothing), and the reminders whose time under the new deadline has already passed are
// counted as sent without being sent: a reminder late by the move would say "half the time is left" when none is.
// The breach and level 2, when past, are left to fire at once, as the new policy says. Counted at `from`'s points
// before and at `to`'s after (policy-reminders: a policy's own reminders and level 2): a breach stays a breach, and
// at other points the reminders still ahead are sent when they come.
export function firedAfterMove(
  clock: Pick<Clock, 'startedAt' | 'fired'>,
  newDueAt: number,
  now: number,
  from: MilestonePercents = FIXED_MILESTONES,
  to: MilestonePercents = from,
): number {
  const before = from.reminders.length;
  const after = to.reminders.length;
  if (clock.fired > before) return after + (clock.fired - before);
  const times = milestoneTimes(clock.startedAt, newDueAt, to);
  const pastReminders = times.slice(0, after).filter((t) => t <= now).length;
  const sent = sameMilestones(from, to) ? clock.fired : 0;
  return Math.max(sent, pastReminders);
}

const iso = (ms: number) => new Date(ms).toISOString();

function clocksOut(move: PolicyMove): SlaMigrationClock[] {
  return move.moved.map((c) => ({
    clockId: c.clockId,
    step: c.step,
    startedAt: iso(c.startedAt),
    oldDueAt: iso(c.oldDueAt),
    newDueAt: c.newDueAt === null ? null : iso(c.newDueAt),
    lateNow: c.lateNow,
  }));
}

function moveOf(m: CaseMachine, policy: SlaPolicy, now: number): PolicyMove {
  const s = m.state;
  const basis = { tier: m.effectiveTier, calendar: s.calendar, slaTimeScale: s.slaTimeScale };
  return policyMove(s.clocks, s.policy, policy, basis, now);
}

// What a move to `policy` would do at `now`; nothing changes. A Query's own clock is the time of the workflow's
// last task, not the present: the caller says when it asks.
export function previewMigration(m: CaseMachine, policy: SlaPolicy, now: number): SlaMigrationPreview {
  const s = m.state;
  const move = moveOf(m, policy, now);
  return {
    status: s.status,
    step: s.step,
    tier: m.effectiveTier,
    fromVersion: s.policy.version,
    toVersion: policy.version,
    clocks: clocksOut(move),
    kept: move.kept.map((k) => ({ clockId: k.clockId, step: k.step, dueAt: iso(k.dueAt) })),
  };
}

// The move itself: the case runs under the new version from now on (the steps it enters next too), its policy
// clocks take their new deadlines, the timeline says so, and a clock now past its deadline breaches and escalates
// at once through the usual milestones.
export function migrateCase(m: CaseMachine, req: SlaMigrationRequest): SlaMigrationOutcome {
  const s = m.state;
  const fromVersion = s.policy.version;
  const base = { fromVersion, toVersion: req.policy.version, clocks: [] };
  if ((s.migrations ?? []).includes(req.migrationId)) return { ...base, outcome: 'ALREADY_MOVED' };
  if (s.status !== 'OPEN') return { ...base, outcome: 'CLOSED' };
  const now = m.now();
  const move = moveOf(m, req.policy, now);
  const stopped = new Set(move.moved.filter((c) => c.newDueAt === null).map((c) => c.clockId));
  const points = m.milestonePercents;
  for (const c of s.clocks) {
    const moved = move.moved.find((x) => x.clockId === c.id);
    if (!moved || moved.newDueAt === null) continue;
    c.fired = firedAfterMove(c, moved.newDueAt, now, points);
    c.dueAt = moved.newDueAt;
  }
  // a run under policy-reminders takes the new policy's points too, for every clock it keeps
  if (m.takes('policy-reminders')) m.countMilestonesAt(policyMilestones(req.policy), now);
  m.dropClocks((c) => stopped.has(c.id));
  m.resolveOpenEscalations('NO_DEADLINE_UNDER_NEW_POLICY', (e) => stopped.has(e.clockId));
  s.policy = req.policy;
  (s.migrations ??= []).push(req.migrationId);
  const clocks = clocksOut(move);
  m.event(
    'sla.policy_migrated',
    { userId: req.actor.userId, role: req.actor.role },
    {
      migrationId: req.migrationId,
      fromVersion,
      toVersion: req.policy.version,
      clocks: clocks.map(({ clockId, step, oldDueAt, newDueAt, lateNow }) => ({
        clockId,
        step,
        oldDueAt,
        newDueAt,
        lateNow,
      })),
    },
  );
  m.updateStepTaskDue();
  m.onTimers();
  return { ...base, outcome: 'MOVED', clocks };
}
