// An API error on an administration screen: its code in words, then the API's own message (which names the field).
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../../api/client';
import { adminError } from './shared';

export function AdminError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={adminError(t, error)}>
      {error instanceof ApiFailure && error.status !== 503 ? error.body.message : null}
    </Alert>
  );
}
