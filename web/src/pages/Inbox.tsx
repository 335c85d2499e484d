// My work: my tasks and my office's unassigned ones for my role, soonest due first, with a live countdown; for a
// supervisor or a head also the office's work, by caseworker. The filters are kept between visits, per user.
import { Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { inboxQuery } from '../firstScreen';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepFilter, TierFilter, type StepId, type Tier } from '../components/Filters';
import { OfficeWork } from '../components/OfficeWork';
import { TaskTable, type Task } from '../components/TaskTable';
import { useOfficeTimeZone } from '../officeTimeZone';
import { useNow } from '../useNow';

const PAGE = 50;
// a phone draws fewer rows at a time (a screen holds a handful of them): each row is some twenty elements to build,
// style and lay out on a slow processor
const PHONE_PAGE = 20;
const pageSize = () => (window.matchMedia('(max-width: 48em)').matches ? PHONE_PAGE : PAGE);

export function Inbox() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const now = useNow();
  // deferred like the answer (below): the office's zone coming after the rows redraws them in slices too
  const zone = useDeferredValue(useOfficeTimeZone());
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
  const inbox = useQuery({ ...inboxQuery, refetchInterval: 60_000 });
  const kept = (i: Task) => (!step || i.step === step) && (!tier || i.riskTier === tier);
  // The rows are drawn from a deferred copy of the answer: React draws them in slices between the browser's other
  // work (a deferred render yields every few milliseconds), so the screen answers a tap while a phone builds them.
  const data = useDeferredValue(inbox.data);
  const items = (data?.items ?? []).filter(kept);
  // the soonest due first, a page at a time: drawing two hundred rows at once kept a phone busy for seconds
  const [page] = useState(pageSize);
  const [shown, setShown] = useState(page);

  const mine = (
    <>
      <ErrorNotice error={inbox.error} />
      {!data && !inbox.error ? (
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
              <Button variant="light" onClick={() => setShown((n) => n + page)}>
                {t('inbox.more', { count: Math.min(page, items.length - shown) })}
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
