// Types shared by the workflows and the API. The returnee's personal data never crosses into Temporal: only ids,
// codes, times, the words staff and partners write (reasons, notes, a completion summary) and the name of a parent or
// guardian who consents for a child; every payload is encrypted on the way to the server.
import type {
  ActionPayload,
  ActionType,
  CaseCategory,
  ClockKind,
  ConsentGiver,
  ConsentMethod,
  ConsentPurpose,
  HolidayCalendar,
  LegalBasis,
  OfficeTimeZone,
  ReviewOutcome,
  RiskTier,
  Role,
  SlaPolicy,
  StepId,
} from './definition';

export type { ClockKind };

export type CaseStatus = 'OPEN' | 'CLOSED';
export type SlaState = 'ON_TIME' | 'AT_RISK' | 'OVERDUE';

export type Actor = { userId: string | null; role: Role | 'SYSTEM' };
// officeId: the office of the user who acts (sent by the API from the case-office handover on; absent before)
export type StaffActor = { userId: string | null; role: Role; officeId?: string | null };

export type CaseWorkflowInput = {
  caseId: string;
  officeId: string;
  personId: string;
  category: CaseCategory;
  arrival: { point: string; arrivedAt: string; fromCountry: string };
  policyVersion: string;
  // the SLA policy and calendar in force when the case started; a running case keeps them
  policy?: SlaPolicy;
  calendar?: HolidayCalendar;
  // the office's time zone, where its working days begin and end. Absent in cases started before offices had one:
  // they count on WITA, as they always did (calendarInZone), so their histories replay unchanged without a patch.
  timeZone?: OfficeTimeZone;
  // dev and tests only (DESIGN.md): multiplies every SLA duration
  slaTimeScale: number;
  registeredBy: Actor;
  registeredAt: string;
  // history length after which the case continues as new (default 2000; tests set it low)
  continueAfterEvents?: number;
  // under 18 at arrival by the date of birth (computed by the API; the date itself stays in PostgreSQL). Absent in
  // cases started before it was passed: they keep to the screening's child flag alone.
  childByBirth?: boolean;
};

// Staff changed the returnee's file: only which fields and the ids of the change rows in PostgreSQL (the values
// stay there), and the child status by date of birth when the date of birth changed.
export type PersonUpdate = { changeIds: string[]; fields: string[]; actor: StaffActor; childByBirth?: boolean };

// One action by staff, typed by its kind: the payload is the one declared for that type in
// workflows/definition/actions.ts, from the API's DTO to the workflow's handler.
export type CaseActionOf<K extends ActionType> = {
  type: K;
  payload: ActionPayload<K>;
  actor: StaffActor;
  expectedStep?: StepId;
};
export type CaseAction = { [K in ActionType]: CaseActionOf<K> }[ActionType];

export type EscalationResolutionType = 'REASSIGN' | 'EXTEND' | 'TAKE_OVER' | 'ACKNOWLEDGE';

export type EscalationResolution = {
  escalationId: string;
  resolution: EscalationResolutionType;
  assigneeId?: string;
  newDueAt?: string;
  reason?: string;
  actor: StaffActor;
};

// A deadline the workflow watches: reminders at 50 % and 80 %, a breach at 100 %, level 2 at 200 %, or at the points
// of the case's policy (policy-reminders). `fired` counts the milestones already passed (0 to reminders + 2).
export type Clock = {
  id: string;
  kind: ClockKind;
  step: StepId;
  startedAt: number;
  dueAt: number;
  fired: number;
  ref?: string;
};

export type TaskRecord = {
  id: string;
  kind: 'STEP' | 'CONTACT_PARTNER' | 'SUPERVISOR_REVIEW' | 'APPROVAL';
  title: string;
  step: StepId;
  role: Role;
  assigneeId: string | null;
  dueAt: string | null;
  status: 'OPEN' | 'DONE' | 'CANCELLED';
  clockId: string | null;
  // the office whose queue holds the task, when not the case's own (a transfer's approval by the receiving office)
  officeId?: string;
};

