// Temporary shelter (step 6): placing the returnee is the step's own deadline (the SLA policy's SHELTER clock); the
// stay is a clock of its own, running on until the handover; an extension needs a supervisor's approval, who may
// also refuse it.
import {
  deadlineFor,
  SHELTER_MAX_EXTENSION_DAYS,
  SHELTER_MAX_STAY_DAYS,
  SHELTER_STAY_DAYS,
  TASK_TITLES,
} from '../../definition';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

const DAY = 24 * 60 * 60 * 1000;

// How many days an extension may add to a stay in all: 7 to the 7 days (14 in all); before the change, 14 more.
function maxExtensionDays(m: CaseMachine): number {
  return m.takes('shelter-14-days-in-all') ? SHELTER_MAX_STAY_DAYS - SHELTER_STAY_DAYS : SHELTER_MAX_EXTENSION_DAYS;
}

// Why a stay cannot be extended by `days` more; null when it can.
function extensionRefused(m: CaseMachine, days: number): string | null {
  const shelter = m.state.shelter;
  if (!shelter) return 'the returnee is not in a shelter';
  if (shelter.pendingExtensionDays !== null) return 'an extension is already waiting for approval';
  const max = maxExtensionDays(m);
  if (shelter.extendedDays + days > max) {
    return m.takes('shelter-14-days-in-all')
      ? `a shelter stay lasts at most ${SHELTER_MAX_STAY_DAYS} days in all (${max - shelter.extendedDays} more days left)`
      : `a shelter stay can be extended by at most ${max} days in all`;
  }
  return null;
}

const extensionPending = (m: CaseMachine) =>
  m.state.shelter?.pendingExtensionDays ? null : 'no shelter extension is waiting for approval';

export const shelterActions = {
  'start-shelter': {
    apply(m, p, actor) {
      const s = m.state;
      const now = m.now();
      // the stay: 7 days by the local SOPs, apart from the policy's deadline for placing the returnee
      const until = m.takes('shelter-14-days-in-all')
        ? null
        : deadlineFor('SHELTER', m.effectiveTier, new Date(now), s.calendar, s.policy, s.slaTimeScale);
      const end = until ? until.getTime() : now + Math.round(SHELTER_STAY_DAYS * DAY * s.slaTimeScale);
      s.shelter = { startedAt: now, until: end, extendedDays: 0, pendingExtensionDays: null };
      m.event('shelter.started', actor, { shelterKind: p.shelterKind ?? null, until: new Date(end).toISOString() });
      m.advance(actor);
      // The stay is its own clock, running across the next steps until the handover.
      m.addClock('SHELTER_STAY', 'SHELTER', now, end);
    },
  },

  'request-shelter-extension': {
    // a day more is the least anyone can ask for
    available: (m) => extensionRefused(m, 1),
    guard: (m, p) => extensionRefused(m, Number(p.days)),
    apply(m, p, actor) {
      const shelter = m.state.shelter!;
      const days = Number(p.days);
      shelter.pendingExtensionDays = days;
      m.event('shelter.extension_requested', actor, { days, reason: p.reason });
      m.notify('shelter.extension_requested', null, { days });
      m.openTask('APPROVAL', TASK_TITLES.shelterExtension, 'SUPERVISOR', null, shelter.until, null);
    },
  },

  'approve-shelter-extension': {
    available: extensionPending,
    apply(m, _p, actor) {
      const shelter = m.state.shelter!;
      const days = shelter.pendingExtensionDays!;
      shelter.until += Math.round(days * DAY * m.state.slaTimeScale);
      shelter.extendedDays += days;
      shelter.pendingExtensionDays = null;
      m.rearm((c) => c.kind === 'SHELTER_STAY', shelter.until);
      m.closeTasks((t) => t.kind === 'APPROVAL' && t.title.startsWith(TASK_TITLES.shelterExtension), 'DONE');
      m.event('shelter.extension_approved', actor, { days, until: new Date(shelter.until).toISOString() });
    },
  },

  // The stay ends when it was to end; the caseworker may ask again (within what is left).
  'reject-shelter-extension': {
    available: extensionPending,
    apply(m, p, actor) {
      const shelter = m.state.shelter!;
      const days = shelter.pendingExtensionDays!;
      shelter.pendingExtensionDays = null;
      m.closeTasks((t) => t.kind === 'APPROVAL' && t.title.startsWith(TASK_TITLES.shelterExtension), 'DONE');
      m.event('shelter.extension_rejected', actor, {
        days,
        reason: p.reason,
        until: new Date(shelter.until).toISOString(),
      });
    },
  },
} satisfies Partial<ActionHandlers>;
