// What the returnee (or a parent or guardian) agreed to share, with whom, how and until when, and whether it was
// withdrawn: the consents of the case answer.
import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { Section } from '../../components/Section';

type Consent = Schemas['ConsentDto'];

function State({ consent, now }: { consent: Consent; now: number }) {
  const { t } = useTranslation();
  if (consent.withdrawnAt)
    return (
      <Badge color="red.9" variant="filled" tt="none">
        {t('casefile.withdrawn', { when: formatDateTime(consent.withdrawnAt) })}
      </Badge>
    );
  if (Date.parse(consent.expiresAt) < now)
    return (
      <Badge color="gray" variant="light" c="dark.9" tt="none">
        {t('casefile.expired')}
      </Badge>
    );
  return (
    <Badge color="teal" variant="light" c="dark.9" tt="none">
      {t('casefile.valid')}
    </Badge>
  );
}

export function Consents({ consents, agencyName }: { consents: Consent[]; agencyName: (id: string) => string }) {
  const { t } = useTranslation();
  const now = Date.now();
  return (
    <Section id="consents" title={t('casefile.consents')} empty={consents.length ? null : t('casefile.noConsents')}>
      <Stack>
        {consents.map((x) => (
          <div key={x.id}>
            <Group justify="space-between" align="start">
              <Title order={3} size="h5">
                {t('casefile.to')}: {agencyName(x.recipientAgencyId)}
              </Title>
              <State consent={x} now={now} />
            </Group>
            <Text size="sm">
              {x.givenBy === 'GUARDIAN' && x.guardian
                ? t('casefile.givenByGuardian', { relationship: x.guardian.relationship, name: x.guardian.name ?? '–' })
                : t('casefile.givenBySelf')}
            </Text>
            <Text size="sm">{t('casefile.shares')}:</Text>
            <List size="sm">
              {x.dataCategories.map((d) => (
                <List.Item key={d}>{t(`casefile.category.${d}`, { defaultValue: d })}</List.Item>
              ))}
            </List>
            <Text size="xs" c="gray.7">
              {t('casefile.recorded', {
                when: formatDateTime(x.recordedAt),
                method: t(`casefile.method.${x.method}`, { defaultValue: x.method }),
              })}{' '}
              · {t('casefile.expires', { when: formatDateTime(x.expiresAt) })}
            </Text>
          </div>
        ))}
      </Stack>
    </Section>
  );
}
