// Every message of the case and referral workflows, defined once and shared by the workflows and their client
// in src/temporal.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CaseAction,
  CaseSnapshot,
  EscalationResolution,
  NotificationSignal,
  PersonUpdate,
  ReferralRecord,
  ReferralSignal,
  SlaMigrationOutcome,
  SlaMigrationPreview,
  SlaMigrationRequest,
  StaffActor,
} from './types';
import type { SlaPolicy } from './definition';

// An Update rather than a Query: the caller of POST /cases must not answer before the read model holds the case,
// and an Update (unlike a Query) may wait for the registration activity to finish.
export const awaitRegistrationUpdate = defineUpdate<CaseSnapshot>('awaitRegistration');

// A caseworker's or supervisor's action. The validator rejects one that is not allowed now (no history is
// written); an accepted one returns once the read model holds its effects.
export const performActionUpdate = defineUpdate<CaseSnapshot, [CaseAction]>('performAction');

export const resolveEscalationUpdate = defineUpdate<CaseSnapshot, [EscalationResolution]>('resolveEscalation');

// Staff changed the returnee's file: an Update, so PATCH /cases/{id}/person answers once the timeline holds the
// event. It carries ids and field names only.
export const personUpdatedUpdate = defineUpdate<CaseSnapshot, [PersonUpdate]>('personUpdated');

export const caseSnapshotQuery = defineQuery<CaseSnapshot>('caseSnapshot');

// Moving a running case to another SLA policy version (issue 20). The update id comes from the migration and the
// case, so the migration's fan-out may send it again after a crash: it moves the case once.
export const migrateSlaPolicyUpdate = defineUpdate<SlaMigrationOutcome, [SlaMigrationRequest]>('migrateSlaPolicy');

// What that move would do at `at` (the caller's present: a Query's clock stands at the workflow's last task),
// changing nothing (the migration's preview).
export const previewSlaPolicyQuery = defineQuery<SlaMigrationPreview, [{ policy: SlaPolicy; at: string }]>(
  'previewSlaPolicy',
);

// From a referral workflow to its case: fire-and-forget, by workflow id, so it reaches the case across
// continue-as-new.
export const referralSignal = defineSignal<[ReferralSignal]>('referral');

// From a notification delivery to its case, when it ends.
export const notificationSignal = defineSignal<[NotificationSignal]>('notification');

// From an agency's partner deliveries workflow to a case: the deliveries of its round that ended, for that case.
export const notificationsSignal = defineSignal<[NotificationSignal[]]>('notifications');

// To an agency's partner deliveries workflow: deliveries were queued (a look at the queue now).
export const deliveriesQueuedSignal = defineSignal('deliveriesQueued');

// From the case to a referral it ends itself (consent withdrawn).
export const revokeReferralSignal = defineSignal<[{ reason: string; actor: StaffActor }]>('revokeReferral');

// From the case to a referral whose partner's escalation a supervisor extended: the partner's current deadline
// (acknowledge or decide) moves to `dueAt`, and its level 2 follows it.
export const extendReferralSignal = defineSignal<[{ dueAt: string }]>('extendReferral');

export type ReferralAnswer =
  | { type: 'acknowledge'; actor: StaffActor }
  | { type: 'accept'; actor: StaffActor }
  | { type: 'decline'; actor: StaffActor; reason: string }
  | { type: 'complete'; actor: StaffActor; summary?: string }
  | { type: 'revoke'; actor: StaffActor; reason: string };

// A partner's answer (or the sender's revocation), validated against the referral's state.
export const referralAnswerUpdate = defineUpdate<ReferralRecord, [ReferralAnswer]>('answer');
export const referralQuery = defineQuery<ReferralRecord>('referral');
