// The case as a state machine: pure and deterministic, so the workflow can run it and unit tests can drive it
// without a server. It never reads the clock or makes ids itself: the workflow hands it `now` and `newId`.
// This file is the kernel (the checks every action goes through, clocks, tasks, escalations, events and the effects
// they ask the activities to write); what each action does is its handler in actions/, what partners' answers and
// notifications do is in signals.ts, an escalation's resolution in escalation.ts.
import {
  ACTION_RULES,
  ACTION_TYPES,
  BREACH_REASONS,
  computeRiskTier,
  deadlineFor,
  FIXED_MILESTONES,
  milestoneTimes,
  monitoringSchedule,
  nextStep,
  oneYearAfter,
  policyMilestones,
  RECEIVING_OFFICE_ACTIONS,
  sameMilestones,
  stepTaskTitle,
  TIER_RANK,
  type ActionType,
  type CasePlan,
  type ClockKind,
  type MilestonePercents,
  type RiskTier,
  type Role,
  type StepId,
} from '../definition';
import type {
  Actor,
  AlertAudience,
  AlertKind,
  CaseAction,
  CaseActionOf,
  CaseEffects,
  CaseEventDraft,
  CaseSnapshot,
  Clock,
  ConsentRecord,
  EscalationRecord,
  EscalationResolution,
  NotificationRequest,
  NotificationSignal,
  PersonUpdate,
  ReferralRecord,
  ReferralSignal,
  SlaState,
  StaffActor,
  TaskRecord,
} from '../types';
import { ACTION_HANDLERS } from './actions';
import { changeTier } from './actions/intake';
import { resolveEscalation } from './escalation';
import { ActionRejected } from './rejected';
import { ALL_PATCHES, type ProcessPatch, type ProcessPatches } from './patches';
import { onNotification, onReferral } from './signals';
import { firedAfterMove } from './sla-migration';
import type { CaseState } from './state';

const STAFF_ROLES: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'HEAD'];
// clocks that run on when the case moves to its next step
const OUTLIVE_THE_STEP: readonly ClockKind[] = ['SHELTER_STAY', 'SUPERVISOR_REVIEW', 'TRANSFER_APPROVAL'];
export const SYSTEM: Actor = { userId: null, role: 'SYSTEM' };

export type MachineDeps = {
  now: () => number;
  newId: () => string;
  // which of the process changes this run takes (patches.ts); all of them when not given
  patches?: ProcessPatches;
};

const EMPTY_EFFECTS = (): CaseEffects => ({
  events: [],
  tasks: [],
  escalations: [],
  referrals: [],
  consents: [],
  notifications: [],
  startReferrals: [],
  revokeReferrals: [],
  alerts: [],
  extendReferrals: [],
});

export class CaseMachine {
  private fx: CaseEffects = EMPTY_EFFECTS();

  constructor(
    readonly state: CaseState,
    readonly deps: MachineDeps,
  ) {
    // a run under policy-reminders counts its clocks at its policy's points; a state carried from a run before it
    // (continue-as-new) was counted at the fixed ones, and is counted again (no reminder is sent for it)
    if (this.takes('policy-reminders')) this.countMilestonesAt(policyMilestones(state.policy), deps.now());
  }

  now(): number {
    return this.deps.now();
  }

  newId(): string {
    return this.deps.newId();
  }

