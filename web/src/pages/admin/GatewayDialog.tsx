// Where an office's WhatsApp/SMS messages are posted. Each setting makes a new signing secret, which the API gives
// this once: the offices' page shows it once.
import { Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { FormDialog } from './FormDialog';

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
  return (
    <FormDialog
      title={t('admin.offices.gatewayOf', { name: office.name })}
      saving={set}
      submitLabel={t('admin.offices.gatewaySave')}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}
