// The case as a state machine: pure and deterministic, so the workflow can run it and unit tests can drive it
// without a server. It never reads the clock or makes ids itself: the workflow hands it `now` and `newId`.
import {
  ACTION_RULES,
  computeRiskTier,
  deadlineFor,
  deadlineFractions,
  FAILED_FOLLOW_UPS_BEFORE_ESCALATION,
  monitoringSchedule,
  nextStep,
  REHABILITATION_MAX_DAYS,
  REHABILITATION_REVIEW_DAYS,
  SHELTER_MAX_EXTENSION_DAYS,
  TIER_RANK,
  VITAL_INTEREST_REVIEW_HOURS,
  type ActionType,
  type CasePlan,
  type CaseCategory,
  type HolidayCalendar,
  type RiskTier,
  type Role,
  type ScreeningFlags,
  type SlaPolicy,
  type StepId,
} from './definition';
import type {
  Actor,
  CaseAction,
  CaseEffects,
  CaseEventDraft,
  CaseSnapshot,
  CaseStatus,
  Clock,
  ClockKind,
  ConsentRecord,
  EscalationRecord,
  EscalationResolution,
  NotificationRequest,
  NotificationSignal,
  ReferralRecord,
  ReferralSignal,
  SlaState,
  TaskRecord,
} from './types';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const STAFF_ROLES: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'HEAD'];

export type CaseState = {
  caseId: string;
  officeId: string;
  category: CaseCategory;
  arrivedAt: number;
  policy: SlaPolicy;
  calendar: HolidayCalendar;
  slaTimeScale: number;
  status: CaseStatus;
  step: StepId;
  stepStartedAt: number;
  tier: RiskTier | null;
  indicators: string[];
  flags: ScreeningFlags;
  rehabilitationPlanned: boolean | null;
  reintegrationPlanned: boolean | null;
  refused: boolean;
  assigneeId: string | null;
  breaches: number;
  clocks: Clock[];
  escalations: EscalationRecord[];
  tasks: TaskRecord[];
  referrals: ReferralRecord[];
  consents: ConsentRecord[];
  closureProposed: boolean;
  shelter: { startedAt: number; until: number; extendedDays: number; pendingExtensionDays: number | null } | null;
  rehabilitationStartedAt: number | null;
  monitoring: { schedule: number[]; index: number; failedAttempts: number } | null;
  seq: number;
};

export class ActionRejected extends Error {
  constructor(
    message: string,
    readonly allowedActions: ActionType[],
  ) {
    super(message);
  }
}

export type MachineDeps = {
  now: () => number;
  newId: () => string;
  // PROCESS.md: without a consent only a supervisor may refer, on vital interest. Cases started before this rule was
  // enforced for LEGAL_OBLIGATION (workflow patch 'consent-gate-every-basis') keep the rule they ran under on replay.
  consentGateEveryBasis?: boolean;
};

export function initialCaseState(args: {
  caseId: string;
  officeId: string;
  category: CaseCategory;
  arrivedAt: number;
  registeredAt: number;
  policy: SlaPolicy;
  calendar: HolidayCalendar;
  slaTimeScale: number;
}): CaseState {
  return {
    caseId: args.caseId,
    officeId: args.officeId,
    category: args.category,
    arrivedAt: args.arrivedAt,
    policy: args.policy,
    calendar: args.calendar,
    slaTimeScale: args.slaTimeScale,
    status: 'OPEN',
    step: 'REGISTRATION',
    stepStartedAt: args.registeredAt,
    tier: null,
    indicators: [],
    flags: {},
    rehabilitationPlanned: null,
    reintegrationPlanned: null,
    refused: false,
    assigneeId: null,
    breaches: 0,
    clocks: [],
    escalations: [],
    tasks: [],
    referrals: [],
    consents: [],
    closureProposed: false,
    shelter: null,
    rehabilitationStartedAt: null,
    monitoring: null,
    seq: 0,
  };
}

const EMPTY_EFFECTS = (): CaseEffects => ({ events: [], tasks: [], escalations: [], referrals: [], consents: [], notifications: [], startReferrals: [], revokeReferrals: [] });

export class CaseMachine {
  private fx: CaseEffects = EMPTY_EFFECTS();

  constructor(
    readonly state: CaseState,
    private readonly deps: MachineDeps,
  ) {}

  // ---- reading -------------------------------------------------------------------------------------------------

  // Until screening sets the tier, a trafficking victim is handled as HIGH, anyone else as MEDIUM.
  get effectiveTier(): RiskTier {
    return this.state.tier ?? (this.state.category === 'TPPO_VICTIM' ? 'HIGH' : 'MEDIUM');
  }

