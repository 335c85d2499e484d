// While the API cannot be reached (or answers 503): a banner that says so in words, that the console keeps trying
// by itself, and that nothing typed is lost; a button to try at once. It leaves at the first good answer, and the
// queries that failed meanwhile are fetched again. It only ever adds itself above the page: the page itself (and
// any form in it) stays mounted.
import { Button, Group, Paper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { connection, onConnectionChange, probeNow } from '../api/connection';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const state = useSyncExternalStore(onConnectionChange, connection);
  const was = useRef(state);

  useEffect(() => {
    if (was.current !== 'ok' && state === 'ok')
      void queries.refetchQueries({ type: 'active', predicate: (q) => q.state.status === 'error' });
    was.current = state;
  }, [state, queries]);

  if (state === 'ok') return null;
  return (
    <Paper withBorder p="sm" mb="md" role="alert" className="warning-panel connection-banner">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={700}>{t(`connection.${state}`)}</Text>
          <Text size="sm">{t('connection.retrying')}</Text>
        </div>
        <Button size="xs" variant="outline" onClick={probeNow}>
          {t('connection.retryNow')}
        </Button>
      </Group>
    </Paper>
  );
}
