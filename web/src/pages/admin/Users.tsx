// Accounts: filtered by role and office, searched by name, username or e-mail; created, changed, deactivated or
// reactivated, and their password reset (the new one shown once, to hand over in person).
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { officesQuery } from '../../officeTimeZone';
import { AdminError } from './AdminError';
import { ConfirmDialog } from './ConfirmDialog';
import { OneTimeSecret, type Secret } from './OneTimeSecret';
import { ListTable } from './Scroll';
import { RowActions } from './RowActions';
import { agenciesQuery, ROLES, type Role } from './shared';
import { UserDialog } from './UserDialog';

type User = Schemas['UserDto'];
type Pending = { kind: 'deactivate' | 'reset'; user: User };

export function Users() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [role, setRole] = useState('');
  const [officeId, setOfficeId] = useState('');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const offices = useQuery(officesQuery);
  const agencies = useQuery(agenciesQuery);
  const users = useQuery({
    queryKey: ['admin', 'users', role, officeId],
    queryFn: () =>
      ok(
        api.GET('/api/v1/users', {
          params: {
            query: { limit: 200, role: (role || undefined) as Role | undefined, officeId: officeId || undefined },
          },
        }),
      ),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['admin', 'users'] });
  const change = useMutation({
    mutationFn: async ({ kind, user }: Pending | { kind: 'reactivate'; user: User }) => {
      const params = { params: { path: { id: user.id } } };
      if (kind === 'reset') return (await ok(api.POST('/api/v1/users/{id}/password-reset', params))).password;
      await ok(
        api.POST(kind === 'deactivate' ? '/api/v1/users/{id}/deactivate' : '/api/v1/users/{id}/reactivate', params),
      );
      return null;
    },
    onSuccess: (password, { user }) => {
      setPending(null);
      if (password) setSecret({ title: t('admin.users.resetDone', { name: user.displayName }), value: password });
      void refresh();
    },
  });

  const placeName = (u: User) =>
    offices.data?.find((o) => o.id === u.officeId)?.name ??
    agencies.data?.find((a) => a.id === u.agencyId)?.name ??
    '—';
  const needle = search.trim().toLowerCase();
  const shown = (users.data?.items ?? []).filter(
    (u) => !needle || [u.displayName, u.username, u.email ?? ''].some((v) => v.toLowerCase().includes(needle)),
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.users.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('admin.users.add')}</Button>
      </Group>
      <OneTimeSecret secret={secret} onDone={() => setSecret(null)} />
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('admin.users.search')}
          placeholder={t('admin.users.searchHelp')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('admin.users.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          data={[{ value: '', label: t('admin.all') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
        />
        <NativeSelect
          label={t('admin.users.office')}
          value={officeId}
          onChange={(e) => setOfficeId(e.currentTarget.value)}
          data={[
            { value: '', label: t('admin.all') },
            ...(offices.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
      </Group>
      <AdminError error={users.error ?? change.error} />
      <Text size="sm" role="status">
        {users.data ? t('admin.users.count', { count: shown.length }) : t('admin.loading')}
      </Text>
      <ListTable
        label={t('admin.users.title')}
        columns={[
          t('admin.users.name'),
          t('admin.users.role'),
          t('admin.users.place'),
          t('admin.users.contact'),
          t('admin.users.status'),
          t('admin.actions'),
        ]}
      >
        {shown.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Th scope="row" fw={400}>
              <Text fw={600} size="sm">
                {u.displayName}
              </Text>
              <Text size="xs" c="gray.7">
                {u.username}
              </Text>
            </Table.Th>
            <Table.Td>{t(`role.${u.role}`)}</Table.Td>
            <Table.Td>{placeName(u)}</Table.Td>
            <Table.Td>
              {u.email ?? '—'}
              {u.phone && (
                <Text size="xs" c="gray.7">
                  {u.phone}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={u.active ? 'teal.9' : 'gray.7'} variant="filled">
                {u.active ? t('admin.active') : t('admin.inactive')}
              </Badge>
            </Table.Td>
            <Table.Td>
              <RowActions
                actions={[
                  {
                    label: t('admin.edit'),
                    ariaLabel: t('admin.users.editOf', { name: u.displayName }),
                    onClick: () => setEditing(u),
                  },
                  {
                    label: t('admin.users.reset'),
                    ariaLabel: t('admin.users.resetOf', { name: u.displayName }),
                    onClick: () => setPending({ kind: 'reset', user: u }),
                  },
                  u.active
                    ? {
                        label: t('admin.users.deactivate'),
                        ariaLabel: t('admin.users.deactivateOf', { name: u.displayName }),
                        color: 'red',
                        onClick: () => setPending({ kind: 'deactivate', user: u }),
                      }
                    : {
                        label: t('admin.users.reactivate'),
                        ariaLabel: t('admin.users.reactivateOf', { name: u.displayName }),
                        loading: change.isPending,
                        onClick: () => change.mutate({ kind: 'reactivate', user: u }),
                      },
                ]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {editing && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          offices={offices.data ?? []}
          agencies={agencies.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(name, password) => {
            setEditing(null);
            if (password) setSecret({ title: t('admin.users.createdPassword', { name }), value: password });
            void refresh();
          }}
        />
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`admin.users.${pending.kind}Title`, { name: pending.user.displayName }) : ''}
        text={pending ? t(`admin.users.${pending.kind}Text`) : ''}
        confirm={pending?.kind === 'reset' ? t('admin.users.reset') : t('admin.users.deactivate')}
        busy={change.isPending}
        error={change.error}
        onConfirm={() => pending && change.mutate(pending)}
        onClose={() => {
          setPending(null);
          change.reset();
        }}
      />
    </Stack>
  );
}