  private get plan(): CasePlan {
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

  // The actions this role may take now; the reason is null when allowed.
  reasonNotAllowed(action: CaseAction): string | null {
    const s = this.state;
    const rule = ACTION_RULES[action.type];
    if (!rule) return `unknown action ${String(action.type)}`;
    if (!rule.roles.includes(action.actor.role)) return `${action.type} needs the role ${rule.roles.join(' or ')}`;
    if (rule.at === 'CLOSED') {
      if (s.status !== 'CLOSED') return `${action.type} applies only to a closed case`;
    } else {
      if (s.status !== 'OPEN') return 'the case is closed';
      if (rule.at !== 'OPEN' && !rule.at.includes(s.step)) return `${action.type} is not possible at step ${s.step}`;
    }
    if (action.expectedStep && action.expectedStep !== s.step) {
      return `the case is at step ${s.step}, not ${action.expectedStep}`;
    }
    return this.stateRule(action);
  }

  // Rules that depend on more than the step.
  private stateRule(action: CaseAction): string | null {
    const s = this.state;
    const p = action.payload as Record<string, unknown>;
    const isSupervisor = action.actor.role === 'SUPERVISOR' || action.actor.role === 'HEAD';
    switch (action.type) {
      case 'complete-screening': {
        const requested = p.riskTier as RiskTier | undefined;
        const computed = computeRiskTier((p.indicators as string[]) ?? [], (p.flags as ScreeningFlags) ?? {});
        if (requested && TIER_RANK[requested] < TIER_RANK[computed] && !isSupervisor) {
          return `the screening gives ${computed}; only a supervisor may set a lower tier`;
        }
        return null;
      }
      case 'change-risk-tier': {
        const to = p.riskTier as RiskTier;
        if (to === this.effectiveTier) return `the tier is already ${to}`;
        if (TIER_RANK[to] < TIER_RANK[this.effectiveTier] && !isSupervisor) return 'only a supervisor may lower a risk tier';
        return null;
      }
      case 'record-consent':
        if (Date.parse(String(p.expiresAt)) <= this.deps.now()) return 'the consent has already expired';
        if (s.flags.child && p.givenBy !== 'GUARDIAN') return 'for a child, a parent or guardian gives consent';
        return null;
      case 'send-referral': {
        const agencyId = String(p.agencyId);
        if (s.referrals.some((r) => r.agencyId === agencyId && !isTerminal(r.status))) {
          return 'a referral to this agency is already under way';
        }
        if (s.flags.child && !isSupervisor) return 'a referral for a child needs a supervisor';
        if (p.legalBasis === 'VITAL_INTEREST') {
          if (!isSupervisor) return 'only a supervisor may refer without consent (vital interest)';
          if (this.effectiveTier !== 'HIGH') return 'a referral without consent (vital interest) is only for a HIGH case';
          return null;
        }
        if (p.legalBasis === 'CONSENT' || this.deps.consentGateEveryBasis) {
          if (p.consentId === undefined || p.consentId === null) {
            return 'a referral needs a recorded consent covering the agency (consentId); without one, only a supervisor may refer a HIGH case on vital interest';
          }
          const consent = s.consents.find((c) => c.id === p.consentId);
          if (!consent) return 'no consent with that id on this case';
          if (consent.withdrawnAt) return 'that consent was withdrawn';
          if (Date.parse(consent.expiresAt) <= this.deps.now()) return 'that consent has expired';
          if (consent.recipientAgencyId !== agencyId) return 'that consent does not cover this agency';
          if (consent.purpose !== 'REFERRAL') return 'that consent does not cover a referral';
        }
        return null;
      }
      case 'request-shelter-extension': {
        if (!s.shelter) return 'the returnee is not in a shelter';
        if (s.shelter.pendingExtensionDays !== null) return 'an extension is already waiting for approval';
        const days = Number(p.days);
        if (s.shelter.extendedDays + days > SHELTER_MAX_EXTENSION_DAYS) {
          return `a shelter stay can be extended by at most ${SHELTER_MAX_EXTENSION_DAYS} days in all`;
        }
        return null;
      }
      case 'approve-shelter-extension':
        return s.shelter?.pendingExtensionDays ? null : 'no shelter extension is waiting for approval';
      case 'withdraw-consent': {
        const active = s.consents.filter((c) => c.withdrawnAt === null);
        if (p.consentId === undefined) return active.length > 0 ? null : 'there is no consent to withdraw';
        const consent = s.consents.find((c) => c.id === p.consentId);
        if (!consent) return 'no consent with that id on this case';
        return consent.withdrawnAt === null ? null : 'that consent was already withdrawn';
      }
      case 'review-referral': {
        // (without a referralId: whether any referral awaits a review, for allowedActions)
        if (p.referralId === undefined) return s.referrals.some((r) => r.legalBasis === 'VITAL_INTEREST' && !r.review) ? null : 'no referral made without consent awaits a review';
        const referral = s.referrals.find((r) => r.id === p.referralId);
        if (!referral) return 'no referral with that id on this case';
        if (referral.legalBasis !== 'VITAL_INTEREST') return 'only a referral made without consent (vital interest) is reviewed';
        if (referral.review) return 'that referral has already been reviewed';
        if (p.outcome === 'REVOKED' && (isTerminal(referral.status) || referral.status === 'DECLINED')) return `that referral is ${referral.status.toLowerCase()} already: record the review as UPHELD`;
        return null;
      }
      case 'start-rehabilitation':
        return s.rehabilitationStartedAt === null ? null : 'rehabilitation has already started';
      case 'record-rehabilitation-review':
      case 'complete-rehabilitation':
        return s.rehabilitationStartedAt !== null ? null : 'rehabilitation has not started';
      case 'propose-closure':
        return s.closureProposed ? 'closure is already proposed' : null;
      case 'approve-closure':
      case 'reject-closure':
        return s.closureProposed ? null : 'closure has not been proposed';
      default:
        return null;
    }
  }

  allowedActions(role: Role): ActionType[] {
    return (Object.keys(ACTION_RULES) as ActionType[]).filter((type) => {
      const rule = ACTION_RULES[type];
      if (!rule.roles.includes(role)) return false;
      if (rule.at === 'CLOSED') return this.state.status === 'CLOSED';
      if (this.state.status !== 'OPEN') return false;
      if (rule.at !== 'OPEN' && !rule.at.includes(this.state.step)) return false;
      // rules that depend on what the client sends are checked when it sends it
      if (PAYLOAD_RULES.has(type)) return true;
      return this.stateRule({ type, payload: PROBE_PAYLOAD[type] ?? {}, actor: { userId: null, role } }) === null;
    });
  }

  dueAt(): number | null {
    const due = this.state.clocks.map((c) => c.dueAt);
    return due.length ? Math.min(...due) : null;
  }

  slaState(): SlaState {
    const fired = this.state.clocks.map((c) => c.fired);
    if (fired.some((f) => f >= 3)) return 'OVERDUE';
    if (fired.some((f) => f >= 2)) return 'AT_RISK';
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
      allowedActions: Object.fromEntries(STAFF_ROLES.map((r) => [r, this.allowedActions(r)])) as Record<Role, ActionType[]>,
    };
  }