  // Whether this run takes a change of the process (patches.ts).
  takes(patch: ProcessPatch): boolean {
    return (this.deps.patches ?? ALL_PATCHES)[patch];
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  // Where this case's clocks remind, breach and reach level 2: its policy's points under policy-reminders.
  get milestonePercents(): MilestonePercents {
    return this.takes('policy-reminders') ? (this.state.milestones ?? FIXED_MILESTONES) : FIXED_MILESTONES;
  }

  // Until screening sets the tier, a trafficking victim is handled as HIGH, anyone else as MEDIUM.
  get effectiveTier(): RiskTier {
    return this.state.tier ?? (this.state.category === 'TPPO_VICTIM' ? 'HIGH' : 'MEDIUM');
  }

  // A child wherever the process asks (guardian consent, supervisor approval, tier): by the screening's flag, or
  // under 18 at arrival by the date of birth whatever the flag says.
  get isChild(): boolean {
    return Boolean(this.state.flags.child || this.state.childByBirth);
  }

  get plan(): CasePlan {
    const s = this.state;
    return {
      tier: this.effectiveTier,
      indicators: s.indicators,
      flags: s.flags,
      rehabilitation: s.rehabilitationPlanned,
      reintegration: s.reintegrationPlanned,
      refused: s.refused,
    };
  }

  // Why this action may not be taken now; null when it may.
  reasonNotAllowed(action: CaseAction): string | null {
    const s = this.state;
    const rule = ACTION_RULES[action.type];
    if (!rule) return `unknown action ${String(action.type)}`;
    if (!rule.roles.includes(action.actor.role)) return `${action.type} needs the role ${rule.roles.join(' or ')}`;
    // only the office that has the case acts on it; the office it is being handed to only decides on the handover
    const actorOffice = action.actor.officeId;
    if (this.takes('office-transfer') && actorOffice && actorOffice !== s.officeId) {
      if (!RECEIVING_OFFICE_ACTIONS.includes(action.type)) return 'the case belongs to another office';
    }
    if (rule.at === 'CLOSED') {
      if (s.status !== 'CLOSED') return `${action.type} applies only to a closed case`;
    } else {
      if (s.status !== 'OPEN') return 'the case is closed';
      if (rule.at !== 'OPEN' && !rule.at.includes(s.step)) return `${action.type} is not possible at step ${s.step}`;
    }
    if (action.expectedStep && action.expectedStep !== s.step) {
      return `the case is at step ${s.step}, not ${action.expectedStep}`;
    }
    return this.handlerSays(action);
  }

  private handlerSays<K extends ActionType>(action: CaseActionOf<K>): string | null {
    const handler = ACTION_HANDLERS[action.type];
    if (handler.guard) return handler.guard(this, action.payload, action.actor);
    return handler.available?.(this, action.actor.role) ?? null;
  }

  // The actions this role may take now (what the client sends is checked when it sends it).
  allowedActions(role: Role): ActionType[] {
    return ACTION_TYPES.filter((type) => {
      const rule = ACTION_RULES[type];
      if (!rule.roles.includes(role)) return false;
      if (rule.at === 'CLOSED') return this.state.status === 'CLOSED';
      if (this.state.status !== 'OPEN') return false;
      if (rule.at !== 'OPEN' && !rule.at.includes(this.state.step)) return false;
      return (ACTION_HANDLERS[type].available?.(this, role) ?? null) === null;
    });
  }

  dueAt(): number | null {
    // the case's deadline is its own work's: a handover's decision is the receiving office's, on its own task
    const due = this.state.clocks.filter((c) => c.kind !== 'TRANSFER_APPROVAL').map((c) => c.dueAt);
    return due.length ? Math.min(...due) : null;
  }

  // OVERDUE past a breach; AT_RISK once the last reminder before a deadline has gone (80 % by default)
  slaState(): SlaState {
    const reminders = this.milestonePercents.reminders.length;
    const fired = this.state.clocks.map((c) => c.fired);
    if (fired.some((f) => f > reminders)) return 'OVERDUE';
    if (fired.some((f) => f >= reminders)) return 'AT_RISK';
    return 'ON_TIME';
  }

  escalationLevel(): 0 | 1 | 2 {
    const open = this.state.escalations.filter((e) => e.status === 'OPEN').map((e) => e.level);
    return open.length ? (Math.max(...open) as 1 | 2) : 0;
  }

  snapshot(): CaseSnapshot {
    const s = this.state;
    const due = this.dueAt();
    return {
      caseId: s.caseId,
      officeId: s.officeId,
      transfer: s.transfer
        ? { toOfficeId: s.transfer.toOfficeId, requestedAt: new Date(s.transfer.requestedAt).toISOString() }
        : null,
      status: s.status,
      currentStep: s.step,
      riskTier: s.tier,
      dueAt: due === null ? null : new Date(due).toISOString(),
      slaState: this.slaState(),
      escalationLevel: this.escalationLevel(),
      assigneeId: s.assigneeId,
      lastEventSeq: s.seq,
      policyVersion: s.policy.version,
      clocks: s.clocks.map((c) => ({ ...c })),
      openTasks: s.tasks.filter((t) => t.status === 'OPEN'),
      openEscalations: s.escalations.filter((e) => e.status === 'OPEN'),
      referrals: s.referrals.map((r) => ({ ...r })),
      consents: s.consents.map((c) => ({ ...c })),
      allowedActions: Object.fromEntries(STAFF_ROLES.map((r) => [r, this.allowedActions(r)])) as Record<
        Role,
        ActionType[]
      >,
    };
  }

  // ---- what comes in -------------------------------------------------------------------------------------------

  registered(actor: Actor, at: number): void {
    // The caseworker who registers the returnee carries the case until a supervisor reassigns it.
    if (actor.role === 'CASEWORKER') this.state.assigneeId = actor.userId;
    this.event(
      'case.registered',
      actor,
      {
        category: this.state.category,
        officeId: this.state.officeId,
        policyVersion: this.state.policy.version,
        assigneeId: this.state.assigneeId,
      },
      at,
    );
    this.enterStep('REGISTRATION', at);
  }

  apply(action: CaseAction): void {
    const reason = this.reasonNotAllowed(action);
    if (reason) throw new ActionRejected(reason, this.allowedActions(action.actor.role));
    this.perform(action);
  }

  private perform<K extends ActionType>(action: CaseActionOf<K>): void {
    // The note that came with the action, at the step it was written at: only its id (the words are in
    // PostgreSQL). A payload of a case from before notes were kept apart has none, and replays as it ran.
    const noteId = (action.payload as { noteId?: unknown }).noteId;
    if (typeof noteId === 'string') this.event('note.added', action.actor, { noteId, action: action.type });
    ACTION_HANDLERS[action.type].apply(this, action.payload, action.actor);
  }

  resolveEscalation(r: EscalationResolution): void {
    resolveEscalation(this, r);
  }

  // Staff changed the returnee's file in PostgreSQL: the timeline names the fields and the change rows, never the
  // values. A new date of birth may make the returnee a child (or not): a child is HIGH from screening on.
  personUpdated(u: PersonUpdate): void {
    const s = this.state;
    this.event('person.updated', u.actor, { fields: [...u.fields], changeIds: [...u.changeIds] });
    if (u.childByBirth === undefined || u.childByBirth === Boolean(s.childByBirth)) return;
    s.childByBirth = u.childByBirth;
    if (u.childByBirth && s.status === 'OPEN' && s.tier !== null && s.tier !== 'HIGH') {
      changeTier(this, u.actor, 'HIGH', 'under 18 by the date of birth');
    }
  }

  // A partner answered, or the caseworker revoked (the referral workflow tells us).
  onReferral(signal: ReferralSignal): void {
    onReferral(this, signal);
  }

  // A notification delivery ended.
  onNotification(signal: NotificationSignal): void {
    onNotification(this, signal);
  }

  // Fires every clock milestone that is due; returns true when something happened.
  onTimers(): boolean {
    const now = this.deps.now();
    let changed = false;
    for (const clock of [...this.state.clocks]) {
      const m = this.milestones(clock);
      while (clock.fired < m.length && m[clock.fired]! <= now) {
        clock.fired += 1;
        this.milestone(clock, clock.fired);
        changed = true;
      }
    }
    return changed;
  }

  nextWakeAt(): number | null {
    let next: number | null = null;
    for (const clock of this.state.clocks) {
      const at = this.milestones(clock)[clock.fired];
      if (at !== undefined && (next === null || at < next)) next = at;
    }
    return next;
  }

  hasEffects(): boolean {
    const f = this.fx;
    return (
      f.events.length +
        f.tasks.length +
        f.escalations.length +
        f.referrals.length +
        f.consents.length +
        f.notifications.length +
        f.startReferrals.length +
        f.revokeReferrals.length +
        (f.alerts?.length ?? 0) +
        (f.extendReferrals?.length ?? 0) >
      0
    );
  }

  takeEffects(): CaseEffects {
    const out = this.fx;
    this.fx = EMPTY_EFFECTS();
    return out;
  }

  // ---- the kernel: what handlers change the case through -------------------------------------------------------

  private milestone(clock: Clock, n: number): void {
    const s = this.state;
    const data = { clockId: clock.id, kind: clock.kind, step: clock.step, dueAt: new Date(clock.dueAt).toISOString() };
    const at = this.milestonePercents;
    if (n <= at.reminders.length) {
      const percent = at.reminders[n - 1]!;
      this.event('sla.reminder', SYSTEM, { ...data, percent });
      // to the assignee; a supervisor's review, or a case nobody carries, to the office's supervisors
      const assignee = clock.kind === 'SUPERVISOR_REVIEW' ? null : s.assigneeId;
      this.alert(reminderKind(percent), assignee ? { userId: assignee } : this.officeRole('SUPERVISOR'));
      return;
    }
    if (n === at.reminders.length + 1) {
      s.breaches += 1;
      this.event('sla.breached', SYSTEM, { ...data, breachNumber: s.breaches });
      this.alert('BREACH', this.officeRole('SUPERVISOR'));
      if (clock.kind === 'SUPERVISOR_REVIEW')
        return this.openEscalation(
          1,
          clock.id,
          'SUPERVISOR_REVIEW_OVERDUE',
          'the review of a referral without consent is overdue',
        );
      // A second breach on the same case goes straight to level 2.
      this.openEscalation(s.breaches >= 2 ? 2 : 1, clock.id, clock.kind, BREACH_REASONS[clock.kind]);
      return;
    }
    // level 2: 200 %, or the policy's point
    const past = at.level2 === 200 ? 'at twice the deadline' : `at ${at.level2} % of the deadline`;
    this.openEscalation(2, clock.id, clock.kind, `${BREACH_REASONS[clock.kind]}, ${past}`);
  }

  // The instants of a clock's milestones at this case's points.
  milestones(clock: Clock): number[] {
    return milestoneTimes(clock.startedAt, clock.dueAt, this.milestonePercents);
  }

  // From now on the clocks count at `to` (a run's start, a move to another policy): what each has passed so far is
  // counted again at the new points, with their deadline as it is (sla-migration.ts, firedAfterMove).
  countMilestonesAt(to: MilestonePercents, now: number): void {
    const s = this.state;
    const from = s.milestones ?? FIXED_MILESTONES;
    if (sameMilestones(from, to)) return;
    for (const c of s.clocks) c.fired = firedAfterMove(c, c.dueAt, now, from, to);
    if (sameMilestones(to, FIXED_MILESTONES)) delete s.milestones;
    else s.milestones = { reminders: [...to.reminders], level2: to.level2 };
  }

  openEscalation(level: 1 | 2, clockId: string, kind: string, reason: string): void {
    const s = this.state;
    const existing = s.escalations.find((e) => e.status === 'OPEN' && e.clockId === clockId);
    if (existing && existing.level >= level) return;
    if (existing) this.resolve(existing, 'RAISED_TO_LEVEL_2');
    const tppoOrHigh = this.effectiveTier === 'HIGH' || s.indicators.length > 0 || s.category === 'TPPO_VICTIM';
    const escalation: EscalationRecord = {
      id: this.deps.newId(),
      level,
      kind,
      reason,
      clockId,
      step: s.step,
      status: 'OPEN',
      openedAt: new Date(this.deps.now()).toISOString(),
      assignedRole: level === 1 ? 'SUPERVISOR' : 'HEAD',
      notifyTaskForce: level === 2 && tppoOrHigh,
      resolution: null,
      resolvedAt: null,
      resolvedBy: null,
    };
    s.escalations.push(escalation);
    this.fx.escalations.push({ ...escalation });
    this.event('escalation.opened', SYSTEM, {
      escalationId: escalation.id,
      level,
      kind,
      reason,
      assignedRole: escalation.assignedRole,
      notifyTaskForce: escalation.notifyTaskForce,
    });
    const referral = s.referrals.find((r) => r.id === clockId);
    if (referral) this.notify('referral.escalated', referral.agencyId, { referralId: referral.id, level });
    this.alertEscalation(escalation, referral?.agencyId ?? null);
  }

  // Level 1 to the supervisors of the office; level 2 to its head, the head of the partner unit when the late clock
  // is a referral's, and for TPPO or HIGH the provincial task force, which also gets a signed webhook.
  private alertEscalation(e: EscalationRecord, agencyId: string | null): void {
    if (!this.takes('alert-recipients')) return;
    if (e.level === 1) return this.alert('ESCALATION_1', this.officeRole('SUPERVISOR'), e.id);
    this.alert('ESCALATION_2', this.officeRole('HEAD'), e.id);
    if (agencyId) this.alert('ESCALATION_2', { agencyId, partnerHead: true }, e.id);
    if (e.notifyTaskForce) {
      this.alert('ESCALATION_2', { taskForceOf: this.state.officeId }, e.id);
      this.notify('case.escalated', null, { escalationId: e.id, level: e.level, kind: e.kind, step: e.step });
    }
  }

  private officeRole(role: 'SUPERVISOR' | 'HEAD'): AlertAudience {
    return { officeId: this.state.officeId, role };
  }

  // An alert of the event just written, for the activity to resolve to its recipients.
  private alert(kind: AlertKind, audience: AlertAudience, escalationId?: string): void {
    if (!this.takes('alert-recipients')) return;
    this.fx.alerts!.push({ kind, audience, eventSeq: this.state.seq, ...(escalationId ? { escalationId } : {}) });
  }

  resolve(e: EscalationRecord, resolution: string): void {
    e.status = 'RESOLVED';
    e.resolution = resolution;
    e.resolvedAt = new Date(this.deps.now()).toISOString();
    this.fx.escalations.push({ ...e });
  }

  // A task changed by a handler (moved to another office): written as it now is.
  saveTask(t: TaskRecord): void {
    this.fx.tasks.push({ ...t });
  }

  // An escalation closed by a person: written as it now is.
  saveEscalation(e: EscalationRecord): void {
    this.fx.escalations.push({ ...e });
  }

  resolveOpenEscalations(resolution: string, match: (e: EscalationRecord) => boolean = () => true): void {
    for (const e of this.state.escalations.filter((x) => x.status === 'OPEN' && match(x))) this.resolve(e, resolution);
  }

  // Leaves the current step for `to` (by default the next step that applies to the case).
  advance(actor: Actor, to?: StepId): void {
    const s = this.state;
    const now = this.deps.now();
    const from = s.step;
    if (this.takes('tier-recheck-at-step')) this.recheckTier(from);
    const target = to ?? nextStep(from, this.plan);
    const leaving = new Set(
      s.clocks.filter((c) => c.step === from && !OUTLIVE_THE_STEP.includes(c.kind)).map((c) => c.id),
    );
    this.dropClocks((c) => leaving.has(c.id));
    this.resolveOpenEscalations('STEP_COMPLETED', (e) => leaving.has(e.clockId));
    this.closeTasks((t) => t.kind === 'STEP' && t.step === from, 'DONE');
    this.event('step.completed', actor, { step: from, next: target });
    this.enterStep(target, now);
  }

  // The tier the findings give now: indicators, flags, and a child by date of birth.
  findingsTier(): RiskTier {
    const s = this.state;
    return computeRiskTier(s.indicators, this.isChild ? { ...s.flags, child: true } : s.flags);
  }

  // PROCESS.md: the tier is re-checked as each step completes. It rises by itself when the findings call for more
  // than the tier and more than they did when a person last set it (a supervisor's lowering stands); it never falls.
  private recheckTier(completed: StepId): void {
    const s = this.state;
    const found = this.findingsTier();
    // the screening has just set the tier from the findings; a state from before the basis was kept starts here
    if (completed === 'SCREENING' || (s.tier !== null && s.tierBasis === undefined)) {
      s.tierBasis = found;
      return;
    }
    const higher = (t: RiskTier | undefined) => t === undefined || TIER_RANK[found] > TIER_RANK[t];
    if (higher(this.effectiveTier) && (s.tier === null || higher(s.tierBasis))) {
      s.tierBasis = found;
      changeTier(this, SYSTEM, found, 're-check at step completion');
    }
  }

  enterStep(step: StepId, at: number): void {
    const s = this.state;
    s.step = step;
    s.stepStartedAt = at;
    if (step === 'MONITORING') {
      s.monitoring = {
        schedule: monitoringSchedule(this.effectiveTier, at, s.slaTimeScale),
        index: 0,
        failedAttempts: 0,
      };
      this.addFollowUpClock(at);
    } else if (step === 'REINTEGRATION' && this.effectiveTier === 'LOW' && this.takes('reintegration-from-return')) {
      // PROCESS.md step 10, LOW: within one year of the return date (arrival home, else the handover)
      const returned = s.returnedAt ?? at;
      this.addClock('STEP', step, returned, oneYearAfter(returned, s.slaTimeScale));
    } else {
      this.addStepClock(step, at);
    }
    const due = this.dueAt();
    this.openTask('STEP', stepTaskTitle(step), 'CASEWORKER', s.assigneeId, due, null, step);
    // the home-region office must know the returnee is coming (Permen P2MI 32/2025 Pasal 13(h))
    if (step === 'RETURN_HANDOVER') this.notify('arrival.notice', null, {});
    this.event('step.started', SYSTEM, { step, dueAt: due === null ? null : new Date(due).toISOString() }, at);
  }

  addStepClock(step: StepId, at: number): void {
    const due = deadlineFor(
      step,
      this.effectiveTier,
      new Date(at),
      this.state.calendar,
      this.state.policy,
      this.state.slaTimeScale,
    );
    if (due) this.addClock('STEP', step, at, due.getTime());
  }

  addFollowUpClock(from: number): void {
    const m = this.state.monitoring!;
    const due = m.schedule[m.index];
    if (due !== undefined) this.addClock('FOLLOW_UP', 'MONITORING', from, due);
  }

  updateStepTaskDue(): void {
    const due = this.dueAt();
    for (const t of this.state.tasks.filter((x) => x.kind === 'STEP' && x.status === 'OPEN')) {
      t.dueAt = due === null ? null : new Date(due).toISOString();
      this.fx.tasks.push({ ...t });
    }
  }

  assign(userId: string | null): void {
    this.state.assigneeId = userId;
    for (const t of this.state.tasks.filter((x) => x.kind === 'STEP' && x.status === 'OPEN')) {
      t.assigneeId = userId;
      this.fx.tasks.push({ ...t });
    }
  }

  addClock(kind: ClockKind, step: StepId, startedAt: number, dueAt: number, ref?: string): Clock {
    const clock: Clock = { id: this.deps.newId(), kind, step, startedAt, dueAt, fired: 0, ...(ref ? { ref } : {}) };
    this.state.clocks.push(clock);
    return clock;
  }

  dropClocks(match: (c: Clock) => boolean): void {
    this.state.clocks = this.state.clocks.filter((c) => !match(c));
  }

  // Starts matching clocks over towards a new deadline, so their reminders fire again.
  rearm(match: (c: Clock) => boolean, dueAt: number, startedAt?: number): void {
    for (const c of this.state.clocks.filter(match)) {
      if (startedAt !== undefined) c.startedAt = startedAt;
      c.dueAt = dueAt;
      c.fired = 0;
    }
    this.updateStepTaskDue();
  }

  openTask(
    kind: TaskRecord['kind'],
    title: string,
    role: Role,
    assigneeId: string | null,
    due: number | null,
    clockId: string | null,
    step?: StepId,
    officeId?: string,
  ): void {
    const task: TaskRecord = {
      id: this.deps.newId(),
      kind,
      title,
      step: step ?? this.state.step,
      role,
      assigneeId,
      dueAt: due === null ? null : new Date(due).toISOString(),
      status: 'OPEN',
      clockId,
      ...(officeId ? { officeId } : {}),
    };
    this.state.tasks.push(task);
    this.fx.tasks.push({ ...task });
  }

  closeTasks(match: (t: TaskRecord) => boolean, status: 'DONE' | 'CANCELLED'): void {
    for (const t of this.state.tasks.filter((x) => x.status === 'OPEN' && match(x))) {
      t.status = status;
      this.fx.tasks.push({ ...t });
    }
    // closed tasks live on in PostgreSQL; the workflow keeps only the open ones
    this.state.tasks = this.state.tasks.filter((t) => t.status === 'OPEN');
  }

  saveConsent(consent: ConsentRecord): void {
    this.fx.consents.push(consent);
  }

  saveReferral(referral: ReferralRecord): void {
    this.fx.referrals.push({ ...referral });
  }

  // A new referral runs on in its own workflow.
  startReferral(referral: ReferralRecord): void {
    this.fx.startReferrals.push({ ...referral });
  }

  // A referral the case itself ends: its workflow revokes it and tells the partner (referral.revoked).
  revokeReferral(referralId: string, reason: string, actor: StaffActor): void {
    this.fx.revokeReferrals.push({ referralId, reason, actor: { userId: actor.userId, role: actor.role } });
  }

  // A referral whose partner's deadline a supervisor extended: its workflow moves the deadline.
  extendReferral(referralId: string, dueAt: number): void {
    (this.fx.extendReferrals ??= []).push({ referralId, dueAt: new Date(dueAt).toISOString() });
  }

  notify(type: NotificationRequest['type'], agencyId: string | null, data: Record<string, unknown>): void {
    this.fx.notifications.push({ type, agencyId, data, eventSeq: this.state.seq });
  }

  event(type: string, actor: Actor, data: Record<string, unknown>, at?: number): void {
    const s = this.state;
    s.seq += 1;
    const draft: CaseEventDraft = {
      seq: s.seq,
      type,
      actor,
      step: s.step,
      occurredAt: new Date(at ?? this.deps.now()).toISOString(),
      data,
    };
    this.fx.events.push(draft);
  }
}

// The kinds of PROCESS.md's reminders stay theirs (every history, inbox and setting knows them); a reminder at any
// other point of a policy is a REMINDER, its percent in its event.
function reminderKind(percent: number): AlertKind {
  return percent === 50 ? 'REMINDER_50' : percent === 80 ? 'REMINDER_80' : 'REMINDER';
}
