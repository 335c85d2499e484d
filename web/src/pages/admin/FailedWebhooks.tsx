// Partner notifications whose webhook failed: replayed one at a time (the same event id and body), and followed
// until the replay is delivered or fails again. A replayed row stays in sight with its outcome.
import { Button, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../format';
import { AdminError } from './AdminError';
import { ListTable } from './Scroll';
import { agenciesQuery, attemptsText } from './shared';

// (two DTOs are named NotificationDto: the route's answer says which)
type Delivery = paths['/api/v1/notifications/{id}']['get']['responses'][200]['content']['application/json'];

// a replay's delivery, read again every 2 s while it is under way
function useDelivery(id: string | null) {
  return useQuery({
    queryKey: ['admin', 'notification', id],
    queryFn: () => ok(api.GET('/api/v1/notifications/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'PENDING' ? 2000 : false),
  });
}

export function FailedWebhooks() {
  const { t } = useTranslation();
  const failed = useQuery({
    queryKey: ['admin', 'failed-webhooks'],
    queryFn: () => ok(api.GET('/api/v1/notifications', { params: { query: { status: 'FAILED', limit: 100 } } })),
    refetchOnWindowFocus: false,
  });
  const agencies = useQuery(agenciesQuery);
  // the rows replayed on this page, kept in sight after they leave the FAILED list
  const [replayed, setReplayed] = useState<Delivery[]>([]);
  const rows = [...replayed, ...(failed.data?.items ?? []).filter((d) => !replayed.some((r) => r.id === d.id))];

  return (
    <Section
      id="failed-webhooks"
      title={t('admin.failed.webhooks')}
      empty={rows.length === 0 && failed.data ? t('admin.failed.noWebhooks') : null}
    >
      <AdminError error={failed.error} />
      {rows.length > 0 && (
        <ListTable
          label={t('admin.failed.webhooks')}
          columns={[
            t('admin.failed.case'),
            t('admin.failed.event'),
            t('admin.failed.agency'),
            t('admin.failed.why'),
            t('admin.failed.outcome'),
          ]}
        >
          {rows.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Th scope="row">{d.caseNumber}</Table.Th>
              <Table.Td>{t(`admin.event.${d.type}`, { defaultValue: d.type })}</Table.Td>
              <Table.Td>{agencies.data?.find((a) => a.id === d.agencyId)?.name ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">{attemptsText(t, d)}</Text>
                <Text size="xs" c="gray.7">
                  {d.lastError}
                </Text>
              </Table.Td>
              <Table.Td>
                <Replay
                  delivery={d}
                  onReplayed={(r) => setReplayed((all) => [r, ...all.filter((x) => x.id !== r.id)])}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Section>
  );
}

function Replay({ delivery, onReplayed }: { delivery: Delivery; onReplayed: (d: Delivery) => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [followed, setFollowed] = useState<string | null>(null);
  const now = useDelivery(followed);
  const replay = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notifications/{id}/replay', { params: { path: { id: delivery.id } } })),
    onSuccess: (answer) => {
      onReplayed(answer);
      queries.setQueryData(['admin', 'notification', answer.id], answer);
      setFollowed(answer.id);
    },
  });
  const status = now.data?.status;
  if (followed && status && status !== 'FAILED') {
    return (
      <Text size="sm" role="status" fw={600}>
        {status === 'DELIVERED'
          ? t('admin.failed.delivered', { when: formatDateTime(now.data?.deliveredAt) })
          : t('admin.failed.sending')}
      </Text>
    );
  }
  return (
    <>
      {followed && status === 'FAILED' && (
        <Text size="sm" role="status" fw={600} c="red.9">
          {t('admin.failed.failedAgain', { error: now.data?.lastError ?? '' })}
        </Text>
      )}
      <AdminError error={replay.error} />
      <Button
        size="compact-sm"
        onClick={() => replay.mutate()}
        loading={replay.isPending}
        aria-label={t('admin.failed.replayOf', { what: delivery.caseNumber })}
      >
        {t('admin.failed.replay')}
      </Button>
    </>
  );
}
