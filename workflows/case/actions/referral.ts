// Consent and referral (step 5a): consents recorded and withdrawn, referrals sent, and the supervisor's review of a
// referral made without consent. The partner's side of a referral runs in referral.workflow.ts.
import { REFERRAL_APPROVAL_HOURS, TASK_TITLES, VITAL_INTEREST_REVIEW_HOURS } from '../../definition';
import type { ConsentRecord, ReferralRecord, StaffActor } from '../../types';
import { SYSTEM, type CaseMachine } from '../machine';
import { isTerminal } from '../state';
import { isSupervisor, type ActionHandlers } from './handler';

const HOUR = 60 * 60 * 1000;

export const referralActions = {
  'record-consent': {
    guard(m, p) {
      if (Date.parse(String(p.expiresAt)) <= m.now()) return 'the consent has already expired';
      if (m.isChild && p.givenBy !== 'GUARDIAN') return 'for a child, a parent or guardian gives consent';
      return null;
    },
    apply(m, p, actor) {
      const consent: ConsentRecord = {
        id: m.newId(),
        givenBy: p.givenBy,
        method: p.method,
        purpose: p.purpose,
        recipientAgencyId: p.recipientAgencyId,
        dataCategories: p.dataCategories ?? [],
        expiresAt: new Date(Date.parse(p.expiresAt)).toISOString(),
        withdrawnAt: null,
        recordedAt: new Date(m.now()).toISOString(),
        guardian:
          p.givenBy === 'GUARDIAN' && p.guardian
            ? { name: String(p.guardian.name), relationship: String(p.guardian.relationship) }
            : null,
      };
      m.state.consents.push(consent);
      m.saveConsent(consent);
      m.event('consent.recorded', actor, {
        consentId: consent.id,
        recipientAgencyId: consent.recipientAgencyId,
        purpose: consent.purpose,
        expiresAt: consent.expiresAt,
        // only when given, so the events of histories recorded before documents existed replay unchanged
        ...(p.documentId ? { documentId: p.documentId } : {}),
      });
    },
  },

  'send-referral': {
    // listed when some referral would be accepted: a consent still good for an agency with nothing under way, a
    // basis other than consent where the case runs without the gate, or vital interest for a HIGH case
    available(m, role) {
      const s = m.state;
      const prepares = m.takes('referral-approval');
      const supervisor = role === 'SUPERVISOR' || role === 'HEAD';
      if (m.isChild && !supervisor && !prepares) return 'a referral for a child needs a supervisor';
      if (m.effectiveTier === 'HIGH' && (supervisor || prepares)) return null;
      if (!m.takes('consent-gate-every-basis')) return null;
      const busy = new Set(s.referrals.filter((r) => !isTerminal(r.status)).map((r) => r.agencyId));
      const usable = s.consents.some(
        (c) => !busy.has(c.recipientAgencyId) && consentRefused(m, c.id, c.recipientAgencyId) === null,
      );
      return usable
        ? null
        : 'record a consent covering the agency first (or, for a HIGH case, refer on vital interest)';
    },
    guard(m, p, actor) {
      const s = m.state;
      const agencyId = String(p.agencyId);
      if (s.referrals.some((r) => r.agencyId === agencyId && !isTerminal(r.status))) {
        return 'a referral to this agency is already under way';
      }
      // with the approval flow a caseworker prepares it and a supervisor approves it (approve-referral)
      const prepares = m.takes('referral-approval');
      if (m.isChild && !isSupervisor(actor) && !prepares) return 'a referral for a child needs a supervisor';
      if (p.legalBasis === 'VITAL_INTEREST') {
        if (!isSupervisor(actor) && !prepares) return 'only a supervisor may refer without consent (vital interest)';
        if (m.effectiveTier !== 'HIGH') return 'a referral without consent (vital interest) is only for a HIGH case';
        return null;
      }
      if (p.legalBasis === 'CONSENT' || m.takes('consent-gate-every-basis')) {
        if (p.consentId === undefined || p.consentId === null) {
          return (
            'a referral needs a recorded consent covering the agency (consentId); without one, ' +
            'only a supervisor may refer a HIGH case on vital interest'
          );
        }
        return consentRefused(m, p.consentId, agencyId);
      }
      return null;
    },
    apply(m, p, actor) {
      const s = m.state;
      const now = m.now();
      const waits =
        m.takes('referral-approval') && !isSupervisor(actor) && (m.isChild || p.legalBasis === 'VITAL_INTEREST');
      const referral: ReferralRecord = {
        id: m.newId(),
        agencyId: p.agencyId,
        services: p.services ?? [],
        legalBasis: p.legalBasis,
        consentId: p.consentId ?? null,
        status: waits ? 'PENDING_APPROVAL' : 'SENT',
        sentAt: new Date(now).toISOString(),
        reason: null,
      };
      s.referrals.push(referral);
      if (!waits) return dispatch(m, referral, actor);
      // Prepared, not sent: the partner hears nothing until a supervisor approves. The caseworker's 5a clock
      // stops (the referral is in the supervisor's hands); the approval has a clock of its own.
      m.saveReferral(referral);
      m.event('referral.approval_requested', actor, {
        ...sentData(referral),
        why: m.isChild ? 'CHILD' : 'VITAL_INTEREST',
      });
      m.dropClocks((c) => c.kind === 'STEP' && c.step === 'REFERRAL');
      const due = now + Math.round(REFERRAL_APPROVAL_HOURS[m.effectiveTier] * HOUR * s.slaTimeScale);
      const clock = m.addClock('REFERRAL_APPROVAL', s.step, now, due, referral.id);
      referral.approvalClockId = clock.id;
      m.openTask('APPROVAL', TASK_TITLES.referralApproval, 'SUPERVISOR', null, due, clock.id);
    },
  },

  'approve-referral': {
    available: (m) =>
      m.state.referrals.some((r) => approvalRefused(m, r) === null) ? null : 'no referral waits for an approval',
    guard: (m, p) =>
      approvalRefused(
        m,
        m.state.referrals.find((r) => r.id === p.referralId),
      ),
    apply(m, p, actor) {
      const referral = pending(m, p.referralId);
      endApproval(m, referral, 'REFERRAL_APPROVED');
      referral.status = 'SENT';
      referral.sentAt = new Date(m.now()).toISOString();
      m.event('referral.approved', actor, { referralId: referral.id, agencyId: referral.agencyId });
      dispatch(m, referral, actor);
    },
  },

  'reject-referral': {
    available: (m) =>
      m.state.referrals.some((r) => r.status === 'PENDING_APPROVAL') ? null : 'no referral waits for an approval',
    guard(m, p) {
      const referral = m.state.referrals.find((r) => r.id === p.referralId);
      if (!referral) return 'no referral with that id on this case';
      if (referral.status !== 'PENDING_APPROVAL') return 'that referral does not wait for an approval';
      return typeof p.reason === 'string' && p.reason.trim() ? null : 'a rejection needs a reason';
    },
    apply(m, p, actor) {
      returnToCaseworker(m, pending(m, p.referralId), actor, String(p.reason));
    },
  },

  'withdraw-consent': {
    available(m) {
      return m.state.consents.some((c) => c.withdrawnAt === null) ? null : 'there is no consent to withdraw';
    },
    guard(m, p) {
      const consent = m.state.consents.find((c) => c.id === p.consentId);
      if (!consent) return 'no consent with that id on this case';
      return consent.withdrawnAt === null ? null : 'that consent was already withdrawn';
    },
    apply(m, p, actor) {
      const s = m.state;
      const consent = s.consents.find((c) => c.id === p.consentId);
      if (!consent) throw new Error('withdraw-consent needs the consentId of a consent of this case');
      consent.withdrawnAt = new Date(m.now()).toISOString();
      m.saveConsent({ ...consent });
      const reason = typeof p.reason === 'string' && p.reason.trim() ? p.reason : 'consent withdrawn';
      m.event('consent.withdrawn', actor, {
        consentId: consent.id,
        recipientAgencyId: consent.recipientAgencyId,
        reason,
      });
      // the referrals it covered end: their workflows revoke them and tell the partners (referral.revoked)
      for (const r of s.referrals.filter(
        (x) => x.consentId === consent.id && !isTerminal(x.status) && x.status !== 'DECLINED',
      )) {
        // one still waiting for approval never went out: it goes back, the partner is not told
        if (r.status === 'PENDING_APPROVAL') returnToCaseworker(m, r, actor, `consent withdrawn: ${reason}`);
        else m.revokeReferral(r.id, `consent withdrawn: ${reason}`, actor);
      }
    },
  },

  'review-referral': {
    available(m) {
      return m.state.referrals.some((r) => awaitsReview(r)) ? null : 'no referral made without consent awaits a review';
    },
    guard(m, p) {
      const referral = m.state.referrals.find((r) => r.id === p.referralId);
      if (!referral) return 'no referral with that id on this case';
      if (referral.legalBasis !== 'VITAL_INTEREST')
        return 'only a referral made without consent (vital interest) is reviewed';
      if (referral.review) return 'that referral has already been reviewed';
      if (!awaitsReview(referral)) return 'that referral was never sent: approve or reject it';
      if (p.outcome === 'REVOKED' && (isTerminal(referral.status) || referral.status === 'DECLINED'))
        return `that referral is ${referral.status.toLowerCase()} already: record the review as UPHELD`;
      return null;
    },
    apply(m, p, actor) {
      const s = m.state;
      const referral = s.referrals.find((r) => r.id === p.referralId);
      if (!referral) throw new Error('review-referral needs the referralId of a referral of this case');
      const outcome = p.outcome === 'REVOKED' ? 'REVOKED' : 'UPHELD';
      referral.review = { outcome, at: new Date(m.now()).toISOString(), by: actor.userId };
      // the notes stay in the case (they may hold health or safety details: a note.added event just before this
      // one names them); the referral's status as the case knows it says what the review found: a REVOKED review of
      // a referral the partner has since completed or declined revokes nothing (the referral workflow ignores a late
      // revoke). A review recorded before notes were kept apart carried its words here: read as before.
      const legacy = (p as { notes?: unknown }).notes;
      const words = typeof legacy === 'string' ? { notes: legacy } : { noteId: p.noteId ?? null };
      m.event('referral.reviewed', actor, {
        referralId: referral.id,
        agencyId: referral.agencyId,
        outcome,
        referralStatus: referral.status,
        ...words,
      });
      // the review's task, clock and any overdue escalation are done. The clock is gone once the partner declined
      // or it was revoked, the task stays until reviewed; a referral sent before reviewClockId was kept has only
      // the clock's ref, so a review then also closes the review tasks and escalations whose clock is gone.
      const clocks = new Set(
        s.clocks.filter((c) => c.kind === 'SUPERVISOR_REVIEW' && c.ref === referral.id).map((c) => c.id),
      );
      if (referral.reviewClockId) clocks.add(referral.reviewClockId);
      const orphaned = (clockId: string | null) =>
        !referral.reviewClockId && clockId !== null && !s.clocks.some((c) => c.id === clockId);
      m.closeTasks(
        (t) => t.kind === 'SUPERVISOR_REVIEW' && (clocks.has(t.clockId ?? '') || orphaned(t.clockId)),
        'DONE',
      );
      m.resolveOpenEscalations(
        'REFERRAL_REVIEWED',
        (e) => clocks.has(e.clockId) || (e.kind === 'SUPERVISOR_REVIEW_OVERDUE' && orphaned(e.clockId)),
      );
      m.dropClocks((c) => clocks.has(c.id));
      if (outcome === 'REVOKED') m.revokeReferral(referral.id, 'revoked on supervisor review', actor);
    },
  },
} satisfies Partial<ActionHandlers>;

