// What a timeline entry says under its title when its title alone leaves the reader asking "which?": the kind and
// level of an escalation, how it was resolved, the tier a case was set to, the agency a referral went to, the SLA versions a case moved between. Nothing
// for the other events (their step and time are shown beside them already).
import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';

type Event = Schemas['TimelineEventDto'];

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function eventDetail(e: Event, t: TFunction, agencyName: (id: string) => string): string | null {
  const d = e.data;
  switch (e.type) {
    case 'escalation.opened':
      return t('walk.detail.escalation', {
        level: d.level,
        kind: t(`escalations.kind.${text(d.kind)}`, { defaultValue: t('event.other') }),
      });
    case 'escalation.resolved':
      return t('walk.detail.escalation', {
        level: d.level,
        kind: t(`supervision.resolve.${text(d.resolution)}`, { defaultValue: t('event.other') }),
      });
    case 'sla.reminder':
      return typeof d.percent === 'number' ? t('slaremind.detail', { percent: d.percent }) : null;
    case 'sla.policy_migrated':
      return t('slaMove.timeline.detail', { from: text(d.fromVersion), to: text(d.toVersion) });
    case 'risk_tier.changed':
    case 'screening.completed':
      return d.to || d.riskTier ? t('walk.detail.tier', { tier: t(`tier.${text(d.to ?? d.riskTier)}`) }) : null;
    default:
      return e.type.startsWith('referral.') && d.agencyId
        ? t('walk.detail.agency', { agency: agencyName(text(d.agencyId)) })
        : null;
  }
}
