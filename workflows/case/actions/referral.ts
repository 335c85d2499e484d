// Consent and referral (step 5a): consents recorded and withdrawn, referrals sent, and the supervisor's review of a
// referral made without consent. The partner's side of a referral runs in referral.workflow.ts.
import { TASK_TITLES, VITAL_INTEREST_REVIEW_HOURS } from '../../definition';
import type { ConsentRecord, ReferralRecord } from '../../types';
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
    guard(m, p, actor) {
      const s = m.state;
      const agencyId = String(p.agencyId);
      if (s.referrals.some((r) => r.agencyId === agencyId && !isTerminal(r.status))) {
        return 'a referral to this agency is already under way';
      }
      if (m.isChild && !isSupervisor(actor)) return 'a referral for a child needs a supervisor';
      if (p.legalBasis === 'VITAL_INTEREST') {
        if (!isSupervisor(actor)) return 'only a supervisor may refer without consent (vital interest)';
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
        const consent = s.consents.find((c) => c.id === p.consentId);
        if (!consent) return 'no consent with that id on this case';
        if (consent.withdrawnAt) return 'that consent was withdrawn';
        if (Date.parse(consent.expiresAt) <= m.now()) return 'that consent has expired';
        if (consent.recipientAgencyId !== agencyId) return 'that consent does not cover this agency';
        if (consent.purpose !== 'REFERRAL') return 'that consent does not cover a referral';
      }
      return null;
    },
    apply(m, p, actor) {
      const s = m.state;
      const now = m.now();
      const referral: ReferralRecord = {
        id: m.newId(),
        agencyId: p.agencyId,
        services: p.services ?? [],
        legalBasis: p.legalBasis,
        consentId: p.consentId ?? null,
        status: 'SENT',
        sentAt: new Date(now).toISOString(),
        reason: null,
      };
      s.referrals.push(referral);
      m.saveReferral(referral);
      m.startReferral(referral);
      m.event('referral.sent', actor, {
        referralId: referral.id,
        agencyId: referral.agencyId,
        services: referral.services,
        legalBasis: referral.legalBasis,
        consentId: referral.consentId,
      });
      m.notify('referral.sent', referral.agencyId, { referralId: referral.id, services: referral.services });
      // 5a is done once a referral is sent; the partner's clocks (5b, 5c) run in the referral workflow.
      m.dropClocks((c) => c.kind === 'STEP' && c.step === 'REFERRAL');
      if (referral.legalBasis === 'VITAL_INTEREST') {
        const due = now + Math.round(VITAL_INTEREST_REVIEW_HOURS * HOUR * s.slaTimeScale);
        const clock = m.addClock('SUPERVISOR_REVIEW', s.step, now, due, referral.id);
        referral.reviewClockId = clock.id;
        m.openTask('SUPERVISOR_REVIEW', TASK_TITLES.vitalInterestReview, 'SUPERVISOR', null, due, clock.id);
      }
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
        m.revokeReferral(r.id, `consent withdrawn: ${reason}`, actor);
      }
    },
  },

  'review-referral': {
    available(m) {
      return m.state.referrals.some((r) => r.legalBasis === 'VITAL_INTEREST' && !r.review)
        ? null
        : 'no referral made without consent awaits a review';
    },
    guard(m, p) {
      const referral = m.state.referrals.find((r) => r.id === p.referralId);
      if (!referral) return 'no referral with that id on this case';
      if (referral.legalBasis !== 'VITAL_INTEREST')
        return 'only a referral made without consent (vital interest) is reviewed';
      if (referral.review) return 'that referral has already been reviewed';
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
