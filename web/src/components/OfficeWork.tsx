// The office's open work for a supervisor or a head (GET /api/v1/inbox?scope=office): how many tasks each person
// holds, how many of them are overdue or due today, and what nobody holds yet; then each person's tasks.
import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { ErrorNotice } from './ErrorNotice';
import { scrollable, TaskTable, urgency, type Task } from './TaskTable';

const PAGE = 200;

type Share = { key: string; name: string; tasks: Task[]; overdue: number; today: number };

// One share per assignee, by name, and the unassigned ones last (always there, so that none is news too).
function shares(tasks: Task[], now: number, timeZone: string, unassigned: string): Share[] {
  const by = new Map<string, Share>([['', { key: '', name: unassigned, tasks: [], overdue: 0, today: 0 }]]);
  for (const task of tasks) {
    const key = task.assigneeId ?? '';
    const share = by.get(key) ?? { key, name: task.assigneeName ?? unassigned, tasks: [], overdue: 0, today: 0 };
    share.tasks.push(task);
    const mark = urgency(task, now, timeZone);
    if (mark === 'overdue') share.overdue += 1;
    if (mark === 'today') share.today += 1;
    by.set(key, share);
  }
  return [...by.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.name.localeCompare(b.name, 'id')));
}

type Props = { now: number; timeZone: string; kept: (task: Task) => boolean };

export function OfficeWork({ now, timeZone, kept }: Props) {
  const { t } = useTranslation();
  const work = useQuery({
    queryKey: ['inbox', 'office'],
    queryFn: () => ok(api.GET('/api/v1/inbox', { params: { query: { scope: 'office', limit: PAGE } } })),
    refetchInterval: 60_000,
  });
  if (work.isPending) return <Loader aria-label="…" />;
  if (work.error) return <ErrorNotice error={work.error} />;
  const people = shares(work.data.items.filter(kept), now, timeZone, t('supervision.office.unassigned'));
  if (people.every((p) => p.tasks.length === 0)) return <Text>{t('supervision.office.empty')}</Text>;

  return (
    <Stack>
      {work.data.hasMore && (
        <Alert color="gray" c="dark.9">
          {t('supervision.office.partial', { count: PAGE })}
        </Alert>
      )}
      <Title order={2} size="h3">
        {t('supervision.office.summary')}
      </Title>
      <Table.ScrollContainer minWidth={340} {...scrollable(t('supervision.office.summary'))}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('supervision.office.person')}</Table.Th>
              <Table.Th ta="right">{t('supervision.office.open')}</Table.Th>
              <Table.Th ta="right">{t('supervision.office.overdue')}</Table.Th>
              <Table.Th ta="right">{t('supervision.office.today')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Th scope="row" fw={p.key ? 500 : 700}>
                  {p.name}
                </Table.Th>
                <Table.Td ta="right">{p.tasks.length}</Table.Td>
                <Table.Td ta="right" c={p.overdue ? 'red.9' : undefined} fw={p.overdue ? 700 : undefined}>
                  {p.overdue}
                </Table.Td>
                <Table.Td ta="right">{p.today}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {people
        .filter((p) => p.tasks.length > 0)
        .map((p) => (
          <section key={p.key} aria-label={p.name}>
            <Title order={2} size="h4">
              {p.name}
            </Title>
            <Text size="sm" mb="xs">
              {t('supervision.office.counts', { open: p.tasks.length, overdue: p.overdue, today: p.today })}
            </Text>
            <TaskTable
              label={t('supervision.office.tasksOf', { name: p.name })}
              tasks={p.tasks}
              now={now}
              timeZone={timeZone}
            />
          </section>
        ))}
    </Stack>
  );
}
