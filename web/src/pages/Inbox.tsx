// My work: my tasks and my office's unassigned ones for my role, soonest due first, with a live countdown; for a
// supervisor or a head also the office's work, by caseworker. The filters are kept between visits, per user.
import { Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepFilter, TierFilter, type StepId, type Tier } from '../components/Filters';
import { OfficeWork } from '../components/OfficeWork';
import { TaskTable, type Task } from '../components/TaskTable';
import { useOfficeTimeZone } from '../officeTimeZone';
import { useNow } from '../useNow';

const PAGE = 50;

export function Inbox() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const now = useNow();
  const zone = useOfficeTimeZone();
  // per user: two people sharing a desk's browser keep their own filters
  const [step, setStep] = useLocalStorage<StepId | null>({
    key: `rujukan.inbox.step.${user?.id}`,
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const [tier, setTier] = useLocalStorage<Tier | null>({
    key: `rujukan.inbox.tier.${user?.id}`,
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const supervises = user?.role === 'SUPERVISOR' || user?.role === 'HEAD';
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => ok(api.GET('/api/v1/inbox', { params: { query: { limit: 200 } } })),
    refetchInterval: 60_000,
  });
  const kept = (i: Task) => (!step || i.step === step) && (!tier || i.riskTier === tier);
  const items = (inbox.data?.items ?? []).filter(kept);
  // the soonest due first, a page at a time: drawing two hundred rows at once kept a phone busy for seconds
  const [shown, setShown] = useState(PAGE);

  const mine = (
    <>
      <ErrorNotice error={inbox.error} />
      {inbox.isPending ? (
        <Loader aria-label="…" />
      ) : items.length === 0 ? (
        <Text>{t('inbox.empty')}</Text>
      ) : (
        <>
          <TaskTable
            label={t('inbox.title')}
            tasks={items.slice(0, shown)}
            now={now}
            timeZone={zone}
            assignee={(i) => (i.assigneeId === user?.id ? t('inbox.mine') : i.assigneeId ? '' : t('inbox.unassigned'))}
          />
          {items.length > shown && (
            <Group>
              <Text size="sm">{t('inbox.shown', { shown, total: items.length })}</Text>
              <Button variant="light" onClick={() => setShown((n) => n + PAGE)}>
                {t('inbox.more', { count: Math.min(PAGE, items.length - shown) })}
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('inbox.title')}
      </Title>
      <Group>
        <StepFilter value={step} onChange={setStep} />
        <TierFilter value={tier} onChange={setTier} />
      </Group>
      {supervises ? (
        <Tabs defaultValue="mine" keepMounted={false}>
          <Tabs.List aria-label={t('supervision.office.views')}>
            <Tabs.Tab value="mine">{t('supervision.office.mine')}</Tabs.Tab>
            <Tabs.Tab value="office">{t('supervision.office.office')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine" pt="md">
            {mine}
          </Tabs.Panel>
          <Tabs.Panel value="office" pt="md">
            <OfficeWork now={now} timeZone={zone} kept={kept} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        mine
      )}
    </Stack>
  );
}
