// Where an office's WhatsApp/SMS messages are posted. Each setting makes a new signing secret, which the API gives
// this once: the offices' page shows it once.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { AdminError } from './AdminError';

export function GatewayDialog({
  office,
  onClose,
  onSet,
}: {
  office: Schemas['OfficeDto'];
  onClose: () => void;
  onSet: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const set = useMutation({
    mutationFn: () =>
      ok(api.PUT('/api/v1/offices/{id}/message-gateway', { params: { path: { id: office.id } }, body: { url } })),
    onSuccess: (answer) => onSet(answer.signingSecret),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('admin.offices.gatewayOf', { name: office.name })}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('admin.offices.gatewayIntro')}</Text>
          <TextInput
            label={t('admin.offices.gatewayUrl')}
            description={t('admin.offices.gatewayUrlHelp')}
            required
            type="url"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            data-autofocus
          />
          <AdminError error={set.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={set.isPending}>
              {t('admin.offices.gatewaySave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
