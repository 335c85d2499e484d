// What the case does when a partner answers a referral (or stays silent), and when a notification delivery ends.
import { TASK_TITLES } from '../definition';
import type { NotificationSignal, ReferralSignal } from '../types';
import { SYSTEM, type CaseMachine } from './machine';
import { isTerminal } from './state';

// A partner answered, or the caseworker revoked (the referral workflow tells us).
export function onReferral(m: CaseMachine, signal: ReferralSignal): void {
  const s = m.state;
  const referral = s.referrals.find((r) => r.id === signal.referralId);
  if (!referral) return;
  const now = m.now();
  if (signal.kind === 'STATUS') {
    if (referral.status === signal.status) return; // a repeated signal
    referral.status = signal.status;
    referral.reason = signal.reason ?? null;
    m.event(`referral.${signal.status.toLowerCase()}`, signal.actor, {
      referralId: referral.id,
      agencyId: referral.agencyId,
      reason: signal.reason ?? null,
    });
    m.closeTasks((t) => t.kind === 'CONTACT_PARTNER' && t.clockId === referral.id, 'DONE');
    for (const e of s.escalations.filter((x) => x.status === 'OPEN' && x.clockId === referral.id)) {
      if (signal.status !== 'ACKNOWLEDGED') m.resolve(e, 'REFERRAL_ANSWERED');
    }
    if (signal.status === 'REVOKED' || signal.status === 'DECLINED') {
      m.dropClocks((c) => c.kind === 'SUPERVISOR_REVIEW' && c.ref === referral.id);
    }
    if (signal.status === 'ACCEPTED' && m.takes('tppo-report-approval')) {
      // a service has started: the 7-day clock of UU 21/2007 Pasal 52 is met
      const met = new Set(s.clocks.filter((c) => c.kind === 'TPPO_SERVICE').map((c) => c.id));
      m.dropClocks((c) => met.has(c.id));
      m.resolveOpenEscalations('SERVICE_STARTED', (e) => met.has(e.clockId));
    }
    if (s.status !== 'OPEN' || s.step !== 'REFERRAL') return;
    if (signal.status === 'ACCEPTED') return m.advance(signal.actor);
    const stillOpen = s.referrals.some((r) => !isTerminal(r.status) && r.status !== 'DECLINED');
    if ((signal.status === 'DECLINED' || signal.status === 'REVOKED') && !stillOpen) {
      // back to choosing an agency: the 5a clock runs again
      m.event('referral.agency_needed', SYSTEM, { referralId: referral.id });
      m.addStepClock('REFERRAL', now);
    }
    return;
  }
  // Partner silence: the referral workflow re-notified them; here the people act.
  const reason = `partner has not ${signal.phase === 'ACK' ? 'acknowledged' : 'decided on'} the referral`;
  if (signal.level === 1) {
    m.openTask('CONTACT_PARTNER', TASK_TITLES.contactPartner, 'CASEWORKER', s.assigneeId, null, referral.id);
  }
  m.openEscalation(signal.level, referral.id, 'PARTNER_SILENT', reason);
}

// A notification delivery ended. A partner that could not be reached for the whole retry budget is a matter for
// the supervisor: a level-1 escalation ("partner unreachable"); an admin can replay the delivery.
export function onNotification(m: CaseMachine, signal: NotificationSignal): void {
  const data = {
    eventId: signal.eventId,
    deliveryId: signal.deliveryId,
    notificationType: signal.type,
    agencyId: signal.agencyId,
    attempts: signal.attempts,
  };
  if (signal.outcome === 'DELIVERED') {
    m.event('notification.delivered', SYSTEM, data);
    m.resolveOpenEscalations('NOTIFICATION_DELIVERED', (e) => e.clockId === signal.eventId);
    return;
  }
  m.event('notification.failed', SYSTEM, { ...data, error: signal.error ?? null });
  if (m.takes('extend-partner-deadline')) (m.state.unreachable ??= {})[signal.eventId] = signal.agencyId;
  m.openEscalation(
    1,
    signal.eventId,
    'PARTNER_UNREACHABLE',
    `partner unreachable: ${signal.type} could not be delivered after ${signal.attempts} attempts`,
  );
}
