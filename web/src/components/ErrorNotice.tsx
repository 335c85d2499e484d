// An error as a caseworker reads it: the code in words, then the API's own message where it helps.
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api/client';

type T = (k: string, o?: Record<string, unknown>) => string;

export function errorText(t: T, err: unknown): string {
  return err instanceof ApiFailure ? codeText(t, err.code) : t('error.NETWORK');
}

// An error code of the API in words.
export function codeText(t: T, code: string): string {
  const key = `error.${code}`;
  const words = t(key);
  return words === key ? t('error.unknown', { code }) : words;
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
