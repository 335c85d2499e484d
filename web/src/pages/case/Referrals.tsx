// Each referral: the agency by name, its status in words, when it was sent, the partner's deadlines (acknowledging,
// then deciding) with how late an answer came or how long is left, who answered and why a decline or a revocation
// happened (from the timeline), and its letter to print.
import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { countdown, elapsed, formatDateTime } from '../../format';
import { useNow } from '../../useNow';
import { PrintButton, referralLetter, wasSent } from './Letters';
import { Section } from '../../components/Section';

type Referral = Schemas['ReferralDto'];
type Deadline = Schemas['PartnerDeadlineDto'];
type Event = Schemas['TimelineEventDto'];

// the statuses in which the partner still owes each answer
const OWES = { acknowledge: ['SENT'], decide: ['SENT', 'ACKNOWLEDGED'] } as const;

function DeadlineLine({
  phase,
  d,
  r,
  now,
}: {
  phase: 'acknowledge' | 'decide';
  d: Deadline;
  r: Referral;
  now: number;
}) {
  const { t } = useTranslation();
  const label = t(`casefile.${phase}`);
  let text: string;
  let late = false;
  if (!d.dueAt) {
    text = phase === 'decide' && !d.answeredAt ? t('casefile.notStarted') : t('casefile.noDeadline');
  } else if (d.answeredAt) {
    const by = Date.parse(d.answeredAt) - Date.parse(d.dueAt);
    late = by > 0;
    const lateness =
      by < 60_000
        ? t('casefile.lateUnderMinute')
        : t('casefile.lateBy', { time: elapsed(d.dueAt, Date.parse(d.answeredAt)) });
    text = `${t('casefile.dueBy', { when: formatDateTime(d.dueAt) })} · ${t('casefile.answered', {
      when: formatDateTime(d.answeredAt),
    })} · ${late ? lateness : t('casefile.onTime')}`;
  } else if ((OWES[phase] as readonly string[]).includes(r.status)) {
    const left = countdown(d.dueAt, now);
    late = left.late;
    text = `${t('casefile.dueBy', { when: formatDateTime(d.dueAt) })} · ${left.text}`;
  } else {
    text = `${t('casefile.dueBy', { when: formatDateTime(d.dueAt) })} · ${t('casefile.waiting')}`;
  }
  return (
    <Text size="sm">
      <Text span fw={500}>
        {label}:
      </Text>{' '}
      <Text span c={late ? 'red.9' : undefined} fw={late ? 700 : undefined}>
        {text}
      </Text>
    </Text>
  );
}

export function Referrals({
  caseId,
  referrals,
  events,
  agencyName,
}: {
  caseId: string;
  referrals: Referral[];
  events: Event[];
  agencyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const now = useNow();
  // the answer that put each referral where it is now: its event in the timeline, the newest one
  const answerOf = (r: Referral) =>
    [...events].reverse().find((e) => e.type === `referral.${r.status.toLowerCase()}` && e.data.referralId === r.id);

  return (
    <Section id="referrals" title={t('case.referrals')} empty={referrals.length ? null : t('case.noReferrals')}>
      <Stack>
        {referrals.map((r) => {
          const answer = answerOf(r);
          const agency = agencyName(r.agencyId);
          return (
            <Stack key={r.id} gap={4}>
              <Group justify="space-between" align="start">
                <Title order={3} size="h5">
                  {agency}
                </Title>
                <Badge variant="outline" color="dark" tt="none">
                  {t(`referralStatus.${r.status}`, { defaultValue: r.status })}
                </Badge>
              </Group>
              <Text size="sm">
                {t('casefile.sent', { when: formatDateTime(r.sentAt) })} · {t('casefile.services')}:{' '}
                {r.services.map((s) => t(`casefile.service.${s}`, { defaultValue: s })).join(', ')} ·{' '}
                {t('casefile.basis')}: {t(`casefile.legalBasis.${r.legalBasis}`, { defaultValue: r.legalBasis })}
              </Text>
              {r.partnerDeadlines ? (
                <>
                  <DeadlineLine phase="acknowledge" d={r.partnerDeadlines.acknowledge} r={r} now={now} />
                  <DeadlineLine phase="decide" d={r.partnerDeadlines.decide} r={r} now={now} />
                </>
              ) : null}
              {answer && r.status !== 'SENT' ? (
                <Text size="sm">
                  {t('casefile.answeredBy', {
                    status: t(`referralStatus.${r.status}`, { defaultValue: r.status }),
                    who: t(`role.${answer.actor.role}`, { defaultValue: answer.actor.role }),
                    when: formatDateTime(answer.occurredAt),
                  })}
                </Text>
              ) : null}
              {r.reason ? <Text size="sm">{t('casefile.reason', { reason: r.reason })}</Text> : null}
              {r.summary ? <Text size="sm">{t('casefile.summary', { summary: r.summary })}</Text> : null}
              {wasSent(r) ? (
                <PrintButton label={t('casefile.printReferral', { agency })} load={referralLetter(caseId, r.id)} />
              ) : null}
            </Stack>
          );
        })}
      </Stack>
    </Section>
  );
}
