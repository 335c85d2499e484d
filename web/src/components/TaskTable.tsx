// Tasks soonest due first, each with its case, a live countdown, overdue or due-today marked, the task, step and
// tier in words: my work, and each person's share of the office's work.
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { countdown, dayIn, formatDateTime } from '../format';
import { taskWords } from '../tasks';
import { TierBadge } from './Badges';

export type Task = Schemas['InboxItemDto'];

// overdue, due today (in the office's zone), or neither
export function urgency(task: Task, now: number, timeZone: string): 'overdue' | 'today' | null {
  if (!task.dueAt) return null;
  if (Date.parse(task.dueAt) < now) return 'overdue';
  return dayIn(task.dueAt, timeZone) === dayIn(now, timeZone) ? 'today' : null;
}

// A table wider than a phone scrolls in its own box (wide enough that a task's words are not cut into a column of
// single words on a phone): the box is reachable by Tab (to scroll it with the arrow keys) and named for a screen
// reader. The browser's own scrolling, not Mantine's ScrollArea: that one measures its box and draws its scrollbars
// in script, work a phone does for every table it opens.
export function scrollable(label: string) {
  return { type: 'native', tabIndex: 0, role: 'region', 'aria-label': label } as const;
}

// overdue or due today, marked
export function DueMark({ mark }: { mark: 'overdue' | 'today' | null }) {
  const { t } = useTranslation();
  if (mark === 'overdue')
    return (
      <Badge color="red.9" tt="none" miw="max-content">
        {t('inbox.overdue')}
      </Badge>
    );
  if (mark === 'today')
    return (
      <Badge color="orange" variant="light" c="dark.9" tt="none" miw="max-content">
        {t('inbox.today')}
      </Badge>
    );
  return null;
}

type Props = {
  // what the table holds, in words: the name of its scrolling box
  label: string;
  tasks: Task[];
  now: number;
  timeZone: string;
  // the assignee column in words, or left out (a person's own section)
  assignee?: (task: Task) => string;
};

// The rows' cells are plain <td>s in Mantine's class: a Table.Td is three components deep, and a phone draws seven
// of them a row.
const td = Table.classes.td;

export function TaskTable({ label, tasks, now, timeZone, assignee }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000} {...scrollable(label)}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('inbox.case')}</Table.Th>
            <Table.Th>{t('inbox.left')}</Table.Th>
            <Table.Th>{t('inbox.task')}</Table.Th>
            <Table.Th>{t('inbox.step')}</Table.Th>
            <Table.Th>{t('inbox.tier')}</Table.Th>
            <Table.Th>{t('inbox.due')}</Table.Th>
            {assignee && <Table.Th>{t('inbox.assignee')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((i) => {
            const left = i.dueAt ? countdown(i.dueAt, now) : null;
            const mark = urgency(i, now, timeZone);
            return (
              <Table.Tr key={i.id}>
                <td className={td}>
                  <Anchor component={Link} to={`/cases/${i.caseId}`} style={{ whiteSpace: 'nowrap' }}>
                    {i.caseNumber}
                  </Anchor>
                </td>
                <td className={td}>
                  <Group gap={6}>
                    {left && (
                      <Text size="sm" c={left.late ? 'red.9' : undefined}>
                        {left.text}
                      </Text>
                    )}
                    <DueMark mark={mark} />
                  </Group>
                </td>
                <td className={td}>{taskWords(i)}</td>
                <td className={td}>{t(`step.${i.step}`)}</td>
                <td className={td}>
                  <TierBadge tier={i.riskTier} />
                </td>
                <td className={td}>{i.dueAt ? formatDateTime(i.dueAt, timeZone) : t('inbox.noDue')}</td>
                {assignee && <td className={td}>{assignee(i)}</td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