  // ---- acting --------------------------------------------------------------------------------------------------

  registered(actor: Actor, at: number): void {
    // The caseworker who registers the returnee carries the case until a supervisor reassigns it.
    if (actor.role === 'CASEWORKER') this.state.assigneeId = actor.userId;
    this.event('case.registered', actor, { category: this.state.category, officeId: this.state.officeId, policyVersion: this.state.policy.version, assigneeId: this.state.assigneeId }, at);
    this.enterStep('REGISTRATION', at);
  }

  apply(action: CaseAction): void {
    const reason = this.reasonNotAllowed(action);
    if (reason) throw new ActionRejected(reason, this.allowedActions(action.actor.role));
    const s = this.state;
    const now = this.deps.now();
    // The payload of each action type is validated at the API edge (one DTO per type); here it is read as that shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const p = action.payload as Record<string, any>;
    const actor = action.actor;
    switch (action.type) {
      case 'complete-registration':
        this.event('registration.completed', actor, {});
        return this.advance(actor);
      case 'complete-screening': {
        const indicators = [...new Set((p.indicators as string[]) ?? [])];
        const flags = (p.flags as ScreeningFlags) ?? {};
        const computed = computeRiskTier(indicators, flags);
        const tier = (p.riskTier as RiskTier | undefined) ?? computed;
        s.indicators = indicators;
        s.flags = flags;
        s.tier = tier;
        this.event('screening.completed', actor, { riskTier: tier, computedTier: computed, indicators, flags });
        return this.advance(actor);
      }
      case 'record-emergency-care':
        this.event('emergency_care.recorded', actor, { facilityKind: p.facilityKind ?? null });
        return this.advance(actor);
      case 'file-tppo-report':
        this.event('tppo.reported', actor, { reportedTo: p.reportedTo ?? [] });
        // Starts the 7-day service clock (UU 21/2007 Pasal 52) at the police and task force.
        this.notify('tppo.identified', null, { reportedTo: p.reportedTo ?? [] });
        return this.advance(actor);
      case 'record-consent': {
        const consent: ConsentRecord = {
          id: this.deps.newId(),
          givenBy: p.givenBy,
          method: p.method,
          purpose: p.purpose,
          recipientAgencyId: p.recipientAgencyId,
          dataCategories: p.dataCategories ?? [],
          expiresAt: new Date(Date.parse(p.expiresAt)).toISOString(),
          withdrawnAt: null,
          recordedAt: new Date(now).toISOString(),
          guardian: p.givenBy === 'GUARDIAN' && p.guardian ? { name: String(p.guardian.name), relationship: String(p.guardian.relationship) } : null,
        };
        s.consents.push(consent);
        this.fx.consents.push(consent);
        this.event('consent.recorded', actor, { consentId: consent.id, recipientAgencyId: consent.recipientAgencyId, purpose: consent.purpose, expiresAt: consent.expiresAt });
        return;
      }
      case 'send-referral': {
        const referral: ReferralRecord = {
          id: this.deps.newId(),
          agencyId: p.agencyId,
          services: p.services ?? [],
          legalBasis: p.legalBasis,
          consentId: p.consentId ?? null,
          status: 'SENT',
          sentAt: new Date(now).toISOString(),
          reason: null,
        };
        s.referrals.push(referral);
        this.fx.referrals.push({ ...referral });
        this.fx.startReferrals.push({ ...referral });
        this.event('referral.sent', actor, { referralId: referral.id, agencyId: referral.agencyId, services: referral.services, legalBasis: referral.legalBasis, consentId: referral.consentId });
        this.notify('referral.sent', referral.agencyId, { referralId: referral.id, services: referral.services });
        // 5a is done once a referral is sent; the partner's clocks (5b, 5c) run in the referral workflow.
        this.dropClocks((c) => c.kind === 'STEP' && c.step === 'REFERRAL');
        if (referral.legalBasis === 'VITAL_INTEREST') {
          const due = now + Math.round(VITAL_INTEREST_REVIEW_HOURS * HOUR * s.slaTimeScale);
          const clock = this.addClock('SUPERVISOR_REVIEW', s.step, now, due, referral.id);
          referral.reviewClockId = clock.id;
          this.openTask('SUPERVISOR_REVIEW', 'Review a referral made without consent (vital interest)', 'SUPERVISOR', null, due, clock.id);
        }
        return;
      }
      case 'start-shelter': {
        const until = deadlineFor('SHELTER', this.effectiveTier, new Date(now), s.calendar, s.policy, s.slaTimeScale);
        const end = until ? until.getTime() : now + Math.round(7 * DAY * s.slaTimeScale);
        s.shelter = { startedAt: now, until: end, extendedDays: 0, pendingExtensionDays: null };
        this.event('shelter.started', actor, { shelterKind: p.shelterKind ?? null, until: new Date(end).toISOString() });
        this.advance(actor);
        // The stay is its own clock, running across the next steps until the handover.
        this.addClock('SHELTER_STAY', 'SHELTER', now, end);
        return;
      }
      case 'request-shelter-extension': {
        const days = Number(p.days);
        s.shelter!.pendingExtensionDays = days;
        this.event('shelter.extension_requested', actor, { days, reason: p.reason });
        this.notify('shelter.extension_requested', null, { days });
        this.openTask('APPROVAL', 'Approve or refuse a shelter extension', 'SUPERVISOR', null, s.shelter!.until, null);
        return;
      }
      case 'approve-shelter-extension': {
        const shelter = s.shelter!;
        const days = shelter.pendingExtensionDays!;
        shelter.until += Math.round(days * DAY * s.slaTimeScale);
        shelter.extendedDays += days;
        shelter.pendingExtensionDays = null;
        this.rearm((c) => c.kind === 'SHELTER_STAY', shelter.until);
        this.closeTasks((t) => t.kind === 'APPROVAL' && t.title.startsWith('Approve or refuse a shelter extension'), 'DONE');
        this.event('shelter.extension_approved', actor, { days, until: new Date(shelter.until).toISOString() });
        return;
      }
      case 'complete-assessment': {
        const plan = (p.plan ?? {}) as { rehabilitation?: boolean; reintegration?: boolean; services?: string[] };
        s.rehabilitationPlanned = plan.rehabilitation ?? null;
        s.reintegrationPlanned = plan.reintegration ?? null;
        this.event('assessment.completed', actor, { rehabilitation: plan.rehabilitation ?? null, reintegration: plan.reintegration ?? null, services: plan.services ?? [] });
        return this.advance(actor);
      }
      case 'start-rehabilitation': {
        s.rehabilitationStartedAt = now;
        this.dropClocks((c) => c.kind === 'STEP');
        this.addClock('REHAB_REVIEW', 'REHABILITATION', now, now + Math.round(REHABILITATION_REVIEW_DAYS * DAY * s.slaTimeScale));
        this.addClock('REHAB_YEAR_LIMIT', 'REHABILITATION', s.arrivedAt, s.arrivedAt + Math.round(REHABILITATION_MAX_DAYS * DAY * s.slaTimeScale));
        this.event('rehabilitation.started', actor, { services: p.services ?? [] });
        return;
      }
      case 'record-rehabilitation-review':
        this.dropClocks((c) => c.kind === 'REHAB_REVIEW');
        this.addClock('REHAB_REVIEW', 'REHABILITATION', now, now + Math.round(REHABILITATION_REVIEW_DAYS * DAY * s.slaTimeScale));
        this.event('rehabilitation.reviewed', actor, {});
        return;
      case 'complete-rehabilitation':
        this.event('rehabilitation.completed', actor, {});
        return this.advance(actor);
      case 'record-refusal':
        // A signed refusal moves the case on to return and monitoring, with no escalation.
        s.refused = true;
        this.event('rehabilitation.refused', actor, { signedBy: p.signedBy });
        return this.advance(actor, 'RETURN_HANDOVER');
      case 'record-handover':
        if (s.shelter) {
          this.dropClocks((c) => c.kind === 'SHELTER_STAY');
          s.shelter = null;
        }
        this.event('handover.completed', actor, { handedTo: p.handedTo });
        this.notify('handover.completed', null, { handedTo: p.handedTo });
        return this.advance(actor);
      case 'enrol-reintegration':
        this.event('reintegration.enrolled', actor, { programme: p.programme ?? null });
        return this.advance(actor);
      case 'record-follow-up':
        return this.followUp(actor, Boolean(p.reached));
      case 'change-risk-tier':
        return this.changeTier(actor, p.riskTier as RiskTier, String(p.reason ?? ''));
      case 'propose-closure':
        s.closureProposed = true;
        this.event('closure.proposed', actor, { reason: p.reason ?? null });
        this.openTask('APPROVAL', 'Approve or reject the closure', 'SUPERVISOR', null, null, null);
        return;
      case 'reject-closure':
        s.closureProposed = false;
        this.closeTasks((t) => t.kind === 'APPROVAL', 'DONE');
        this.event('closure.rejected', actor, { reason: p.reason ?? null });
        return;
      case 'approve-closure':
        s.closureProposed = false;
        s.status = 'CLOSED';
        this.dropClocks(() => true);
        this.closeTasks(() => true, 'DONE');
        this.resolveOpenEscalations('CASE_CLOSED');
        this.event('case.closed', actor, {});
        this.notify('case.closed', null, {});
        return;
      case 'withdraw-consent': {
        const consent = s.consents.find((c) => c.id === p.consentId);
        if (!consent) throw new Error('withdraw-consent needs the consentId of a consent of this case');
        consent.withdrawnAt = new Date(now).toISOString();
        this.fx.consents.push({ ...consent });
        const reason = typeof p.reason === 'string' && p.reason.trim() ? p.reason : 'consent withdrawn';
        this.event('consent.withdrawn', actor, { consentId: consent.id, recipientAgencyId: consent.recipientAgencyId, reason });
        // the referrals it covered end: their workflows revoke them and tell the partners (referral.revoked)
        for (const r of s.referrals.filter((x) => x.consentId === consent.id && !isTerminal(x.status) && x.status !== 'DECLINED')) {
          this.fx.revokeReferrals.push({ referralId: r.id, reason: `consent withdrawn: ${reason}`, actor: { userId: actor.userId, role: actor.role as Role } });
        }
        return;
      }
      case 'review-referral': {
        const referral = s.referrals.find((r) => r.id === p.referralId);
        if (!referral) throw new Error('review-referral needs the referralId of a referral of this case');
        const outcome = p.outcome === 'REVOKED' ? 'REVOKED' : 'UPHELD';
        referral.review = { outcome, at: new Date(now).toISOString(), by: actor.userId };
        // the notes stay in the case (they may hold health or safety details); the referral's status as the case
        // knows it says what the review found: a REVOKED review of a referral the partner has since completed or
        // declined revokes nothing (the referral workflow ignores a late revoke)
        this.event('referral.reviewed', actor, { referralId: referral.id, agencyId: referral.agencyId, outcome, referralStatus: referral.status, notes: p.notes ?? null });
        // the review's task, clock and any overdue escalation are done. The clock is gone once the partner declined
        // or it was revoked, the task stays until reviewed; a referral sent before reviewClockId was kept has only
        // the clock's ref, so a review then also closes the review tasks and escalations whose clock is gone.
        const clocks = new Set(s.clocks.filter((c) => c.kind === 'SUPERVISOR_REVIEW' && c.ref === referral.id).map((c) => c.id));
        if (referral.reviewClockId) clocks.add(referral.reviewClockId);
        const orphaned = (clockId: string | null) => !referral.reviewClockId && clockId !== null && !s.clocks.some((c) => c.id === clockId);
        this.closeTasks((t) => t.kind === 'SUPERVISOR_REVIEW' && (clocks.has(t.clockId ?? '') || orphaned(t.clockId)), 'DONE');
        this.resolveOpenEscalations('REFERRAL_REVIEWED', (e) => clocks.has(e.clockId) || (e.kind === 'SUPERVISOR_REVIEW_OVERDUE' && orphaned(e.clockId)));
        this.dropClocks((c) => clocks.has(c.id));
        if (outcome === 'REVOKED') {
          this.fx.revokeReferrals.push({ referralId: referral.id, reason: 'revoked on supervisor review', actor: { userId: actor.userId, role: actor.role as Role } });
        }
        return;
      }
      case 'reopen': {
        s.status = 'OPEN';
        s.closureProposed = false;
        const to = (p.step as StepId | undefined) ?? 'MONITORING';
        this.event('case.reopened', actor, { reason: p.reason ?? null, step: to });
        this.enterStep(to, now);
        return;
      }
    }
  }