export type EscalationRecord = {
  id: string;
  level: 1 | 2;
  kind: string;
  reason: string;
  clockId: string;
  step: StepId;
  status: 'OPEN' | 'RESOLVED';
  openedAt: string;
  assignedRole: 'SUPERVISOR' | 'HEAD';
  notifyTaskForce: boolean;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
};

// PENDING_APPROVAL: prepared by a caseworker, waiting for a supervisor (the partner knows nothing of it yet);
// REJECTED: the supervisor sent it back, it never went out.
export type ReferralStatus =
  'SENT' | 'ACKNOWLEDGED' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED' | 'REVOKED' | 'PENDING_APPROVAL' | 'REJECTED';

export type ReferralRecord = {
  id: string;
  agencyId: string;
  services: string[];
  legalBasis: LegalBasis;
  consentId: string | null;
  status: ReferralStatus;
  sentAt: string;
  reason: string | null;
  // the partner's words when it completed the referral (absent in records written before it was kept)
  summary?: string | null;
  // a supervisor's review of a referral made without consent (vital interest); absent until then
  review?: { outcome: ReviewOutcome; at: string; by: string | null } | null;
  // the clock (and task) of that review
  reviewClockId?: string;
  // the clock (and task) of a supervisor's approval, while it waits for one
  approvalClockId?: string;
};

export type ConsentRecord = {
  id: string;
  givenBy: ConsentGiver;
  method: ConsentMethod;
  purpose: ConsentPurpose;
  recipientAgencyId: string;
  dataCategories: string[];
  expiresAt: string;
  withdrawnAt: string | null;
  recordedAt: string;
  // who gave it for a child (givenBy GUARDIAN); absent in records written before it was kept
  guardian?: { name: string; relationship: string } | null;
};

export type NotificationType =
  | 'referral.sent'
  | 'referral.reminder'
  | 'referral.escalated'
  | 'referral.revoked'
  | 'arrival.notice'
  | 'handover.completed'
  | 'tppo.identified'
  | 'shelter.extension_requested'
  | 'case.closed'
  // a level-2 escalation of a TPPO or HIGH case, to the provincial task force (ids and codes only)
  | 'case.escalated';

export type NotificationRequest = {
  type: NotificationType;
  agencyId: string | null;
  data: Record<string, unknown>;
  eventSeq: number;
};

export type CaseEventDraft = {
  seq: number;
  type: string;
  actor: Actor;
  step: StepId;
  occurredAt: string;
  data: Record<string, unknown>;
};

// Who must hear of a reminder, a breach or an escalation (PROCESS.md "What happens when a deadline passes"). The
// workflow names the audience; the activity resolves it to users (or an agency) in PostgreSQL, one alert row each.
// REMINDER: a reminder at a point of the policy other than 50 % or 80 %, its percent in the event (sla.reminder).
export type AlertKind = 'REMINDER_50' | 'REMINDER_80' | 'REMINDER' | 'BREACH' | 'ESCALATION_1' | 'ESCALATION_2';
export type AlertAudience =
  | { userId: string }
  | { officeId: string; role: 'SUPERVISOR' | 'HEAD' }
  // the head of the partner unit of a late referral: the agency (its head is found by the agency's users)
  | { agencyId: string; partnerHead: true }
  // the provincial task force secretariat (Gugus Tugas PP-TPPO) of the office's province
  | { taskForceOf: string };
export type AlertRequest = { kind: AlertKind; audience: AlertAudience; eventSeq: number; escalationId?: string };

// What one transition of the case asks the activities to write (idempotently, keyed by case id and event seq).
export type CaseEffects = {
  events: CaseEventDraft[];
  tasks: TaskRecord[];
  escalations: EscalationRecord[];
  referrals: ReferralRecord[];
  consents: ConsentRecord[];
  notifications: NotificationRequest[];
  startReferrals: ReferralRecord[];
  // referrals the case itself ends (consent withdrawn): their workflows are told to revoke
  revokeReferrals: { referralId: string; reason: string; actor: StaffActor }[];
  // absent in the inputs of activities scheduled before alerts were kept
  alerts?: AlertRequest[];
  // referrals whose partner's deadline a supervisor extended: their workflows move it (absent: none)
  extendReferrals?: { referralId: string; dueAt: string }[];
};

