// Laporan: the KPI reports of an office for a period, for heads, supervisors and (any office, or the country)
// administrators. The choice lives in the address (?period=month&month=2026-10&officeId=…), so a report can be sent
// as a link. Every figure has its definition behind its (i); tables people would rather look at come with a bar chart;
// every table downloads as CSV or XLSX, and the office's whole report as the PDF its head sends on.
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { REPORTS, type ReportKey } from '../../../src/reports/report-definitions';
import { api, ok, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { scrollable } from '../components/TaskTable';
import { formatDay, ZONE_NAMES } from '../format';
import { addWords } from '../i18n';
import * as actionForms from '../i18n/action-forms';
import * as reports from '../i18n/reports';
import { officesQuery } from '../officeTimeZone';
import { ReportChart, type ChartSeries } from './reports/ReportChart';

// the services' words are the action forms'
addWords(actionForms, reports);

type Answer = Schemas['ReportAnswerDto'];
type ReportTable = Schemas['TableDto'];
type Cell = string | number | null;
type Query = Record<string, string>;

const PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
const CATEGORIES = ['PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM'] as const;
// which tables are drawn, and as which columns
const CHARTS: Record<string, { series: string[]; stacked?: boolean }> = {
  byStep: { series: ['high', 'medium', 'low', 'unscreened'], stacked: true },
  partnerTimes: { series: ['ackMedian', 'decideMedian'] },
  breachByStep: { series: ['breachRate'] },
  breachByAgency: { series: ['breachRate'] },
  byAgency: { series: ['sent', 'accepted', 'declined', 'completed'] },
};

const pad = (n: number) => String(n).padStart(2, '0');

// The last 24 months, 8 quarters and 5 years, newest first.
function choices(now = new Date()) {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const months = Array.from({ length: 24 }, (_, i) => {
    const d = new Date(y, m - 1 - i, 1);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  });
  const q = Math.ceil(m / 3);
  const quarters = Array.from({ length: 8 }, (_, i) => {
    const k = (q - 1 - i + 800) % 4;
    return `${y - Math.floor((4 - q + i) / 4)}-Q${k + 1}`;
  });
  const years = Array.from({ length: 5 }, (_, i) => String(y - i));
  return { months, quarters, years };
}

export function Reports() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const { months, quarters, years } = useMemo(() => choices(), []);
  const offices = useQuery({ ...officesQuery, enabled: user?.role === 'ADMIN' });
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const monthName = (v: string) =>
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${v}-01`));

  // the form's own state; the address changes (and the reports load) when it is sent
  const [draft, setDraft] = useState<Query>(() => ({
    period: params.get('period') ?? 'month',
    month: params.get('month') ?? months[0]!,
    quarter: params.get('quarter') ?? quarters[0]!,
    year: params.get('year') ?? years[0]!,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    officeId: params.get('officeId') ?? '',
    category: params.get('category') ?? '',
  }));
  const set = (key: string) => (value: string | null) => setDraft((d) => ({ ...d, [key]: value ?? '' }));

  // what the API is asked: only the period's own parameter, and the office and category when chosen
  const query = useMemo(() => {
    const q: Query = {};
    const period = params.get('period') ?? 'month';
    q.period = period;
    const own = period === 'custom' ? ['from', 'to'] : [period];
    for (const k of [...own, 'officeId', 'category']) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    return q;
  }, [params]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const own = draft.period === 'custom' ? ['from', 'to'] : [draft.period!];
    const next: Query = { period: draft.period! };
    for (const k of [...own, 'officeId', 'category']) if (draft[k]) next[k] = draft[k]!;
    setParams(next);
  };

  const answers = useQueries({
    queries: REPORTS.map((report) => ({
      queryKey: ['reports', report, query],
      // JSON without ?format= (the other answers are the downloads')
      queryFn: async () =>
        (await ok(api.GET('/api/v1/reports/{report}', { params: { path: { report }, query } }))) as Answer,
      retry: false,
    })),
  });
  const first = answers.find((a) => a.data)?.data;
  const failed = answers.find((a) => a.error)?.error;
  const pending = answers.some((a) => a.isPending);

  // report null: the office's PDF
  const download = async (report: ReportKey | null, format: 'csv' | 'xlsx' | 'pdf', table?: string) => {
    const call =
      report === null || format === 'pdf'
        ? api.GET('/api/v1/reports/pdf/office', { params: { query }, parseAs: 'blob' })
        : api.GET('/api/v1/reports/{report}', {
            params: { path: { report }, query: { ...query, format, ...(table ? { table } : {}) } },
            parseAs: 'blob',
          });
    const { data, response } = await call;
    if (!response.ok || !data) return;
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `laporan.${format}`;
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const number = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 1 });
  const cellText = (unit: string, v: Cell): string => {
    if (v === null) return t('reports.noValue');
    if (unit === 'step') return t(`step.${v}`);
    if (unit === 'service') {
      const key = `actionForms.service.${v}`;
      return i18n.exists(key) ? t(key) : String(v);
    }
    if (unit === 'level') return t('reports.level', { level: v });
    if (unit === 'hours') return t('reports.hours', { value: number(Number(v)) });
    if (unit === 'percent') return t('reports.percent', { value: number(Number(v)) });
    return typeof v === 'number' ? number(v) : v;
  };

  const officeName =
    first?.officeName ?? (first && first.officeId === null ? t('reports.national') : (offices.data?.[0]?.name ?? ''));
  const canPdf = first?.officeId !== null && first !== undefined;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <Text>{t('reports.intro')}</Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('reports.title')}>
        <Group align="flex-end" wrap="wrap">
          {user?.role === 'ADMIN' && (
            <Select
              label={t('reports.office')}
              value={draft.officeId}
              onChange={set('officeId')}
              data={[
                { value: '', label: t('reports.national') },
                ...(offices.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              ]}
              allowDeselect={false}
            />
          )}
          <Select
            label={t('reports.period')}
            value={draft.period}
            onChange={set('period')}
            data={PERIODS.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
            allowDeselect={false}
          />
          {draft.period === 'month' && (
            <Select
              label={t('reports.month')}
              value={draft.month}
              onChange={set('month')}
              data={[...new Set([draft.month!, ...months])].map((m) => ({ value: m, label: monthName(m) }))}
              allowDeselect={false}
              searchable
            />
          )}
          {draft.period === 'quarter' && (
            <Select
              label={t('reports.quarter')}
              value={draft.quarter}
              onChange={set('quarter')}
              data={[...new Set([draft.quarter!, ...quarters])]}
              allowDeselect={false}
            />
          )}
          {draft.period === 'year' && (
            <Select
              label={t('reports.year')}
              value={draft.year}
              onChange={set('year')}
              data={[...new Set([draft.year!, ...years])]}
              allowDeselect={false}
            />
          )}
          {draft.period === 'custom' && (
            <>
              <TextInput
                type="date"
                label={t('reports.from')}
                value={draft.from}
                onChange={(e) => set('from')(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                value={draft.to}
                onChange={(e) => set('to')(e.currentTarget.value)}
              />
            </>
          )}
          <Select
            label={t('reports.category')}
            value={draft.category}
            onChange={set('category')}
            data={[
              { value: '', label: t('reports.allCategories') },
              ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })),
            ]}
            allowDeselect={false}
          />
          <Button type="submit">{t('reports.show')}</Button>
          {canPdf && (
            <Button variant="outline" onClick={() => void download(null, 'pdf')}>
              {t('reports.pdf')}
            </Button>
          )}
        </Group>
      </Paper>
      <ErrorNotice error={failed} />
      {first && (
        <Text fw={600} role="status">
          {t('reports.covers', {
            office: officeName,
            from: formatDay(first.from),
            to: formatDay(first.to),
            zone: ZONE_NAMES[first.timeZone] ?? first.timeZone,
          })}
        </Text>
      )}
      {first && first.officeId === null && <Text size="sm">{t('reports.nationalZone')}</Text>}
      {pending && <Loader aria-label="…" />}
      {answers.map((a, i) =>
        a.data ? (
          <ReportSection
            key={REPORTS[i]}
            answer={a.data}
            cellText={cellText}
            onDownload={(format, table) => void download(REPORTS[i]!, format, table)}
          />
        ) : null,
      )}
    </Stack>
  );
}

function ReportSection({
  answer,
  cellText,
  onDownload,
}: {
  answer: Answer;
  cellText: (unit: string, v: Cell) => string;
  onDownload: (format: 'csv' | 'xlsx', table: string) => void;
}) {
  const { t } = useTranslation();
  const id = `report-${answer.report}`;
  return (
    <Stack component="section" aria-labelledby={id} gap="sm">
      <Title order={2} size="h3" id={id}>
        {t(`reports.reportTitles.${answer.report}`)}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {answer.figures.map((f) => {
          const label = t(`reports.figures.${f.key}.label`);
          return (
            <Paper key={f.key} withBorder p="sm" data-figure={f.key}>
              <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
                <Text size="sm" c="gray.8">
                  {label}
                </Text>
                <Tooltip
                  label={t(`reports.figures.${f.key}.definition`)}
                  multiline
                  w={280}
                  events={{ hover: true, focus: true, touch: true }}
                >
                  <ActionIcon
                    variant="light"
                    radius="xl"
                    size="sm"
                    aria-label={t('reports.definitionOf', { label })}
                    aria-description={t(`reports.figures.${f.key}.definition`)}
                  >
                    <span aria-hidden style={{ fontFamily: 'Georgia, serif', fontStyle: 'italic', fontWeight: 700 }}>
                      i
                    </span>
                  </ActionIcon>
                </Tooltip>
              </Group>
              <Text size="xl" fw={700}>
                {cellText(f.unit, f.value)}
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
      {answer.tables.map((table) => (
        <ReportTableView key={table.key} table={table} cellText={cellText} onDownload={onDownload} />
      ))}
    </Stack>
  );
}

function ReportTableView({
  table,
  cellText,
  onDownload,
}: {
  table: ReportTable;
  cellText: (unit: string, v: Cell) => string;
  onDownload: (format: 'csv' | 'xlsx', table: string) => void;
}) {
  const { t } = useTranslation();
  const title = t(`reports.tables.${table.key}.label`);
  const chart = CHARTS[table.key];
  const categories = table.rows.map((r) => cellText(table.columns[0]!.unit, r[0] ?? null));
  const series: ChartSeries[] = useMemo(
    () =>
      (chart?.series ?? []).map((key) => {
        const i = table.columns.findIndex((c) => c.key === key);
        return {
          name: t(`reports.columns.${key}.label`),
          values: table.rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : null)),
        };
      }),
    [chart, table, t],
  );
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              aria-label={t('reports.downloadOf', { format: t('reports.csv'), table: title })}
              onClick={() => onDownload('csv', table.key)}
            >
              {t('reports.csv')}
            </Button>
            <Button
              size="xs"
              variant="default"
              aria-label={t('reports.downloadOf', { format: t('reports.xlsx'), table: title })}
              onClick={() => onDownload('xlsx', table.key)}
            >
              {t('reports.xlsx')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="gray.8">
          {t(`reports.tables.${table.key}.definition`)}
        </Text>
        {table.rows.length === 0 ? (
          <Text>{t('reports.none')}</Text>
        ) : (
          <>
            {chart && (
              <ReportChart
                label={t('reports.chartOf', { table: title })}
                categories={categories}
                series={series}
                stacked={chart.stacked}
              />
            )}
            <Table.ScrollContainer minWidth={480} {...scrollable(title)}>
              <Table striped data-table={table.key}>
                <caption className="visually-hidden">{title}</caption>
                <Table.Thead>
                  <Table.Tr>
                    {table.columns.map((c) => (
                      <Table.Th key={c.key} scope="col">
                        {t(`reports.columns.${c.key}.label`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {table.rows.map((r, i) => (
                    <Table.Tr key={i}>
                      {table.columns.map((c, j) => (
                        <Table.Td key={c.key}>{cellText(c.unit, r[j] ?? null)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