  resolveEscalation(r: EscalationResolution): void {
    const s = this.state;
    const now = this.deps.now();
    const e = s.escalations.find((x) => x.id === r.escalationId);
    if (!e || e.status !== 'OPEN') throw new ActionRejected('no open escalation with that id', []);
    if (r.actor.role !== 'SUPERVISOR' && r.actor.role !== 'HEAD') throw new ActionRejected('only a supervisor or the head resolves an escalation', []);
    if (e.level === 2 && r.actor.role !== 'HEAD') throw new ActionRejected('a level-2 escalation is resolved by the head of office', []);
    if (r.resolution === 'REASSIGN' && !r.assigneeId) throw new ActionRejected('REASSIGN needs assigneeId', []);
    if (r.resolution === 'EXTEND') {
      const due = r.newDueAt ? Date.parse(r.newDueAt) : NaN;
      if (!(due > now)) throw new ActionRejected('EXTEND needs a newDueAt in the future', []);
      if (!r.reason) throw new ActionRejected('EXTEND needs a reason', []);
    }
    switch (r.resolution) {
      case 'REASSIGN':
        this.assign(r.assigneeId!);
        break;
      case 'TAKE_OVER':
        this.assign(r.actor.userId);
        break;
      case 'EXTEND':
        // the clock starts over from now, so its reminders fire again before the new deadline
        this.rearm((c) => c.id === e.clockId, Date.parse(r.newDueAt!), now);
        break;
      case 'ACKNOWLEDGE':
        break;
    }
    e.status = 'RESOLVED';
    e.resolution = r.resolution;
    e.resolvedAt = new Date(now).toISOString();
    e.resolvedBy = r.actor.userId;
    this.fx.escalations.push({ ...e });
    this.event('escalation.resolved', r.actor, { escalationId: e.id, level: e.level, resolution: r.resolution, reason: r.reason ?? null, newDueAt: r.newDueAt ?? null, assigneeId: r.resolution === 'REASSIGN' ? r.assigneeId : r.resolution === 'TAKE_OVER' ? r.actor.userId : null });
  }

