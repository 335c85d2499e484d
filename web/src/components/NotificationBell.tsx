// The bell in the header: the number of unread notifications, asked every 30 s and whenever the window gets the
// focus back (polling, not server-sent events: the access token lives in this page's memory and EventSource cannot
// send an Authorization header; office networks sit behind proxies that cut long-held connections; and 30 s is
// well inside the shortest reminder lead). It leads to the list.
import { ActionIcon, Badge, Box } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../api/client';

export const NOTIFICATIONS_KEY = ['me-notifications'] as const;
export const UNREAD_POLL_MS = 30_000;

export function useUnreadCount(): number | undefined {
  const count = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'count'],
    queryFn: () => ok(api.GET('/api/v1/me/notifications/count')),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
  });
  return count.data?.unread;
}

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M9.5 19.5a2.5 2.5 0 0 0 5 0" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount() ?? 0;
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <Box pos="relative">
      <ActionIcon component={Link} to="/notifications" variant="subtle" color="dark" size="lg" aria-label={label}>
        <BellIcon />
      </ActionIcon>
      {unread > 0 && (
        <Badge
          aria-hidden="true"
          size="xs"
          color="red.9"
          circle={unread < 10}
          pos="absolute"
          top={-4}
          right={-6}
          style={{ pointerEvents: 'none' }}
        >
          {unread > 99 ? '99+' : unread}
        </Badge>
      )}
    </Box>
  );
}
