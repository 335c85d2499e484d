// My work: my tasks and my office's unassigned ones for my role, soonest due first, with a live countdown; the
// filters are kept between visits.
import { Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { useAuth } from '../auth';
import { TierBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepFilter, TierFilter, type StepId, type Tier } from '../components/Filters';
import { countdown, dayIn, formatDateTime } from '../format';
import { taskWords } from '../tasks';
import { useNow } from '../useNow';

export function Inbox() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const now = useNow();
  const [step, setStep] = useLocalStorage<StepId | null>({ key: 'rujukan.inbox.step', defaultValue: null });
  const [tier, setTier] = useLocalStorage<Tier | null>({ key: 'rujukan.inbox.tier', defaultValue: null });
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => ok(api.GET('/api/v1/inbox', { params: { query: { limit: 200 } } })),
    refetchInterval: 60_000,
  });
  const items = (inbox.data?.items ?? []).filter((i) => (!step || i.step === step) && (!tier || i.riskTier === tier));
  const today = dayIn(now);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('inbox.title')}
      </Title>
      <Group>
        <StepFilter value={step} onChange={setStep} />
        <TierFilter value={tier} onChange={setTier} />
      </Group>
      <ErrorNotice error={inbox.error} />
      {inbox.isPending ? (
        <Loader aria-label="…" />
      ) : items.length === 0 ? (
        <Text>{t('inbox.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inbox.case')}</Table.Th>
                <Table.Th>{t('inbox.left')}</Table.Th>
                <Table.Th>{t('inbox.task')}</Table.Th>
                <Table.Th>{t('inbox.step')}</Table.Th>
                <Table.Th>{t('inbox.tier')}</Table.Th>
                <Table.Th>{t('inbox.due')}</Table.Th>
                <Table.Th>{t('inbox.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => {
                const left = i.dueAt ? countdown(i.dueAt, now) : null;
                const dueToday = i.dueAt ? dayIn(i.dueAt) === today : false;
                return (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${i.caseId}`} style={{ whiteSpace: 'nowrap' }}>
                        {i.caseNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {left && (
                          <Text size="sm" c={left.late ? 'red.8' : undefined}>
                            {left.text}
                          </Text>
                        )}
                        {left?.late ? (
                          <Badge color="red.9" tt="none" miw="max-content">
                            {t('inbox.overdue')}
                          </Badge>
                        ) : dueToday ? (
                          <Badge color="orange" variant="light" c="dark.9" tt="none" miw="max-content">
                            {t('inbox.today')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{taskWords(i)}</Table.Td>
                    <Table.Td>{t(`step.${i.step}`)}</Table.Td>
                    <Table.Td>
                      <TierBadge tier={i.riskTier} />
                    </Table.Td>
                    <Table.Td>{i.dueAt ? formatDateTime(i.dueAt) : t('inbox.noDue')}</Table.Td>
                    <Table.Td>
                      {i.assigneeId === user?.id ? t('inbox.mine') : i.assigneeId ? '' : t('inbox.unassigned')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