  // A partner answered, or the caseworker revoked (the referral workflow tells us).
  onReferral(signal: ReferralSignal): void {
    const s = this.state;
    const referral = s.referrals.find((r) => r.id === signal.referralId);
    if (!referral) return;
    const now = this.deps.now();
    if (signal.kind === 'STATUS') {
      if (referral.status === signal.status) return; // a repeated signal
      referral.status = signal.status;
      referral.reason = signal.reason ?? null;
      this.event(`referral.${signal.status.toLowerCase()}`, signal.actor, { referralId: referral.id, agencyId: referral.agencyId, reason: signal.reason ?? null });
      this.closeTasks((t) => t.kind === 'CONTACT_PARTNER' && t.clockId === referral.id, 'DONE');
      for (const e of s.escalations.filter((x) => x.status === 'OPEN' && x.clockId === referral.id)) {
        if (signal.status !== 'ACKNOWLEDGED') this.resolve(e, 'REFERRAL_ANSWERED');
      }
      if (signal.status === 'REVOKED' || signal.status === 'DECLINED') {
        this.dropClocks((c) => c.kind === 'SUPERVISOR_REVIEW' && c.ref === referral.id);
      }
      if (s.status !== 'OPEN' || s.step !== 'REFERRAL') return;
      if (signal.status === 'ACCEPTED') return this.advance(signal.actor);
      const stillOpen = s.referrals.some((r) => !isTerminal(r.status) && r.status !== 'DECLINED');
      if ((signal.status === 'DECLINED' || signal.status === 'REVOKED') && !stillOpen) {
        // back to choosing an agency: the 5a clock runs again
        this.event('referral.agency_needed', { userId: null, role: 'SYSTEM' }, { referralId: referral.id });
        this.addStepClock('REFERRAL', now);
      }
      return;
    }
    // Partner silence: the referral workflow re-notified them; here the people act.
    const reason = `partner has not ${signal.phase === 'ACK' ? 'acknowledged' : 'decided on'} the referral`;
    if (signal.level === 1) {
      this.openTask('CONTACT_PARTNER', 'Contact the partner agency about the referral', 'CASEWORKER', s.assigneeId, null, referral.id);
    }
    this.openEscalation(signal.level, referral.id, 'PARTNER_SILENT', reason);
  }

