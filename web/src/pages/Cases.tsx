// The office's cases: one search box over the case file (name, NIK, passport, phone, case number), the API's
// filters, and paging.
import { Anchor, Button, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { SlaBadge, TierBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepFilter, TierFilter, type StepId, type Tier } from '../components/Filters';
import { formatDate, formatDateTime } from '../format';

const PAGE = 25;

export function Cases() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [step, setStep] = useState<StepId | null>(null);
  const [tier, setTier] = useState<Tier | null>(null);
  const [status, setStatus] = useState<'OPEN' | 'CLOSED' | null>('OPEN');
  const [pages, setPages] = useState(1);
  const query = {
    limit: PAGE * pages,
    ...(q.length >= 2 ? { q } : {}),
    ...(step ? { step } : {}),
    ...(tier ? { riskTier: tier } : {}),
    ...(status ? { status } : {}),
  };
  const cases = useQuery({
    queryKey: ['cases', query],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('cases.title')}
      </Title>
      <Group align="end">
        <TextInput
          label={t('cases.search')}
          description={t('cases.searchHelp')}
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={360}
        />
        <StepFilter value={step} onChange={setStep} />
        <TierFilter value={tier} onChange={setTier} />
        <Select
          label={t('cases.status')}
          placeholder={t('inbox.all')}
          clearable
          value={status}
          onChange={(v) => setStatus(v as 'OPEN' | 'CLOSED' | null)}
          data={(['OPEN', 'CLOSED'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </Group>
      <ErrorNotice error={cases.error} />
      {cases.isPending ? (
        <Loader aria-label="…" />
      ) : !cases.data?.items.length ? (
        <Text>
          {t('cases.empty')}
          {(step || tier || status) && ` ${t('walk.filtersOn')}`}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inbox.case')}</Table.Th>
                  <Table.Th>{t('cases.person')}</Table.Th>
                  <Table.Th>{t('case.category')}</Table.Th>
                  <Table.Th>{t('inbox.step')}</Table.Th>
                  <Table.Th>{t('inbox.tier')}</Table.Th>
                  <Table.Th>{t('inbox.due')}</Table.Th>
                  <Table.Th>{t('case.sla')}</Table.Th>
                  <Table.Th>{t('cases.arrival')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
                        {c.caseNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.returnee?.fullName}</Text>
                      {c.returnee && (
                        <Text size="xs" c="gray.7">
                          {t('case.born')} {formatDate(c.returnee.dateOfBirth)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`category.${c.category}`)}</Table.Td>
                    <Table.Td>{c.status === 'CLOSED' ? t('status.CLOSED') : t(`step.${c.currentStep}`)}</Table.Td>
                    <Table.Td>
                      <TierBadge tier={c.riskTier} />
                    </Table.Td>
                    <Table.Td>{c.dueAt ? formatDateTime(c.dueAt) : c.status === 'OPEN' && t('inbox.noDue')}</Table.Td>
                    <Table.Td>{c.status === 'OPEN' && <SlaBadge state={c.slaState} />}</Table.Td>
                    <Table.Td>{formatDateTime(c.arrival.arrivedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {cases.data.hasMore && (
            <Button variant="light" onClick={() => setPages((p) => p + 1)} loading={cases.isFetching}>
              {t('cases.more')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
