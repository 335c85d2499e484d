// A person's notification settings: the language of their messages, their mobile number for WhatsApp/SMS, and per
// kind whether it also goes by e-mail and by WhatsApp/SMS (in-app always). A supervisor's or head's e-mail for a
// missed deadline or an escalation cannot be switched off: shown checked and disabled, with why.
import { Anchor, Button, Checkbox, Group, Loader, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiFailure, ok, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Outcome } from '../components/Outcome';

type Settings = Schemas['NotificationSettingsDto'];
type Switch = Settings['channels'][number];
type Language = Settings['language'];

const SETTINGS_KEY = ['me-notification-settings'];
const LOCKED_NOTE = 'notification-settings-locked';

export function NotificationSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => ok(api.GET('/api/v1/me/notification-settings')),
  });
  const [language, setLanguage] = useState<Language>('id');
  const [phone, setPhone] = useState('');
  const [channels, setChannels] = useState<Switch[]>([]);
  const [saved, setSaved] = useState(false);
  // the form starts from what the API holds, and again after each save
  useEffect(() => {
    if (!settings.data) return;
    setLanguage(settings.data.language);
    setPhone(settings.data.phone ?? '');
    setChannels(settings.data.channels);
  }, [settings.data]);

  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/me/notification-settings', {
          body: {
            language,
            phone: phone.trim() === '' ? null : phone.trim(),
            channels: channels.flatMap((c) => [
              ...(c.locked ? [] : [{ kind: c.kind, channel: 'EMAIL' as const, enabled: c.email }]),
              { kind: c.kind, channel: 'GATEWAY' as const, enabled: c.gateway },
            ]),
          },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(SETTINGS_KEY, data);
      setSaved(true);
      heading.current?.focus();
    },
  });
  const phoneRefused =
    save.error instanceof ApiFailure &&
    save.error.status === 422 &&
    Array.isArray(save.error.body.details) &&
    (save.error.body.details as { field?: string }[]).some((d) => d.field === 'phone');
  const toggle = (kind: Switch['kind'], channel: 'email' | 'gateway', on: boolean) => {
    setSaved(false);
    setChannels((all) => all.map((c) => (c.kind === kind ? { ...c, [channel]: on } : c)));
  };
  const anyLocked = channels.some((c) => c.locked);
  const gatewayWithoutPhone = phone.trim() === '' && channels.some((c) => c.gateway);

  return (
    <Stack maw={760}>
      <Title order={1} size="h2" ref={heading} tabIndex={-1}>
        {t('notifications.settings.title')}
      </Title>
      <Text>{t('notifications.settings.intro')}</Text>
      <Anchor component={Link} to="/notifications">
        {t('notifications.settings.back')}
      </Anchor>
      {saved && <Outcome onClose={() => setSaved(false)}>{t('notifications.settings.saved')}</Outcome>}
      <ErrorNotice error={settings.error ?? (phoneRefused ? null : save.error)} />
      {settings.isPending || !settings.data ? (
        <Loader aria-label="…" />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <Radio.Group
              label={t('notifications.settings.language')}
              value={language}
              onChange={(v) => {
                setSaved(false);
                setLanguage(v as Language);
              }}
            >
              <Group mt="xs">
                <Radio value="id" label={t('notifications.settings.languages.id')} />
                <Radio value="en" label={t('notifications.settings.languages.en')} />
              </Group>
            </Radio.Group>
            <div>
              <Text size="sm" fw={500}>
                {t('notifications.settings.email')}
              </Text>
              <Text>{settings.data.email ?? t('notifications.settings.noEmail')}</Text>
              <Text size="xs" c="dimmed">
                {t('notifications.settings.emailHelp')}
              </Text>
            </div>
            <TextInput
              label={t('notifications.settings.phone')}
              description={t('notifications.settings.phoneHelp')}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={phone}
              maw={420}
              onChange={(e) => {
                setSaved(false);
                setPhone(e.currentTarget.value);
              }}
              error={phoneRefused ? t('notifications.settings.phoneInvalid') : undefined}
            />
            {gatewayWithoutPhone && <Text size="sm">{t('notifications.settings.noPhoneWarning')}</Text>}
            <Text size="sm">{t('slaremind.settingsNote')}</Text>
            {anyLocked && (
              <Text size="sm" id={LOCKED_NOTE}>
                {t('notifications.settings.locked')}
              </Text>
            )}
            <Table striped captionSide="top" aria-describedby={anyLocked ? LOCKED_NOTE : undefined}>
              <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 8 }}>
                {t('notifications.settings.channels')}
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('notifications.settings.kindColumn')}</Table.Th>
                  <Table.Th ta="center" style={{ whiteSpace: 'nowrap' }}>
                    {t('notifications.settings.emailColumn')}
                  </Table.Th>
                  <Table.Th ta="center">{t('notifications.settings.gatewayColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {channels.map((c) => {
                  const kind = t(`notifications.kind.${c.kind}`);
                  return (
                    <Table.Tr key={c.kind}>
                      <Table.Td>
                        {kind}
                        {c.locked && (
                          <Text span size="sm">
                            {` (${t('notifications.settings.lockedMark')})`}
                          </Text>
                        )}
                      </Table.Td>
                      {(['email', 'gateway'] as const).map((channel) => (
                        <Table.Td key={channel}>
                          <Group justify="center">
                            <Checkbox
                              aria-label={t('notifications.settings.switchLabel', {
                                channel: t(`notifications.settings.${channel}Column`),
                                kind,
                              })}
                              aria-describedby={c.locked && channel === 'email' ? LOCKED_NOTE : undefined}
                              checked={c[channel]}
                              disabled={c.locked && channel === 'email'}
                              onChange={(e) => toggle(c.kind, channel, e.currentTarget.checked)}
                            />
                          </Group>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('notifications.settings.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
