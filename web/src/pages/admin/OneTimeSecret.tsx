// A password or signing secret the API gives once: shown here until the administrator closes it, with a copy
// button, and kept nowhere else (not in the query cache, not in the browser's storage), so a reload or another
// screen never shows it again.
import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Secret = { title: string; value: string };

export function OneTimeSecret({ secret, onDone }: { secret: Secret | null; onDone: () => void }) {
  const { t } = useTranslation();
  if (!secret) return null;
  return (
    // the title in near-black: Mantine's yellow title on the yellow ground is below WCAG AA contrast
    <Alert
      color="yellow"
      title={
        <Text span fw={700} c="dark.9">
          {secret.title}
        </Text>
      }
      role="region"
      aria-label={secret.title}
    >
      <Text size="sm" mb="xs">
        {t('admin.secret.once')}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Code fz="md" data-testid="one-time-secret" style={{ wordBreak: 'break-all' }}>
          {secret.value}
        </Code>
        <CopyButton value={secret.value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="filled" color={copied ? 'teal.9' : 'dark'} onClick={copy}>
              {copied ? t('admin.secret.copied') : t('admin.secret.copy')}
            </Button>
          )}
        </CopyButton>
        <Button size="xs" variant="default" onClick={onDone}>
          {t('admin.secret.done')}
        </Button>
      </Group>
    </Alert>
  );
}
