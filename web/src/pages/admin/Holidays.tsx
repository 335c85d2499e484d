// The holiday calendar by year: the days loaded for a year, and a new year's file (JSON or CSV, as the SKB gives
// the days) loaded in two steps: the API's dry run says what it would add, remove and rename, and only then is it
// saved.
import { Alert, Badge, Button, FileInput, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, ok, type Schemas } from '../../api/client';
import { AdminError } from './AdminError';
import { ListTable } from './Scroll';

type Day = Schemas['HolidayDayDto'];
type File = { name: string; text: string; csv: boolean };
const thisYear = new Date().getFullYear();
const YEARS = [-2, -1, 0, 1, 2, 3].map((d) => thisYear + d);

// "Jumat, 1 Januari 2027": a calendar date, the same wherever the browser is
function dayText(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

// the file's text as the API takes it: CSV as it is, JSON as the list of days
async function put(year: number, file: File, dryRun: boolean) {
  const params = { path: { year }, query: { dryRun } };
  if (file.csv) {
    return ok(
      api.PUT('/api/v1/holidays/{year}', {
        params,
        body: file.text as unknown as Day[],
        bodySerializer: (b: unknown) => b as string,
        headers: { 'content-type': 'text/csv' },
      }),
    );
  }
  let days: Day[];
  try {
    days = JSON.parse(file.text) as Day[];
  } catch {
    throw new ApiFailure(400, { error: 'UNREADABLE_FILE', message: '' });
  }
  return ok(api.PUT('/api/v1/holidays/{year}', { params, body: days }));
}

export function Holidays() {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const [year, setYear] = useState(thisYear + 1);
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState('');
  const days = useQuery({
    queryKey: ['admin', 'holidays', year],
    queryFn: () => ok(api.GET('/api/v1/holidays', { params: { query: { year } } })),
  });
  const preview = useMutation({ mutationFn: (f: File) => put(year, f, true) });
  const load = useMutation({
    mutationFn: (f: File) => put(year, f, false),
    onSuccess: () => {
      setSaved(t('admin.holidays.saved', { year }));
      setFile(null);
      preview.reset();
      void queries.invalidateQueries({ queryKey: ['admin', 'holidays', year] });
    },
  });
  const choose = async (chosen: globalThis.File | null) => {
    setSaved('');
    load.reset();
    preview.reset();
    if (!chosen) return setFile(null);
    const f = {
      name: chosen.name,
      text: await chosen.text(),
      csv: /\.csv$/i.test(chosen.name) || chosen.type === 'text/csv',
    };
    setFile(f);
    preview.mutate(f);
  };
  const changes = preview.data;
  const kind = (d: Day) => t(`admin.holidays.kind.${d.kind}`);
  const line = (d: Day) => `${dayText(d.date, i18n.language)}: ${d.name} (${kind(d)})`;
  const rowProblems =
    preview.error instanceof ApiFailure && Array.isArray(preview.error.body.details)
      ? (preview.error.body.details as { field: string; problems: string[] }[])
      : [];

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.holidays.title')}
      </Title>
      <Text>{t('admin.holidays.intro')}</Text>
      <NativeSelect
        label={t('admin.holidays.year')}
        value={String(year)}
        w={200}
        onChange={(e) => {
          setYear(Number(e.currentTarget.value));
          void choose(null);
        }}
        data={YEARS.map((y) => String(y))}
      />
      <Text role="status" fw={600}>
        {saved}
      </Text>

      <Stack component="section" aria-labelledby="holidays-load" gap="xs">
        <Title order={2} size="h4" id="holidays-load">
          {t('admin.holidays.loadTitle', { year })}
        </Title>
        <Text size="sm">{t('admin.holidays.fileHelp')}</Text>
        <FileInput
          label={t('admin.holidays.file', { year })}
          placeholder={t('admin.holidays.choose')}
          accept=".json,.csv,application/json,text/csv"
          value={null}
          onChange={(f) => void choose(f)}
          clearable={false}
          w={{ base: '100%', sm: 420 }}
        />
        {file && <Text size="sm">{t('admin.holidays.chosen', { name: file.name })}</Text>}
        <AdminError error={preview.error ?? load.error} />
        {rowProblems.length > 0 && (
          <List size="sm">
            {rowProblems.map((p) => (
              <List.Item key={p.field}>
                {p.field}: {p.problems.join('; ')}
              </List.Item>
            ))}
          </List>
        )}
        {changes && file && (
          <Alert
            color="blue"
            title={t('admin.holidays.previewTitle', { year })}
            role="region"
            aria-label={t('admin.holidays.previewTitle', { year })}
          >
            <Stack gap="xs">
              <Text size="sm">
                {t('admin.holidays.summary', {
                  added: changes.added.length,
                  removed: changes.removed.length,
                  renamed: changes.renamed.length,
                  unchanged: changes.unchanged,
                })}
              </Text>
              {changes.added.length > 0 && (
                <Changes title={t('admin.holidays.added')} lines={changes.added.map(line)} />
              )}
              {changes.removed.length > 0 && (
                <Changes title={t('admin.holidays.removed')} lines={changes.removed.map(line)} />
              )}
              {changes.renamed.length > 0 && (
                <Changes
                  title={t('admin.holidays.renamed')}
                  lines={changes.renamed.map((r) => `${line(r.before)} → ${r.after.name} (${kind(r.after)})`)}
                />
              )}
              <Group>
                <Button onClick={() => load.mutate(file)} loading={load.isPending}>
                  {t('admin.holidays.confirm', { year })}
                </Button>
                <Button variant="default" onClick={() => void choose(null)}>
                  {t('admin.cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>

      <Stack component="section" aria-labelledby="holidays-year" gap="xs">
        <Title order={2} size="h4" id="holidays-year">
          {t('admin.holidays.loaded', { year })}
        </Title>
        <AdminError error={days.error} />
        {days.data && !days.data.loaded && <Text>{t('admin.holidays.none', { year })}</Text>}
        {days.data?.loaded && (
          <ListTable
            label={t('admin.holidays.loaded', { year })}
            columns={[t('admin.holidays.date'), t('admin.holidays.name'), t('admin.holidays.kindColumn')]}
          >
            {days.data.days.map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td>{dayText(d.date, i18n.language)}</Table.Td>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={d.kind === 'HOLIDAY' ? 'red.9' : 'blue.9'}>
                    {kind(d)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Stack>
    </Stack>
  );
}

function Changes({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm">
        {lines.map((l) => (
          <List.Item key={l}>{l}</List.Item>
        ))}
      </List>
    </div>
  );
}
