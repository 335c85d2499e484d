// What was given up on: partner webhook notifications (FAILED after their 24 h of retries) and messages to staff
// (email, WhatsApp/SMS, FAILED past their retry budget), each sent again on the administrator's word, with how it
// went.
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FailedStaffMessages } from './FailedStaffMessages';
import { FailedWebhooks } from './FailedWebhooks';

export function FailedDeliveries() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.failed.title')}
      </Title>
      <Text>{t('admin.failed.intro')}</Text>
      <FailedWebhooks />
      <FailedStaffMessages />
    </Stack>
  );
}
