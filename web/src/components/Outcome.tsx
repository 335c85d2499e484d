import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// What a button did, said once and dismissible.
export function Outcome({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="teal"
      role="status"
      c="dark.9"
      withCloseButton
      closeButtonLabel={t('notifications.dismiss')}
      onClose={onClose}
    >
      {children}
    </Alert>
  );
}
