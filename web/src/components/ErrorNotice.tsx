// An error as a caseworker reads it: the code in words, then the API's own message where it helps.
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api/client';

export function errorText(t: (k: string, o?: Record<string, unknown>) => string, err: unknown): string {
  if (err instanceof ApiFailure) {
    const key = `error.${err.code}`;
    const words = t(key);
    return words === key ? t('error.unknown', { code: err.code }) : words;
  }
  return t('error.NETWORK');
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={errorText(t, error)}>
      {error instanceof ApiFailure && error.status !== 503 ? error.body.message : null}
    </Alert>
  );
}
