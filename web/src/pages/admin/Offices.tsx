// The BP3MI offices: address, contacts and time zone (in words), and each office's WhatsApp/SMS gateway, whose
// signing secret is shown once when it is set.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { officesQuery } from '../../officeTimeZone';
import { AdminError } from './AdminError';
import { ConfirmDialog } from './ConfirmDialog';
import { GatewayDialog } from './GatewayDialog';
import { OfficeDialog } from './OfficeDialog';
import { OneTimeSecret, type Secret } from './OneTimeSecret';
import { ListTable } from './Scroll';
import { RowActions } from './RowActions';

type Office = Schemas['OfficeDto'];

export function Offices() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const offices = useQuery(officesQuery);
  const [editing, setEditing] = useState<Office | null>(null);
  const [gateway, setGateway] = useState<Office | null>(null);
  const [removing, setRemoving] = useState<Office | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [said, setSaid] = useState('');
  const remove = useMutation({
    mutationFn: (o: Office) =>
      ok(api.DELETE('/api/v1/offices/{id}/message-gateway', { params: { path: { id: o.id } } })),
    onSuccess: (_, o) => {
      setRemoving(null);
      setSaid(t('admin.offices.gatewayRemoved', { name: o.name }));
      void queries.invalidateQueries({ queryKey: officesQuery.queryKey });
    },
  });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.offices.title')}
      </Title>
      <Text>{t('admin.offices.intro')}</Text>
      <OneTimeSecret secret={secret} onDone={() => setSecret(null)} />
      <Text role="status" size="sm">
        {said}
      </Text>
      <AdminError error={offices.error} />
      <ListTable
        label={t('admin.offices.title')}
        columns={[
          t('admin.offices.name'),
          t('admin.offices.address'),
          t('admin.offices.timeZone'),
          t('admin.offices.contact'),
          t('admin.offices.gatewayColumn'),
          t('admin.actions'),
        ]}
      >
        {(offices.data ?? []).map((o) => (
          <Table.Tr key={o.id}>
            <Table.Th scope="row" fw={400}>
              <Text fw={600} size="sm">
                {o.name}
              </Text>
              <Text size="xs" c="gray.7">
                {t('admin.offices.codeCity', { code: o.code, city: o.city, province: o.province })}
              </Text>
            </Table.Th>
            <Table.Td>{o.address ?? '—'}</Table.Td>
            <Table.Td>{t(`admin.zone.${o.timeZone}`)}</Table.Td>
            <Table.Td>{[o.phone, o.email].filter(Boolean).join(' · ') || '—'}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {o.messageGatewayUrl ?? (
                <Text span size="sm" c="gray.7">
                  {t('admin.offices.gatewayNone')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <RowActions
                actions={[
                  {
                    label: t('admin.edit'),
                    ariaLabel: t('admin.offices.editOf', { name: o.name }),
                    onClick: () => setEditing(o),
                  },
                  {
                    label: t('admin.offices.gateway'),
                    ariaLabel: t('admin.offices.gatewaySetOf', { name: o.name }),
                    onClick: () => setGateway(o),
                  },
                  ...(o.messageGatewayUrl
                    ? [
                        {
                          label: t('admin.offices.gatewayOff'),
                          ariaLabel: t('admin.offices.gatewayOffOf', { name: o.name }),
                          onClick: () => setRemoving(o),
                        },
                      ]
                    : []),
                ]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {editing && (
        <OfficeDialog
          office={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setSaid(t('admin.offices.saved', { name: editing.name }));
            void queries.invalidateQueries({ queryKey: officesQuery.queryKey });
          }}
        />
      )}
      {gateway && (
        <GatewayDialog
          office={gateway}
          onClose={() => setGateway(null)}
          onSet={(value) => {
            setSecret({ title: t('admin.offices.gatewaySecret', { name: gateway.name }), value });
            setGateway(null);
            void queries.invalidateQueries({ queryKey: officesQuery.queryKey });
          }}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('admin.offices.gatewayOffTitle', { name: removing?.name ?? '' })}
        text={t('admin.offices.gatewayOffText')}
        confirm={t('admin.offices.gatewayOff')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
