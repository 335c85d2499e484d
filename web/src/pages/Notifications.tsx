// A person's notifications, unread first: each in words (what happened, at which step, of which case), when, and
// whether it was read. Opening one marks it read and goes to its case; the bell's count follows at once.
import { Anchor, Box, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Outcome } from '../components/Outcome';
import { NOTIFICATIONS_KEY, UNREAD_POLL_MS } from '../components/NotificationBell';
import { elapsed, formatDateTime } from '../format';
import { useOfficeTimeZone } from '../officeTimeZone';
import { useNow } from '../useNow';

type Item = Schemas['NotificationItemDto'];
const PAGE = 20;

export function Notifications() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const timeZone = useOfficeTimeZone();
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState(false);
  const list = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list'],
    queryFn: ({ pageParam }) =>
      ok(api.GET('/api/v1/me/notifications', { params: { query: { limit: PAGE, offset: pageParam } } })),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const readAll = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/me/notifications/read-all')),
    onSuccess: async () => {
      setDone(true);
      await refresh();
      heading.current?.focus();
    },
  });
  // on the way to the case: the request goes on after this page is gone, and the count is asked again after it
  const open = (item: Item) => {
    if (item.readAt) return;
    void ok(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: item.id } } })).finally(refresh);
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const last = list.data?.pages.at(-1);
  return (
    <Stack>
      <Title order={1} size="h2" ref={heading} tabIndex={-1}>
        {t('notifications.title')}
      </Title>
      <Text>{t('notifications.intro')}</Text>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          {last && last.unread > 0 && (
            <Button variant="light" onClick={() => readAll.mutate()} loading={readAll.isPending}>
              {t('notifications.markAll')}
            </Button>
          )}
          {last && <Text size="sm">{t('notifications.unreadCount', { count: last.unread })}</Text>}
        </Group>
        <Anchor component={Link} to="/settings/notifications">
          {t('notifications.settingsLink')}
        </Anchor>
      </Group>
      {done && <Outcome onClose={() => setDone(false)}>{t('notifications.allRead')}</Outcome>}
      <ErrorNotice error={list.error ?? readAll.error} />
      {list.isPending ? (
        <Loader aria-label="…" />
      ) : items.length === 0 ? (
        <Text>{t('notifications.empty')}</Text>
      ) : (
        <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <NotificationRow key={item.id} item={item} now={now} timeZone={timeZone} onOpen={open} />
          ))}
        </Box>
      )}
      {last && items.length > 0 && (
        <Group>
          <Text size="sm">{t('notifications.shown', { shown: items.length, total: last.total })}</Text>
          {list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('notifications.more')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

function NotificationRow(props: { item: Item; now: number; timeZone: string; onOpen: (item: Item) => void }) {
  const { t } = useTranslation();
  const { item } = props;
  const unread = item.readAt === null;
  return (
    <Box
      component="li"
      py="sm"
      px="sm"
      bg={unread ? 'rujukan.0' : undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        borderLeft: `4px solid ${unread ? 'var(--mantine-color-rujukan-8)' : 'transparent'}`,
      }}
    >
      <Stack gap={2}>
        <Anchor
          component={Link}
          to={`/cases/${item.caseId}`}
          onClick={() => props.onOpen(item)}
          fw={unread ? 700 : 400}
        >
          {t('notifications.line', {
            kind:
              item.percent === undefined
                ? t(`notifications.kind.${item.kind}`)
                : t('slaremind.reminder', { percent: item.percent }),
            step: t(`step.${item.step}`),
            caseNumber: item.caseNumber,
          })}
        </Anchor>
        <Text size="sm">
          {unread ? <strong>{t('notifications.unread')}</strong> : t('notifications.read')}
          {' · '}
          {props.now - Date.parse(item.createdAt) < 60_000
            ? t('notifications.justNow')
            : t('notifications.ago', { time: elapsed(item.createdAt, props.now) })}
          {' · '}
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, props.timeZone)}</time>
        </Text>
      </Stack>
    </Box>
  );
}