  // A notification delivery ended. A partner that could not be reached for the whole retry budget is a matter for
  // the supervisor: a level-1 escalation ("partner unreachable"); an admin can replay the delivery.
  onNotification(signal: NotificationSignal): void {
    const system = { userId: null, role: 'SYSTEM' } as const;
    const data = { eventId: signal.eventId, deliveryId: signal.deliveryId, notificationType: signal.type, agencyId: signal.agencyId, attempts: signal.attempts };
    if (signal.outcome === 'DELIVERED') {
      this.event('notification.delivered', system, data);
      this.resolveOpenEscalations('NOTIFICATION_DELIVERED', (e) => e.clockId === signal.eventId);
      return;
    }
    this.event('notification.failed', system, { ...data, error: signal.error ?? null });
    this.openEscalation(1, signal.eventId, 'PARTNER_UNREACHABLE', `partner unreachable: ${signal.type} could not be delivered after ${signal.attempts} attempts`);
  }

  // Fires every clock milestone that is due; returns true when something happened.
  onTimers(): boolean {
    const now = this.deps.now();
    let changed = false;
    for (const clock of [...this.state.clocks]) {
      const m = milestones(clock);
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
      const at = milestones(clock)[clock.fired];
      if (at !== undefined && (next === null || at < next)) next = at;
    }
    return next;
  }

  hasEffects(): boolean {
    const f = this.fx;
    return f.events.length + f.tasks.length + f.escalations.length + f.referrals.length + f.consents.length + f.notifications.length + f.startReferrals.length + f.revokeReferrals.length > 0;
  }

