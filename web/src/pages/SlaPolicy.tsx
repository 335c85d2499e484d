// A head of office's SLA policy page: the drafts of their own province (the API allows them no other), each edited,
// compared with the version in force and published as on the administrator's page (the same pieces), and the way to
// move the office's running cases to a version.
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { addWords } from '../i18n';
import * as admin from '../i18n/admin';
import { officesQuery } from '../officeTimeZone';
import { SlaDrafts } from './admin/SlaDrafts';

// the drafts' table and questions speak the administration's words
addWords(admin);

export function SlaPolicy() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const offices = useQuery(officesQuery);
  const province = offices.data?.find((o) => o.id === user?.officeId)?.province;
  if (user?.role !== 'HEAD') return <Alert color="red" role="alert" title={t('slaMove.head.onlyHead')} />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('slaMove.head.title', { province: province ?? '' })}
      </Title>
      <Text>{t('slaMove.head.intro')}</Text>
      <Anchor component={Link} to="/sla/move">
        {t('slaMove.title')}
      </Anchor>
      {province && <SlaDrafts province={province} />}
    </Stack>
  );
}
