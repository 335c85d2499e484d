// Messages to staff (email, WhatsApp/SMS) given up on past their retry budget: sent again on the administrator's
// word. The API tells only that a message failed (there is no read of one message), so a resent message is
// followed in the FAILED list: back in it with one more resend, it failed again; otherwise it is being sent or was.
import { Button, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { Section } from '../../components/Section';
import { AdminError } from './AdminError';
import { ListTable } from './Scroll';
import { attemptsText } from './shared';

type Message = Schemas['FailedMessageDto'];
type Resent = { message: Message; round: number };

export function FailedStaffMessages() {
  const { t } = useTranslation();
  const [resent, setResent] = useState<Resent[]>([]);
  const failed = useQuery({
    queryKey: ['admin', 'failed-messages'],
    queryFn: () => ok(api.GET('/api/v1/staff-messages', { params: { query: { status: 'FAILED', limit: 100 } } })),
    refetchOnWindowFocus: false,
    // while a resent message is under way, every 3 s: whether it comes back
    refetchInterval: resent.length ? 3000 : false,
  });
  const items = failed.data?.items ?? [];
  const rows = [...resent.filter((r) => !items.some((m) => m.id === r.message.id)).map((r) => r.message), ...items];
  const outcome = (m: Message): 'again' | 'sending' | null => {
    const r = resent.find((x) => x.message.id === m.id);
    if (!r) return null;
    return items.some((x) => x.id === m.id && x.resends >= r.round) ? 'again' : 'sending';
  };

  return (
    <Section
      id="failed-messages"
      title={t('admin.failed.messages')}
      empty={rows.length === 0 && failed.data ? t('admin.failed.noMessages') : null}
    >
      <AdminError error={failed.error} />
      {rows.length > 0 && (
        <ListTable
          label={t('admin.failed.messages')}
          columns={[
            t('admin.failed.recipient'),
            t('admin.failed.message'),
            t('admin.failed.why'),
            t('admin.failed.outcome'),
          ]}
        >
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row">{m.userName}</Table.Th>
              <Table.Td>
                <Text size="sm">
                  {t(`notifications.kind.${m.kind}`, { defaultValue: m.kind })} · {t(`admin.channel.${m.channel}`)}
                </Text>
                {m.caseNumber && (
                  <Text size="xs" c="gray.7">
                    {t('admin.failed.caseOf', { caseNumber: m.caseNumber })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{attemptsText(t, m)}</Text>
                <Text size="xs" c="gray.7">
                  {m.lastError}
                </Text>
                {m.resends > 0 && <Text size="xs">{t('admin.failed.resends', { count: m.resends })}</Text>}
              </Table.Td>
              <Table.Td>
                <Resend
                  message={m}
                  outcome={outcome(m)}
                  onResent={(round) =>
                    setResent((all) => [{ message: m, round }, ...all.filter((x) => x.message.id !== m.id)])
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Section>
  );
}

function Resend({
  message,
  outcome,
  onResent,
}: {
  message: Message;
  outcome: 'again' | 'sending' | null;
  onResent: (round: number) => void;
}) {
  const { t } = useTranslation();
  const resend = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/staff-messages/{id}/resend', { params: { path: { id: message.id } } })),
    onSuccess: (answer) => onResent(answer.round),
  });
  if (outcome === 'sending') {
    return (
      <Text size="sm" role="status" fw={600}>
        {t('admin.failed.resent', { round: resend.data?.round ?? 1 })}
      </Text>
    );
  }
  return (
    <>
      {outcome === 'again' && (
        <Text size="sm" role="status" fw={600} c="red.9">
          {t('admin.failed.failedAgain', { error: message.lastError ?? '' })}
        </Text>
      )}
      <AdminError error={resend.error} />
      <Button
        size="compact-sm"
        onClick={() => resend.mutate()}
        loading={resend.isPending}
        aria-label={t('admin.failed.resendOf', { who: message.userName })}
      >
        {t('admin.failed.resend')}
      </Button>
    </>
  );
}
