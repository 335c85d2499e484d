// A partner agency's home: the referrals sent to it, those waiting for its answer first (soonest deadline first, with
// a live countdown, overdue or due today marked), then the others, newest first. Each shows only what the API gives
// a partner: the case number, the returnee's name only where the agency's allow-list and the consent both allow it.
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime } from '../format';
import { addWords } from '../i18n';
import * as casefile from '../i18n/casefile';
import * as partner from '../i18n/partner';
import { useNow } from '../useNow';
import { Urgency } from './partner/Urgency';
import { byUrgency, dueOf, owed, usePartnerReferrals, type Referral } from './partner/referrals';

// the services and the legal basis in words, as the case page says them
addWords(casefile, partner);

function ReferralCard({ r, now }: { r: Referral; now: number }) {
  const { t } = useTranslation();
  const phase = owed(r);
  const due = dueOf(r);
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={4}>
        <Group justify="space-between" align="start" gap="xs">
          <Anchor
            component={Link}
            to={`/partner/referrals/${r.id}`}
            fw={700}
            aria-label={t('partner.open', { caseNumber: r.caseNumber })}
          >
            {r.caseNumber}
          </Anchor>
          <Badge variant="outline" color="dark" tt="none">
            {t(`referralStatus.${r.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {r.returneeName ?? (
            <Text span c="gray.7" fs="italic" inherit>
              {t('partner.nameWithheld')}
            </Text>
          )}
        </Text>
        {phase ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={500}>
              {t(`partner.owes.${phase}`)}
              {due ? ` · ${t('partner.dueAt', { when: formatDateTime(due) })}` : ''}
            </Text>
            {due ? <Urgency r={r} due={due} now={now} /> : null}
          </Group>
        ) : null}
        <Text size="sm" c="gray.7">
          {t('partner.services')}: {r.services.map((s) => t(`casefile.service.${s}`, { defaultValue: s })).join(', ')} ·{' '}
          {t('partner.sent')} {formatDateTime(r.sentAt)}
        </Text>
      </Stack>
    </Card>
  );
}

function List({ items, now, empty }: { items: Referral[]; now: number; empty: string }) {
  if (!items.length) return <Text size="sm">{empty}</Text>;
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((r) => (
        <ReferralCard key={r.id} r={r} now={now} />
      ))}
    </Stack>
  );
}

export function PartnerHome() {
  const { t } = useTranslation();
  const now = useNow();
  const list = usePartnerReferrals();
  const sorted = [...(list.data?.items ?? [])].sort(byUrgency);
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {t('partner.title')}
      </Title>
      <Text size="sm">{t('partner.intro')}</Text>
      <ErrorNotice error={list.error} />
      {list.isPending ? <Loader aria-label={t('partner.listLabel')} /> : null}
      {list.data ? (
        <>
          <Title order={2} size="h4" id="partner-due">
            {t('partner.dueSection')}
          </Title>
          <section aria-labelledby="partner-due">
            <List items={sorted.filter((r) => owed(r))} now={now} empty={t('partner.dueEmpty')} />
          </section>
          <Title order={2} size="h4" id="partner-other">
            {t('partner.otherSection')}
          </Title>
          <section aria-labelledby="partner-other">
            <List items={sorted.filter((r) => !owed(r))} now={now} empty={t('partner.otherEmpty')} />
          </section>
        </>
      ) : null}
    </Stack>
  );
}