  takeEffects(): CaseEffects {
    const out = this.fx;
    this.fx = EMPTY_EFFECTS();
    return out;
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private milestone(clock: Clock, n: number): void {
    const s = this.state;
    const system = { userId: null, role: 'SYSTEM' as const };
    const data = { clockId: clock.id, kind: clock.kind, step: clock.step, dueAt: new Date(clock.dueAt).toISOString() };
    if (n === 1 || n === 2) {
      this.event('sla.reminder', system, { ...data, percent: n === 1 ? 50 : 80 });
      return;
    }
    if (n === 3) {
      s.breaches += 1;
      this.event('sla.breached', system, { ...data, breachNumber: s.breaches });
      if (clock.kind === 'SUPERVISOR_REVIEW') return this.openEscalation(1, clock.id, 'SUPERVISOR_REVIEW_OVERDUE', 'the review of a referral without consent is overdue');
      const reason = BREACH_REASON[clock.kind];
      // A second breach on the same case goes straight to level 2.
      this.openEscalation(s.breaches >= 2 ? 2 : 1, clock.id, clock.kind, reason);
      return;
    }
    // 200 %
    this.openEscalation(2, clock.id, clock.kind, `${BREACH_REASON[clock.kind]}, at twice the deadline`);
  }

  private openEscalation(level: 1 | 2, clockId: string, kind: string, reason: string): void {
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
    this.event('escalation.opened', { userId: null, role: 'SYSTEM' }, { escalationId: escalation.id, level, kind, reason, assignedRole: escalation.assignedRole, notifyTaskForce: escalation.notifyTaskForce });
    const referral = s.referrals.find((r) => r.id === clockId);
    if (referral) this.notify('referral.escalated', referral.agencyId, { referralId: referral.id, level });
  }

  private resolve(e: EscalationRecord, resolution: string): void {
    e.status = 'RESOLVED';
    e.resolution = resolution;
    e.resolvedAt = new Date(this.deps.now()).toISOString();
    this.fx.escalations.push({ ...e });
  }

  private resolveOpenEscalations(resolution: string, match: (e: EscalationRecord) => boolean = () => true): void {
    for (const e of this.state.escalations.filter((x) => x.status === 'OPEN' && match(x))) this.resolve(e, resolution);
  }

  private advance(actor: Actor, to?: StepId): void {
    const s = this.state;
    const now = this.deps.now();
    const from = s.step;
    const target = to ?? nextStep(from, this.plan);
    const leaving = new Set(s.clocks.filter((c) => c.step === from && c.kind !== 'SHELTER_STAY' && c.kind !== 'SUPERVISOR_REVIEW').map((c) => c.id));
    this.dropClocks((c) => leaving.has(c.id));
    this.resolveOpenEscalations('STEP_COMPLETED', (e) => leaving.has(e.clockId));
    this.closeTasks((t) => t.kind === 'STEP' && t.step === from, 'DONE');
    this.event('step.completed', actor, { step: from, next: target });
    this.enterStep(target, now);
  }

  private enterStep(step: StepId, at: number): void {
    const s = this.state;
    s.step = step;
    s.stepStartedAt = at;
    if (step === 'MONITORING') {
      s.monitoring = { schedule: monitoringSchedule(this.effectiveTier, at, s.slaTimeScale), index: 0, failedAttempts: 0 };
      this.addFollowUpClock(at);
    } else {
      this.addStepClock(step, at);
    }
    const due = this.dueAt();
    this.openTask('STEP', STEP_TASK_TITLE[step], 'CASEWORKER', s.assigneeId, due, null, step);
    // the home-region office must know the returnee is coming (Permen P2MI 32/2025 Pasal 13(h))
    if (step === 'RETURN_HANDOVER') this.notify('arrival.notice', null, {});
    this.event('step.started', { userId: null, role: 'SYSTEM' }, { step, dueAt: due === null ? null : new Date(due).toISOString() }, at);
  }

  private addStepClock(step: StepId, at: number): void {
    const due = deadlineFor(step, this.effectiveTier, new Date(at), this.state.calendar, this.state.policy, this.state.slaTimeScale);
    if (due) this.addClock('STEP', step, at, due.getTime());
  }

  private addFollowUpClock(from: number): void {
    const m = this.state.monitoring!;
    const due = m.schedule[m.index];
    if (due !== undefined) this.addClock('FOLLOW_UP', 'MONITORING', from, due);
  }

  private followUp(actor: CaseAction['actor'], reached: boolean): void {
    const s = this.state;
    const m = s.monitoring!;
    const now = this.deps.now();
    if (!reached) {
      m.failedAttempts += 1;
      this.event('follow_up.attempted', actor, { number: m.index + 1, reached: false, failedAttempts: m.failedAttempts });
      if (m.failedAttempts === FAILED_FOLLOW_UPS_BEFORE_ESCALATION) {
        const clock = s.clocks.find((c) => c.kind === 'FOLLOW_UP');
        this.openEscalation(1, clock?.id ?? `follow-up-${m.index}`, 'RETURNEE_UNREACHABLE', `the returnee was not reached in ${m.failedAttempts} attempts`);
      }
      return;
    }
    this.event('follow_up.recorded', actor, { number: m.index + 1, of: m.schedule.length, reached: true });
    const previous = s.clocks.find((c) => c.kind === 'FOLLOW_UP');
    this.dropClocks((c) => c.kind === 'FOLLOW_UP');
    if (previous) this.resolveOpenEscalations('FOLLOW_UP_RECORDED', (e) => e.clockId === previous.id);
    m.index += 1;
    m.failedAttempts = 0;
    if (m.index >= m.schedule.length) return this.advance(actor);
    this.addFollowUpClock(Math.max(now, previous?.dueAt ?? now));
    this.updateStepTaskDue();
  }

  private changeTier(actor: CaseAction['actor'], to: RiskTier, reason: string): void {
    const s = this.state;
    const from = this.effectiveTier;
    s.tier = to;
    this.event('risk_tier.changed', actor, { from, to, reason });
    // The current step's deadline is computed again from the step's start under the new tier.
    for (const clock of s.clocks.filter((c) => c.kind === 'STEP')) {
      const due = deadlineFor(clock.step, to, new Date(clock.startedAt), s.calendar, s.policy, s.slaTimeScale);
      if (due) clock.dueAt = due.getTime();
    }
    this.updateStepTaskDue();
  }

  private updateStepTaskDue(): void {
    const due = this.dueAt();
    for (const t of this.state.tasks.filter((x) => x.kind === 'STEP' && x.status === 'OPEN')) {
      t.dueAt = due === null ? null : new Date(due).toISOString();
      this.fx.tasks.push({ ...t });
    }
  }

  private assign(userId: string | null): void {
    this.state.assigneeId = userId;
    for (const t of this.state.tasks.filter((x) => x.kind === 'STEP' && x.status === 'OPEN')) {
      t.assigneeId = userId;
      this.fx.tasks.push({ ...t });
    }
  }

  private addClock(kind: ClockKind, step: StepId, startedAt: number, dueAt: number, ref?: string): Clock {
    const clock: Clock = { id: this.deps.newId(), kind, step, startedAt, dueAt, fired: 0, ...(ref ? { ref } : {}) };
    this.state.clocks.push(clock);
    return clock;
  }

  private dropClocks(match: (c: Clock) => boolean): void {
    this.state.clocks = this.state.clocks.filter((c) => !match(c));
  }

  private rearm(match: (c: Clock) => boolean, dueAt: number, startedAt?: number): void {
    for (const c of this.state.clocks.filter(match)) {
      if (startedAt !== undefined) c.startedAt = startedAt;
      c.dueAt = dueAt;
      c.fired = 0;
    }
    this.updateStepTaskDue();
  }

  private openTask(kind: TaskRecord['kind'], title: string, role: Role, assigneeId: string | null, due: number | null, clockId: string | null, step?: StepId): void {
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
    };
    this.state.tasks.push(task);
    this.fx.tasks.push({ ...task });
  }