// A referral without consent is reviewed once it has gone out (one waiting for approval, or sent back, has not).
function awaitsReview(r: ReferralRecord): boolean {
  return r.legalBasis === 'VITAL_INTEREST' && !r.review && r.status !== 'PENDING_APPROVAL' && r.status !== 'REJECTED';
}

function consentRefused(m: CaseMachine, consentId: string, agencyId: string): string | null {
  const consent = m.state.consents.find((c) => c.id === consentId);
  if (!consent) return 'no consent with that id on this case';
  if (consent.withdrawnAt) return 'that consent was withdrawn';
  if (Date.parse(consent.expiresAt) <= m.now()) return 'that consent has expired';
  if (consent.recipientAgencyId !== agencyId) return 'that consent does not cover this agency';
  if (consent.purpose !== 'REFERRAL') return 'that consent does not cover a referral';
  return null;
}

// Why a supervisor may not approve this referral now: it must be waiting, and its consent still good.
function approvalRefused(m: CaseMachine, r: ReferralRecord | undefined): string | null {
  if (!r) return 'no referral with that id on this case';
  if (r.status !== 'PENDING_APPROVAL') return 'that referral does not wait for an approval';
  if (r.consentId === null) return null;
  const refused = consentRefused(m, r.consentId, r.agencyId);
  return refused ? `${refused}: reject the referral` : null;
}

