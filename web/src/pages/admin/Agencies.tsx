// The partner agencies: kind, province, services, webhook, the returnee fields they may receive (in words), the
// fallback contact, and the signing secret: a new or rotated one is shown once, here, and never again.
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { AdminError } from './AdminError';
import { AgencyDialog } from './AgencyDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { OneTimeSecret, type Secret } from './OneTimeSecret';
import { ListTable } from './Scroll';
import { RowActions } from './RowActions';
import { agenciesQuery } from './shared';

type Agency = Schemas['PartnerAgencyDto'];

export function Agencies() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const agencies = useQuery(agenciesQuery);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [rotating, setRotating] = useState<Agency | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: agenciesQuery.queryKey });
  // the answer carries the secret: kept in this page's state only, never put in the query cache
  const showSecret = (name: string, value: string | undefined) => {
    if (value) setSecret({ title: t('admin.agencies.secretOf', { name }), value });
    void refresh();
  };
  const rotate = useMutation({
    mutationFn: (a: Agency) =>
      ok(api.PATCH('/api/v1/partner-agencies/{id}', { params: { path: { id: a.id } }, body: { rotateSecret: true } })),
    onSuccess: (answer) => {
      setRotating(null);
      showSecret(answer.name, answer.signingSecret);
    },
  });
  const words = (prefix: string, values: string[]) =>
    values.length ? values.map((v) => t(`${prefix}.${v}`, { defaultValue: v })).join(', ') : '—';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.agencies.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('admin.agencies.add')}</Button>
      </Group>
      <OneTimeSecret secret={secret} onDone={() => setSecret(null)} />
      <AdminError error={agencies.error} />
      <ListTable
        label={t('admin.agencies.title')}
        columns={[
          t('admin.agencies.name'),
          t('admin.agencies.services'),
          t('admin.agencies.allowedFields'),
          t('admin.agencies.webhook'),
          t('admin.agencies.fallback'),
          t('admin.actions'),
        ]}
      >
        {(agencies.data ?? []).map((a) => (
          <Table.Tr key={a.id}>
            <Table.Th scope="row" fw={400}>
              <Text fw={600} size="sm">
                {a.name}
              </Text>
              <Text size="xs" c="gray.7">
                {t(`admin.kind.${a.kind}`)} · {a.province}
              </Text>
              {!a.active && (
                <Badge color="gray.7" variant="filled">
                  {t('admin.inactive')}
                </Badge>
              )}
            </Table.Th>
            <Table.Td>{words('casefile.service', a.services)}</Table.Td>
            <Table.Td>{words('admin.field', a.allowedFields)}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>
              {a.webhookUrl ?? t('admin.agencies.noWebhook')}
              <Text size="xs" c="gray.7">
                {a.hasSigningSecret ? t('admin.agencies.hasSecret') : t('admin.agencies.noSecret')}
                {a.previousSecretValidUntil &&
                  ` ${t('admin.agencies.previousUntil', { when: formatDateTime(a.previousSecretValidUntil) })}`}
              </Text>
            </Table.Td>
            <Table.Td>
              {a.fallbackContact
                ? [a.fallbackContact.name, a.fallbackContact.phone, a.fallbackContact.email].filter(Boolean).join(' · ')
                : '—'}
            </Table.Td>
            <Table.Td>
              <RowActions
                actions={[
                  {
                    label: t('admin.edit'),
                    ariaLabel: t('admin.agencies.editOf', { name: a.name }),
                    onClick: () => setEditing(a),
                  },
                  {
                    label: t('admin.agencies.rotate'),
                    ariaLabel: t('admin.agencies.rotateOf', { name: a.name }),
                    onClick: () => setRotating(a),
                  },
                ]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {editing && (
        <AgencyDialog
          agency={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(answer) => {
            setEditing(null);
            showSecret(answer.name, answer.signingSecret);
          }}
        />
      )}
      <ConfirmDialog
        opened={rotating !== null}
        title={t('admin.agencies.rotateOf', { name: rotating?.name ?? '' })}
        text={t('admin.agencies.rotateText')}
        confirm={t('admin.agencies.rotate')}
        busy={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotating && rotate.mutate(rotating)}
        onClose={() => setRotating(null)}
      />
    </Stack>
  );
}