  private closeTasks(match: (t: TaskRecord) => boolean, status: 'DONE' | 'CANCELLED'): void {
    for (const t of this.state.tasks.filter((x) => x.status === 'OPEN' && match(x))) {
      t.status = status;
      this.fx.tasks.push({ ...t });
    }
    // closed tasks live on in PostgreSQL; the workflow keeps only the open ones
    this.state.tasks = this.state.tasks.filter((t) => t.status === 'OPEN');
  }

  private notify(type: NotificationRequest['type'], agencyId: string | null, data: Record<string, unknown>): void {
    this.fx.notifications.push({ type, agencyId, data, eventSeq: this.state.seq });
  }

  private event(type: string, actor: Actor, data: Record<string, unknown>, at?: number): void {
    const s = this.state;
    s.seq += 1;
    const draft: CaseEventDraft = { seq: s.seq, type, actor, step: s.step, occurredAt: new Date(at ?? this.deps.now()).toISOString(), data };
    this.fx.events.push(draft);
  }
}

function isTerminal(status: ReferralRecord['status']): boolean {
  return status === 'COMPLETED' || status === 'REVOKED' || status === 'DECLINED';
}

// 50 % and 80 % reminders, the breach at 100 %, level 2 at 200 %.
function milestones(clock: Clock): number[] {
  const f = deadlineFractions(new Date(clock.startedAt), new Date(clock.dueAt));
  return [f.firstReminderAt, f.secondReminderAt, f.overdueAt, f.level2EscalationAt].map((d) => d.getTime());
}

const BREACH_REASON: Record<ClockKind, string> = {
  STEP: 'the step is overdue',
  FOLLOW_UP: 'a follow-up was not recorded in its window',
  REHAB_REVIEW: 'the 30-day rehabilitation review is overdue',
  REHAB_YEAR_LIMIT: 'rehabilitation has reached one year from arrival',
  SHELTER_STAY: 'the shelter stay is past its limit',
  SUPERVISOR_REVIEW: 'the supervisor review is overdue',
};

const STEP_TASK_TITLE: Record<StepId, string> = {
  REGISTRATION: 'Complete the registration',
  SCREENING: 'Screen the returnee and set the risk tier',
  EMERGENCY_CARE: 'Arrange emergency care',
  TPPO_REPORT: 'Report trafficking to the police and task force',
  REFERRAL: 'Record consent and refer to a partner agency',
  SHELTER: 'Place the returnee in a shelter',
  ASSESSMENT: 'Complete the assessment and intervention plan',
  REHABILITATION: 'Start and follow the rehabilitation',
  RETURN_HANDOVER: 'Hand the returnee over to the family',
  REINTEGRATION: 'Enrol the returnee in reintegration',
  MONITORING: 'Record the follow-ups',
  CLOSURE: 'Propose the closure',
};

const PAYLOAD_RULES: ReadonlySet<ActionType> = new Set(['complete-screening', 'change-risk-tier', 'record-consent', 'send-referral']);
// Payloads for allowedActions(): enough for the state rules that do not depend on what the client sends.
const PROBE_PAYLOAD: Partial<Record<ActionType, Record<string, unknown>>> = {
  'request-shelter-extension': { days: 1 },
};
