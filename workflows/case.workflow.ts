// The case workflow: the truth of where one returnee's case stands. It runs the CaseMachine of case/machine.ts,
// sleeps until the next deadline milestone or message, and has activities write every effect to PostgreSQL.
// Deterministic: imports only @temporalio/workflow, files of workflows/, and activity types.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { acts } from './activities';
import { CaseMachine } from './case/machine';
import { PROCESS_PATCHES, type ProcessPatches } from './case/patches';
import { ActionRejected } from './case/rejected';
import { migrateCase, previewMigration } from './case/sla-migration';
import { initialCaseState, type CaseState } from './case/state';
import { calendarInZone, createCalendar, DEFAULT_SLA_POLICY, hasYear } from './definition';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  extendReferralSignal,
  migrateSlaPolicyUpdate,
  notificationSignal,
  notificationsSignal,
  performActionUpdate,
  personUpdatedUpdate,
  previewSlaPolicyQuery,
  referralSignal,
  resolveEscalationUpdate,
  revokeReferralSignal,
} from './messages';
import { referralWorkflow } from './referral.workflow';
import { CaseStatusKey, CaseStepKey, DueAtKey, OfficeIdKey, RiskTierKey } from './search-attributes';
import {
  caseWorkflowId,
  referralWorkflowId,
  type CaseProjection,
  type CaseSignal,
  type CaseWorkflowInput,
} from './types';

// Continue-as-new well before Temporal's own limits, so a year-long case keeps a short history.
const HISTORY_EVENTS_BEFORE_CONTINUE = 2000;
// A closed case can be reopened for a year; then its workflow ends (the read model keeps everything).
const REOPEN_WINDOW_MS = 365 * 24 * 60 * 60 * 1000;