function pending(m: CaseMachine, referralId: string): ReferralRecord {
  const referral = m.state.referrals.find((r) => r.id === referralId && r.status === 'PENDING_APPROVAL');
  if (!referral) throw new Error('the referralId of a referral waiting for approval is needed');
  return referral;
}

// The approval's task, clock and any overdue escalation are done.
function endApproval(m: CaseMachine, referral: ReferralRecord, resolution: string): void {
  const clockId = referral.approvalClockId;
  m.closeTasks((t) => t.kind === 'APPROVAL' && t.clockId === clockId, 'DONE');
  m.resolveOpenEscalations(resolution, (e) => e.clockId === clockId);
  m.dropClocks((c) => c.id === clockId);
  delete referral.approvalClockId;
}

// The referral goes out: its own workflow, the partner's notification, and for one without consent the
// supervisor's review (PROCESS.md: within 24 h of sending, whoever sent or approved it).
function dispatch(m: CaseMachine, referral: ReferralRecord, actor: StaffActor): void {
  const s = m.state;
  const now = m.now();
  m.saveReferral(referral);
  m.startReferral(referral);
  m.event('referral.sent', actor, sentData(referral));
  m.notify('referral.sent', referral.agencyId, { referralId: referral.id, services: referral.services });
  // 5a is done once a referral is sent; the partner's clocks (5b, 5c) run in the referral workflow.
  m.dropClocks((c) => c.kind === 'STEP' && c.step === 'REFERRAL');
  if (referral.legalBasis === 'VITAL_INTEREST') {
    const due = now + Math.round(VITAL_INTEREST_REVIEW_HOURS * HOUR * s.slaTimeScale);
    const clock = m.addClock('SUPERVISOR_REVIEW', s.step, now, due, referral.id);
    referral.reviewClockId = clock.id;
    m.openTask('SUPERVISOR_REVIEW', TASK_TITLES.vitalInterestReview, 'SUPERVISOR', null, due, clock.id);
  }
}

function sentData(r: ReferralRecord): Record<string, unknown> {
  return {
    referralId: r.id,
    agencyId: r.agencyId,
    services: r.services,
    legalBasis: r.legalBasis,
    consentId: r.consentId,
  };
}

// A referral that never went out goes back to the caseworker: at the referral step with nothing else under way,
// choosing an agency's clock (5a) runs again, as after a decline.
function returnToCaseworker(m: CaseMachine, referral: ReferralRecord, actor: StaffActor, reason: string): void {
  const s = m.state;
  endApproval(m, referral, 'REFERRAL_REJECTED');
  referral.status = 'REJECTED';
  referral.reason = reason;
  m.saveReferral(referral);
  m.event('referral.rejected', actor, { referralId: referral.id, agencyId: referral.agencyId, reason });
  const stillOpen = s.referrals.some((r) => !isTerminal(r.status) && r.status !== 'DECLINED');
  if (s.step !== 'REFERRAL' || stillOpen || s.clocks.some((c) => c.kind === 'STEP' && c.step === 'REFERRAL')) return;
  m.event('referral.agency_needed', SYSTEM, { referralId: referral.id });
  m.addStepClock('REFERRAL', m.now());
  m.updateStepTaskDue();
}
