// Sign-in: a wrong password, a locked account (423) and too many attempts (429) each said plainly.
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api/client';
import { useAuth } from '../auth';
import { errorText } from '../components/ErrorNotice';

export function SignIn() {
  const { t } = useTranslation();
  const { signIn, expired } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(expired ? t('signIn.expired') : null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setProblem(signInProblem(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('signIn.title')}
              </Title>
              <Text c="gray.7" size="sm">
                {t('app.tagline')}
              </Text>
            </div>
            <TextInput
              label={t('signIn.username')}
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {problem && (
              <Text c="red.9" role="alert" size="sm">
                {problem}
              </Text>
            )}
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function signInProblem(t: (k: string, o?: Record<string, unknown>) => string, err: unknown): string {
  if (!(err instanceof ApiFailure)) return errorText(t, err);
  const seconds = (err.body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
  if (err.status === 401) return t('signIn.wrong');
  if (err.status === 423 || err.code === 'ACCOUNT_LOCKED')
    return t('signIn.locked', { minutes: Math.ceil(seconds / 60) });
  if (err.status === 429) return t('signIn.tooMany', { seconds });
  return errorText(t, err);
}