export async function caseWorkflow(input: CaseWorkflowInput, continued?: CaseState): Promise<void> {
  const state =
    continued ??
    initialCaseState({
      caseId: input.caseId,
      officeId: input.officeId,
      category: input.category,
      arrivedAt: Date.parse(input.arrival.arrivedAt),
      registeredAt: Date.parse(input.registeredAt),
      policy: input.policy ?? DEFAULT_SLA_POLICY,
      calendar: calendarInZone(input.calendar ?? createCalendar([]), input.timeZone),
      slaTimeScale: input.slaTimeScale,
      childByBirth: input.childByBirth,
    });
  const machine = new CaseMachine(state, {
    now: () => Date.now(),
    newId: uuid4,
    patches: Object.fromEntries(PROCESS_PATCHES.map((p) => [p, patched(p)])) as ProcessPatches,
  });
  const pendingSignals: CaseSignal[] = [];
  // bumped by every handler that changes the case, so the main loop re-reads its next wake-up time
  let changes = 0;
  let registered = continued !== undefined;

  // One transition at a time: handlers await activities, and two must not interleave their effects.
  let busy = false;
  const inTurn = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };

  const flush = async (register?: boolean): Promise<void> => {
    while (machine.hasEffects() || register) {
      const { startReferrals, revokeReferrals, extendReferrals, ...effects } = machine.takeEffects();
      await acts.applyCaseEffects({
        caseId: state.caseId,
        register: register ? { input, workflowId: workflowInfo().workflowId } : undefined,
        effects,
        projection: projection(machine),
      });
      register = false;
      for (const referral of startReferrals) {
        // The referral runs on in its own workflow; it outlives a continue-as-new of the case.
        await startChild(referralWorkflow, {
          workflowId: referralWorkflowId(referral.id),
          args: [
            {
              caseId: state.caseId,
              caseWorkflowId: caseWorkflowId(state.caseId),
              officeId: state.officeId,
              referral,
              tier: machine.effectiveTier,
              policy: state.policy,
              calendar: state.calendar,
              slaTimeScale: state.slaTimeScale,
            },
          ],
          parentClosePolicy: 'ABANDON',
        });
      }
      for (const { referralId, dueAt } of extendReferrals ?? []) {
        await getExternalWorkflowHandle(referralWorkflowId(referralId))
          .signal(extendReferralSignal, { dueAt })
          .catch((err: unknown) =>
            log.warn('a referral to extend has already ended', { referralId, error: (err as Error).message }),
          );
      }
      for (const { referralId, reason, actor } of revokeReferrals) {
        // the referral records the revocation, tells its partner, and signals the case back (referral.revoked)
        await getExternalWorkflowHandle(referralWorkflowId(referralId))
          .signal(revokeReferralSignal, { reason, actor })
          .catch((err: unknown) =>
            log.warn('a referral to revoke has already ended', { referralId, error: (err as Error).message }),
          );
      }
    }
    const due = machine.dueAt();
    upsertSearchAttributes([
      { key: CaseStatusKey, value: state.status },
      { key: CaseStepKey, value: state.step },
      { key: RiskTierKey, value: state.tier },
      { key: OfficeIdKey, value: state.officeId },
      { key: DueAtKey, value: due === null ? null : new Date(due) },
    ]);
  };

  const rejected = (err: ActionRejected) =>
    ApplicationFailure.create({
      type: 'ACTION_NOT_ALLOWED',
      message: err.message,
      details: [err.allowedActions],
      nonRetryable: true,
    });

  // One change of the case by a person: applied in turn, its effects written, the new snapshot returned.
  const transition = (change: () => void) =>
    inTurn(async () => {
      // A change either happens whole or not at all: a payload the machine cannot read (the API validates them,
      // but the workflow must not depend on it) fails this Update and leaves the case as it was, rather than
      // failing the workflow task and stalling the case.
      const before = JSON.stringify(state);
      try {
        changes += 1;
        change();
      } catch (err) {
        Object.assign(state, JSON.parse(before));
        machine.takeEffects();
        if (err instanceof ActionRejected) throw rejected(err);
        throw ApplicationFailure.create({
          type: 'INVALID_PAYLOAD',
          message: `the action could not be applied: ${(err as Error).message}`,
          nonRetryable: true,
        });
      }
      await flush();
      return machine.snapshot();
    });

  setHandler(caseSnapshotQuery, () => machine.snapshot());
  setHandler(awaitRegistrationUpdate, async () => {
    await condition(() => registered);
    return machine.snapshot();
  });
  setHandler(
    performActionUpdate,
    // checked again in apply(): another action may have moved the case since the validator ran
    (action) => transition(() => machine.apply(action)),
    {
      validator: (action) => {
        const reason = machine.reasonNotAllowed(action);
        if (reason) throw rejected(new ActionRejected(reason, machine.allowedActions(action.actor.role)));
      },
    },
  );
  setHandler(resolveEscalationUpdate, (resolution) => transition(() => machine.resolveEscalation(resolution)), {
    validator: (resolution) => {
      const open = state.escalations.find((e) => e.id === resolution.escalationId && e.status === 'OPEN');
      if (!open) throw rejected(new ActionRejected('no open escalation with that id', []));
    },
  });
  setHandler(personUpdatedUpdate, (update) => transition(() => machine.personUpdated(update)));
  // A new handler, not a change of what a run does: no history before it holds this Update, so every one replays
  // as it ran, and a case started before it can be moved too (a patch asked at a run's start would have kept every
  // case open at deploy time from ever being moved).
  setHandler(migrateSlaPolicyUpdate, async (request) => {
    let outcome: ReturnType<typeof migrateCase> | undefined;
    await transition(() => {
      outcome = migrateCase(machine, request);
    });
    return outcome!;
  });
  setHandler(previewSlaPolicyQuery, ({ policy, at }) => previewMigration(machine, policy, Date.parse(at)));
  setHandler(referralSignal, (signal) => {
    pendingSignals.push(signal);
  });
  setHandler(notificationSignal, (signal) => {
    pendingSignals.push(signal);
  });
  // A new handler, not a change of what a run does (as migrateSlaPolicy): the deliveries an agency's queue ended
  setHandler(notificationsSignal, (signals) => {
    pendingSignals.push(...signals);
  });

  if (!registered) {
    if (!hasYear(state.calendar, new Date(state.stepStartedAt).getUTCFullYear())) {
      log.warn('no holiday calendar for this year: working days count only weekends', {
        year: new Date(state.stepStartedAt).getUTCFullYear(),
      });
    }
    machine.registered(input.registeredBy, state.stepStartedAt);
    await inTurn(() => flush(true));
    registered = true;
  }

  for (;;) {
    if (state.status === 'CLOSED') {
      const reopened = await condition(
        () => state.status === 'OPEN' || pendingSignals.length > 0,
        Math.round(REOPEN_WINDOW_MS * state.slaTimeScale),
      );
      changes += 1;
      if (!reopened) {
        await condition(allHandlersFinished);
        return;
      }
    } else {
      const wakeAt = machine.nextWakeAt();
      const seen = changes;
      const woken = () => pendingSignals.length > 0 || changes !== seen;
      if (wakeAt === null) await condition(woken);
      else if (wakeAt > Date.now()) await condition(woken, wakeAt - Date.now());
    }
    await inTurn(async () => {
      for (const signal of pendingSignals.splice(0)) {
        if (signal.kind === 'NOTIFICATION') machine.onNotification(signal);
        else machine.onReferral(signal);
      }
      machine.onTimers();
      await flush();
    });

    const info = workflowInfo();
    if (
      info.continueAsNewSuggested ||
      info.historyLength > (input.continueAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE)
    ) {
      // finish what handlers are doing, then carry the whole state into a fresh history
      await condition(() => allHandlersFinished() && !busy);
      await continueAsNew<typeof caseWorkflow>(input, machine.state);
    }
  }
}

function projection(machine: CaseMachine): CaseProjection {
  const s = machine.snapshot();
  return {
    lastEventSeq: s.lastEventSeq,
    status: s.status,
    currentStep: s.currentStep,
    riskTier: s.riskTier,
    assigneeId: s.assigneeId,
    dueAt: s.dueAt,
    slaState: s.slaState,
    escalationLevel: s.escalationLevel,
    allowedActions: s.allowedActions,
    policyVersion: s.policyVersion,
  };
}