// What the referral workflow tells its case.
export type ReferralSignal =
  | { kind: 'STATUS'; referralId: string; status: ReferralStatus; actor: Actor; reason?: string | null }
  | { kind: 'SILENCE'; referralId: string; phase: 'ACK' | 'DECISION'; level: 1 | 2 };

// What a notification delivery tells its case when it ends: delivered, or given up on (the partner is unreachable).
export type NotificationSignal = {
  kind: 'NOTIFICATION';
  eventId: string;
  deliveryId: string;
  type: NotificationType;
  agencyId: string;
  outcome: 'DELIVERED' | 'FAILED';
  attempts: number;
  error?: string | null;
};

export type CaseSignal = ReferralSignal | NotificationSignal;

export type CaseSnapshot = {
  caseId: string;
  // the office that has the case, and a handover to another office waiting for its decision
  officeId: string;
  transfer: { toOfficeId: string; requestedAt: string } | null;
  status: CaseStatus;
  currentStep: StepId;
  riskTier: RiskTier | null;
  dueAt: string | null;
  slaState: SlaState;
  escalationLevel: 0 | 1 | 2;
  assigneeId: string | null;
  lastEventSeq: number;
  policyVersion: string;
  clocks: Clock[];
  openTasks: TaskRecord[];
  openEscalations: EscalationRecord[];
  referrals: ReferralRecord[];
  consents: ConsentRecord[];
  allowedActions: Record<Role, ActionType[]>;
};

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
export const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';
export const NOTIFICATION_WORKFLOW_TYPE = 'notificationWorkflow';
// the task queues of a what-if's time-skipping servers begin so (simulation.interceptors.ts); no real one does
export const SIMULATION_TASK_QUEUE_PREFIX = 'what-if-';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export function referralWorkflowId(referralId: string): string {
  return `referral-${referralId}`;
}

// The columns of the cases row that the workflow keeps in step with itself: a slice of its snapshot.
export type CaseProjection = Pick<
  CaseSnapshot,
  | 'lastEventSeq'
  | 'status'
  | 'currentStep'
  | 'riskTier'
  | 'assigneeId'
  | 'dueAt'
  | 'slaState'
  | 'escalationLevel'
  | 'allowedActions'
> &
  // the version the case runs under, which a migration changes (absent in projections written before it)
  Partial<Pick<CaseSnapshot, 'policyVersion'>>;

export type NotificationItem = {
  key: string;
  type: NotificationType;
  agencyId: string | null;
  data: Record<string, unknown>;
};

// Moving a running case to another SLA policy version (issue 20): the migration's id (its reason stays in
// PostgreSQL: free text typed by staff may name someone), the version to move to, and who moved it.
export type SlaMigrationRequest = { migrationId: string; policy: SlaPolicy; actor: StaffActor };

export type SlaMigrationClock = {
  clockId: string;
  step: StepId;
  startedAt: string;
  oldDueAt: string;
  newDueAt: string | null;
  lateNow: boolean;
};

// MOVED: the case runs under the new version now; ALREADY_MOVED: this migration moved it before (a retry);
// CLOSED: a closed case is not moved.
export type SlaMigrationOutcome = {
  outcome: 'MOVED' | 'ALREADY_MOVED' | 'CLOSED';
  fromVersion: string;
  toVersion: string;
  clocks: SlaMigrationClock[];
};

// What a move would do, changing nothing: the same computation, from the case's own state.
export type SlaMigrationPreview = {
  status: CaseStatus;
  step: StepId;
  tier: RiskTier;
  fromVersion: string;
  toVersion: string;
  clocks: SlaMigrationClock[];
  kept: { clockId: string; step: StepId; dueAt: string }[];
};
