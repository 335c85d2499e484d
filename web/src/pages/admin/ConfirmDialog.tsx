// A yes-or-no question before a change that cannot be taken back silently (deactivating, resetting a password,
// rotating a secret, turning a gateway off, saving a year's holidays).
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AdminError } from './AdminError';

export function ConfirmDialog({
  title,
  text,
  confirm,
  opened,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirm: string;
  opened: boolean;
  busy: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('admin.close') }}>
      <Text mb="md">{text}</Text>
      <AdminError error={error} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('admin.cancel')}
        </Button>
        <Button onClick={onConfirm} loading={busy} data-autofocus>
          {confirm}
        </Button>
      </Group>
    </Modal>
  );
}
