// The SLA policies: which version is in force for each province (the national one for provinces without their
// own), every version with when it was activated, and one version's deadlines per step and tier in words.
// Below them, the drafts (SlaDrafts.tsx): a policy is changed there and published.
import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { SlaTable, type SlaDeadlines } from '../../components/SlaTable';
import { formatDateTime } from '../../format';
import { AdminError } from './AdminError';
import { ListTable } from './Scroll';
import { SlaDrafts } from './SlaDrafts';

export function SlaPolicies() {
  const { t } = useTranslation();
  const policies = useQuery({ queryKey: ['admin', 'sla'], queryFn: () => ok(api.GET('/api/v1/sla-policies')) });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = [...(policies.data ?? [])].sort(
    (a, b) => Number(b.inForce) - Number(a.inForce) || a.province.localeCompare(b.province),
  );
  const version = chosen ?? list.find((p) => p.inForce && p.province === 'ID')?.version ?? list[0]?.version;
  const detail = useQuery({
    queryKey: ['admin', 'sla', version],
    queryFn: () => ok(api.GET('/api/v1/sla-policies/{version}', { params: { path: { version: version! } } })),
    enabled: Boolean(version),
  });
  const province = (p: string) => (p === 'ID' ? t('admin.sla.national') : p);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.sla.title')}
      </Title>
      <Text>{t('admin.sla.intro')}</Text>
      <AdminError error={policies.error ?? detail.error} />
      <ListTable
        label={t('admin.sla.versions')}
        caption={t('admin.sla.versions')}
        columns={[t('admin.sla.province'), t('admin.sla.version'), t('admin.sla.activeFrom'), t('admin.actions')]}
      >
        {list.map((p) => (
          <Table.Tr key={p.version}>
            <Table.Td>{province(p.province)}</Table.Td>
            {/* on one line, the badge whole: on a phone the table scrolls in its box rather than cut "BERLAKU" short;
                its min-width, because a Badge's label (overflow hidden) counts for nothing in the column's width */}
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {p.version}{' '}
              {p.inForce && (
                <Badge color="teal.9" variant="filled" style={{ minWidth: 'max-content' }}>
                  {t('admin.sla.inForce')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{p.activeFrom ? formatDateTime(p.activeFrom) : t('admin.sla.notActivated')}</Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant={p.version === version ? 'filled' : 'default'}
                aria-pressed={p.version === version}
                onClick={() => setChosen(p.version)}
                aria-label={t('admin.sla.showOf', { version: p.version })}
              >
                {t('admin.sla.show')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {detail.data && (
        <Stack component="section" aria-labelledby="sla-detail" gap="xs">
          <Title order={2} size="h4" id="sla-detail">
            {t('admin.sla.detail', { version: detail.data.version, province: province(detail.data.province) })}
          </Title>
          <SlaTable deadlines={detail.data.deadlines as SlaDeadlines} labelledBy="sla-detail" />
          <Text size="sm" c="gray.7">
            {t('processPage.clockNote')}
          </Text>
        </Stack>
      )}
      <SlaDrafts />
    </Stack>
  );
}
