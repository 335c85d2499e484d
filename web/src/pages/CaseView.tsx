// One case: the returnee, where the case stands and until when, what the user may do now, the referrals and the
// timeline with its hash chain verified.
import { Anchor, Badge, Card, Grid, Group, Loader, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import { Section } from '../components/Section';
import { SlaBadge, TierBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { caseQuery, timelineQuery } from '../firstScreen';
import { formatDate, formatDateTime } from '../format';
import { addWords } from '../i18n';
import * as actionForms from '../i18n/action-forms';
import * as casefile from '../i18n/casefile';
import { ActionPanel } from './case/ActionPanel';
import { Consents } from './case/Consents';
import { Documents } from './case/Documents';
import { eventDetail } from './case/event-detail';
import { Letters } from './case/Letters';
import { Referrals } from './case/Referrals';

addWords(casefile, actionForms);

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children || '–'}
      </Text>
    </div>
  );
}

function EventDetail({ text }: { text: string | null }) {
  return text ? <Text size="sm">{text}</Text> : null;
}

// The sections below the first screen (referrals, consents, documents, letters, the timeline) are drawn in a second
// render, a transition once the case is on the screen: a slow phone's first render of the page is then half as long
// (Lighthouse counted its one long commit as blocking time), and their own requests wait until the case is drawn.
function useRestAfterFirst(shown: boolean): boolean {
  const [rest, setRest] = useState(false);
  useEffect(() => {
    if (shown) startTransition(() => setRest(true));
  }, [shown]);
  return rest;
}

export function CaseView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const found = useQuery(caseQuery(id));
  const rest = useRestAfterFirst(found.data !== undefined);
  const timeline = useQuery(timelineQuery(id));
  // the partner agencies by name, for the referrals, the consents and the letters
  const agencies = useQuery({
    queryKey: ['partner-agencies'],
    queryFn: () => ok(api.GET('/api/v1/partner-agencies')),
    staleTime: 10 * 60_000,
  });
  const agencyName = (agencyId: string) =>
    agencies.data?.find((a) => a.id === agencyId)?.name ?? t('casefile.unknownAgency');
  if (found.isPending) return <Loader aria-label="…" />;
  if (found.error) return <ErrorNotice error={found.error} />;
  const c = found.data;
  const p = c.person;
  const verified = timeline.data?.verification;

  return (
    <Stack>
      <Anchor component={Link} to="/cases" size="sm">
        ← {t('case.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {c.caseNumber} · {p?.fullName}
        </Title>
        <Group>
          <TierBadge tier={c.riskTier} />
          <Badge variant="outline" color="dark" tt="none">
            {t(`status.${c.status}`)}
          </Badge>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Section id="person" title={t('case.person')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
              <Field label={t('case.name')}>{p?.fullName}</Field>
              <Field label={t('case.sex')}>{p?.sex ? t(`sex.${p.sex}`) : ''}</Field>
              <Field label={t('case.born')}>{formatDate(p?.dateOfBirth)}</Field>
              <Field label={t('case.nik')}>{p?.nationalId}</Field>
              <Field label={t('case.passport')}>{p?.passportNumber}</Field>
              <Field label={t('case.phone')}>{p?.phone}</Field>
              <Field label={t('case.home')}>
                {[p?.homeRegion?.regency, p?.homeRegion?.province].filter(Boolean).join(', ')}
              </Field>
              <Field label={t('case.category')}>{t(`category.${c.category}`)}</Field>
              <Field label={t('case.arrival')}>
                {c.arrival.point} · {formatDateTime(c.arrival.arrivedAt)}
              </Field>
            </SimpleGrid>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="section" aria-labelledby="now">
            <Title order={2} size="h4" id="now" mb="sm">
              {t('case.step')}: {c.status === 'CLOSED' ? t('status.CLOSED') : t(`step.${c.currentStep}`)}
            </Title>
            <Stack gap="xs" component="dl" m={0}>
              <Field label={t('case.due')}>{formatDateTime(c.dueAt)}</Field>
              <Field label={t('case.sla')}>{c.status === 'OPEN' ? <SlaBadge state={c.slaState} /> : null}</Field>
              <Field label={t('case.escalation')}>
                {c.escalationLevel ? t('case.level', { level: c.escalationLevel }) : t('case.none')}
              </Field>
            </Stack>
            <Title order={3} size="h5" mt="md" mb="xs">
              {t('case.actions')}
            </Title>
            <ActionPanel c={c} />
          </Card>
        </Grid.Col>
      </Grid>
      {rest && (
        <>
          <Referrals
            caseId={c.id}
            referrals={c.referrals}
            events={timeline.data?.events ?? []}
            agencyName={agencyName}
          />
          <Consents consents={c.consents} agencyName={agencyName} />
          <Documents caseId={c.id} />
          <Letters
            c={c}
            agencyName={agencyName}
            handedOver={!!timeline.data?.events.some((e) => e.type === 'handover.completed')}
          />
          <Card withBorder component="section" aria-labelledby="timeline">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="timeline">
                {t('case.timeline')}
              </Title>
              {verified && (
                <Badge color={verified.valid ? 'teal' : 'red'} variant="light" c="dark.9" tt="none">
                  {verified.valid ? `✓ ${t('case.chainOk')}` : `⚠ ${t('case.chainBroken')}`}
                </Badge>
              )}
            </Group>
            <ErrorNotice error={timeline.error} />
            <Timeline bulletSize={12} lineWidth={2}>
              {(timeline.data?.events ?? []).map((e) => (
                <Timeline.Item
                  key={e.seq}
                  title={t(`event.${e.type.replace(/\./g, '_')}`, { defaultValue: t('event.other') })}
                >
                  <Text size="xs" c="gray.7">
                    {formatDateTime(e.occurredAt)} · {e.step ? `${t(`step.${e.step}`)} · ` : ''}
                    {t('case.by')} {t(`role.${e.actor.role}`, { defaultValue: e.actor.role })}
                  </Text>
                  <EventDetail text={eventDetail(e, t, agencyName)} />
                  {e.note && <Text size="sm">{e.note.text}</Text>}
                  {e.migration?.text && (
                    <Text size="sm">{t('slaMove.timeline.reason', { reason: e.migration.text })}</Text>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </>
      )}
    </Stack>
  );
}
