// The what-if of a draft SLA policy (issue 20), under the draft on the SLA page: the cases to run (sample cases in a
// mix the user sets, or the province's real closed cases of a period), the run's progress while the worker plays
// them on the real case workflow, and the results side by side: the policy in force against the draft, a chart of
// the missed deadlines per step and risk, and the table of every count.
import { Alert, Button, Group, Progress, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { addWords } from '../../i18n';
import * as whatIfWords from '../../i18n/sla-what-if';
import { useOfficeTimeZone } from '../../officeTimeZone';
import { STEP_IDS, TIERS } from '../../process';
import { ReportChart } from '../reports/ReportChart';
import { AdminError } from './AdminError';
import { fieldProblems } from './shared';
import { ListTable, Scroll } from './Scroll';

addWords(whatIfWords);

type T = ReturnType<typeof useTranslation>['t'];
type Run = Schemas['SlaSimulationDto'];
type Outcome = NonNullable<Run['results']>['inForce'];
type StageRow = Outcome['stages'][number];

const MEASURES = ['deadlines', 'reminders', 'breaches', 'escalations1', 'escalations2'] as const;
const STEPS_OF_PROCESS = new Set<string>(STEP_IDS);

export function stageName(t: T, stage: string): string {
  if (stage === 'REFERRAL_ACK' || stage === 'REFERRAL_DECISION') return t(`processPage.extraStep.${stage}`);
  if (STEPS_OF_PROCESS.has(stage)) return t(`step.${stage}`);
  const key = `whatIf.clock.${stage}`;
  const words = t(key);
  return words === key ? stage : words;
}

type Form = {
  source: 'SYNTHETIC' | 'DERIVED';
  cases: string;
  HIGH: string;
  MEDIUM: string;
  LOW: string;
  silentPartnerPercent: string;
  declinePercent: string;
  unreachablePercent: string;
  seed: string;
  from: string;
  to: string;
};

const FIRST_FORM: Form = {
  source: 'SYNTHETIC',
  cases: '200',
  HIGH: '20',
  MEDIUM: '50',
  LOW: '30',
  silentPartnerPercent: '10',
  declinePercent: '10',
  unreachablePercent: '10',
  seed: '1',
  from: '',
  to: '',
};

// a number as typed; anything else goes as it is, for the API to name
const num = (s: string): unknown => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

export function SlaWhatIf({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  const timeZone = useOfficeTimeZone();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(FIRST_FORM);
  const [shown, setShown] = useState<string | null>(null);
  const path = { params: { path: { id: draftId } } };
  const runs = useQuery({
    queryKey: ['admin', 'sla-what-if', draftId],
    queryFn: () => ok(api.GET('/api/v1/sla-policies/{id}/simulations', path)),
    // while a run goes on, its progress every second
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING') ? 1000 : false),
  });
  const cancel = useMutation({
    mutationFn: (id: string) =>
      ok(
        api.POST('/api/v1/sla-policies/{id}/simulations/{simulationId}/cancel', {
          params: { path: { id: draftId, simulationId: id } },
        }),
      ),
    // the run cancelled stays shown, so that its "cancelled by" is said where the progress bar was
    onSuccess: (_run, id) => setShown(id),
    onSettled: () => void client.invalidateQueries({ queryKey: ['admin', 'sla-what-if', draftId] }),
  });
  const start = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/sla-policies/{id}/simulations', {
          ...path,
          body: (form.source === 'SYNTHETIC'
            ? {
                source: 'SYNTHETIC',
                cases: num(form.cases),
                seed: num(form.seed),
                tiers: { HIGH: num(form.HIGH), MEDIUM: num(form.MEDIUM), LOW: num(form.LOW) },
                silentPartnerPercent: num(form.silentPartnerPercent),
                declinePercent: num(form.declinePercent),
                unreachablePercent: num(form.unreachablePercent),
              }
            : { source: 'DERIVED', from: form.from, to: form.to, seed: num(form.seed) }) as never,
        }),
      ),
    onSuccess: (run) => {
      setShown(run.id);
      // an earlier run's cancel refusal is not this run's
      cancel.reset();
      void client.invalidateQueries({ queryKey: ['admin', 'sla-what-if', draftId] });
    },
  });
  const problems = fieldProblems(start.error);
  const set = (k: keyof Form) => (e: { currentTarget: { value: string } }) => {
    // read now: React clears the event's currentTarget once the handler returns
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
  };
  const field = (k: keyof Form, label: string, apiField: string = k) => (
    <TextInput label={label} inputMode="numeric" value={form[k]} onChange={set(k)} error={problems[apiField]} />
  );
  const list = runs.data ?? [];
  const current =
    list.find((r) => r.id === shown) ?? list.find((r) => r.status !== 'FAILED' && r.status !== 'CANCELLED') ?? list[0];
  const busy = list.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="what-if-title">
      <Title order={3} id="what-if-title">
        {t('whatIf.title')}
      </Title>
      <Text size="sm">{t('whatIf.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group
            label={t('whatIf.source')}
            value={form.source}
            onChange={(v) => setForm((f) => ({ ...f, source: v as Form['source'] }))}
          >
            <Group mt={4}>
              <Radio value="SYNTHETIC" label={t('whatIf.synthetic')} />
              <Radio value="DERIVED" label={t('whatIf.derived')} />
            </Group>
          </Radio.Group>
          <Text size="sm" c="gray.7">
            {form.source === 'SYNTHETIC' ? t('whatIf.syntheticHelp') : t('whatIf.derivedHelp')}
          </Text>
          {form.source === 'SYNTHETIC' ? (
            <>
              <Group grow align="start">
                {field('cases', t('whatIf.cases'))}
                {field('seed', t('whatIf.seed'))}
              </Group>
              <Group grow align="start">
                {TIERS.map((tier) => (
                  <div key={tier}>{field(tier, t('whatIf.tierShare', { tier: t(`tier.${tier}`) }), 'tiers')}</div>
                ))}
              </Group>
              <Group grow align="start">
                {field('silentPartnerPercent', t('whatIf.silent'))}
                {field('declinePercent', t('whatIf.declines'))}
                {field('unreachablePercent', t('whatIf.unreachable'))}
              </Group>
            </>
          ) : (
            <Group grow align="start">
              <TextInput
                type="date"
                label={t('whatIf.from')}
                value={form.from}
                onChange={set('from')}
                error={problems.from}
              />
              <TextInput type="date" label={t('whatIf.to')} value={form.to} onChange={set('to')} error={problems.to} />
            </Group>
          )}
          <AdminError error={start.error} />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={busy}>
              {t('whatIf.run')}
            </Button>
          </Group>
        </Stack>
      </form>
      {current && (
        <RunView
          run={current}
          timeZone={timeZone}
          cancel={{ run: () => cancel.mutate(current.id), pending: cancel.isPending, error: cancel.error }}
        />
      )}
      {list.length > 1 && (
        <>
          <Title order={4}>{t('whatIf.earlier')}</Title>
          <ListTable
            label={t('whatIf.earlier')}
            columns={[
              t('whatIf.requested'),
              t('whatIf.source'),
              t('whatIf.cases'),
              t('whatIf.state'),
              t('whatIf.status'),
            ]}
          >
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.requestedAt, timeZone)}</Table.Td>
                <Table.Td>
                  {(r.spec as { source?: string }).source === 'DERIVED' ? t('whatIf.derived') : t('whatIf.synthetic')}
                </Table.Td>
                <Table.Td>{r.results?.cases ?? r.total / 2}</Table.Td>
                <Table.Td>{t(`whatIf.states.${r.status}`)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('whatIf.showOf', { when: formatDateTime(r.requestedAt, timeZone) })}
                    onClick={() => setShown(r.id)}
                  >
                    {t('whatIf.show')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </>
      )}
    </Stack>
  );
}

type Cancel = { run: () => void; pending: boolean; error: unknown };

function RunView({ run, timeZone, cancel }: { run: Run; timeZone: string; cancel: Cancel }) {
  const { t, i18n } = useTranslation();
  if (run.status === 'QUEUED' || run.status === 'RUNNING') {
    const label =
      run.status === 'QUEUED' ? t('whatIf.queued') : t('whatIf.running', { done: run.done, total: run.total });
    return (
      <Stack gap={4}>
        <Text size="sm" aria-live="polite">
          {label}
        </Text>
        {/* the name on the progress bar itself (the section with role progressbar), not on its frame */}
        <Progress.Root>
          <Progress.Section
            value={run.total ? (100 * run.done) / run.total : 0}
            aria-label={t('whatIf.progressLabel')}
          />
        </Progress.Root>
        <AdminError error={cancel.error} />
        <Group mt={4}>
          <Button variant="light" color="red" loading={cancel.pending} onClick={cancel.run}>
            {t('whatIf.cancel')}
          </Button>
        </Group>
      </Stack>
    );
  }
  if (run.status === 'CANCELLED')
    return (
      <Alert color="gray" role="status">
        {t('whatIf.cancelled', { by: run.cancelledBy ?? '', when: formatDateTime(run.finishedAt, timeZone) })}
      </Alert>
    );
  if (run.status === 'FAILED' || !run.results)
    return (
      <Alert color="red" role="alert">
        {t('whatIf.failed', { error: run.error ?? '' })}
      </Alert>
    );
  const r = run.results;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('whatIf.doneAt', {
          when: formatDateTime(run.finishedAt, timeZone),
          cases: r.cases,
          days: r.simulatedDays,
          seconds: r.seconds.toLocaleString(i18n.language),
        })}
      </Text>
      <Text size="sm" c="gray.7">
        {t('whatIf.timings', { measured: r.timingsMeasured, total: r.timingsTotal })}
      </Text>
      <Summary inForce={r.inForce} draft={r.draft} />
      <Breaches inForce={r.inForce} draft={r.draft} />
    </Stack>
  );
}

function Summary({ inForce, draft }: { inForce: Outcome; draft: Outcome }) {
  const { t, i18n } = useTranslation();
  const rows: [string, (o: Outcome) => string | number][] = [
    ...MEASURES.map((m) => [t(`whatIf.${m}`), (o: Outcome) => o.totals[m]] as [string, (o: Outcome) => number]),
    [
      t('whatIf.medianDays'),
      (o) => (o.medianDaysToClose === null ? t('whatIf.none') : o.medianDaysToClose.toLocaleString(i18n.language)),
    ],
    [t('whatIf.closed'), (o) => `${o.closed} / ${o.cases}`],
    [t('whatIf.failedCases'), (o) => o.failed],
  ];
  return (
    <Scroll label={t('whatIf.summary')}>
      <Table withTableBorder striped>
        <Table.Caption>{t('whatIf.summary')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('whatIf.measure')}</Table.Th>
            <Table.Th scope="col">{t('whatIf.inForce', { version: inForce.version })}</Table.Th>
            <Table.Th scope="col">{t('whatIf.draft')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row">{name}</Table.Th>
              <Table.Td>{value(inForce)}</Table.Td>
              <Table.Td>{value(draft)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Scroll>
  );
}

function Breaches({ inForce, draft }: { inForce: Outcome; draft: Outcome }) {
  const { t } = useTranslation();
  const key = (s: StageRow) => `${s.stage}|${s.tier}`;
  const empty = (s: StageRow): StageRow => ({
    ...s,
    deadlines: 0,
    reminders: 0,
    breaches: 0,
    escalations1: 0,
    escalations2: 0,
  });
  const byKey = new Map<string, { now: StageRow; then: StageRow }>();
  for (const s of inForce.stages) byKey.set(key(s), { now: s, then: empty(s) });
  for (const s of draft.stages) byKey.set(key(s), { now: byKey.get(key(s))?.now ?? empty(s), then: s });
  const rows = [...byKey.values()];
  const late = rows.filter((r) => r.now.breaches + r.then.breaches > 0);
  const name = (s: StageRow) => `${stageName(t, s.stage)} (${t(`tier.${s.tier}`)})`;
  return (
    <Stack gap="sm">
      {late.length ? (
        <ReportChart
          label={t('whatIf.chart')}
          rowHeight={64}
          categories={late.map((r) => name(r.now))}
          series={[
            { name: t('whatIf.inForce', { version: inForce.version }), values: late.map((r) => r.now.breaches) },
            { name: t('whatIf.draft'), values: late.map((r) => r.then.breaches) },
          ]}
        />
      ) : (
        <Text size="sm">{t('whatIf.noBreach')}</Text>
      )}
      <Scroll label={t('whatIf.perStage')}>
        <Table withTableBorder striped>
          <Table.Caption>{t('whatIf.perStage')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2}>
                {t('whatIf.stage')}
              </Table.Th>
              <Table.Th scope="col" rowSpan={2}>
                {t('whatIf.tier')}
              </Table.Th>
              {MEASURES.map((m) => (
                <Table.Th scope="colgroup" colSpan={2} key={m}>
                  {t(`whatIf.${m}`)}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {MEASURES.flatMap((m) => [
                <Table.Th scope="col" key={`${m}-now`}>
                  {t('whatIf.now')}
                </Table.Th>,
                <Table.Th scope="col" key={`${m}-then`}>
                  {t('whatIf.then')}
                </Table.Th>,
              ])}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ now, then }) => (
              <Table.Tr key={key(now)}>
                <Table.Th scope="row">{stageName(t, now.stage)}</Table.Th>
                <Table.Td>{t(`tier.${now.tier}`)}</Table.Td>
                {MEASURES.flatMap((m) => [
                  <Table.Td key={`${m}-now`}>{now[m]}</Table.Td>,
                  <Table.Td key={`${m}-then`} fw={then[m] !== now[m] ? 700 : undefined}>
                    {then[m]}
                  </Table.Td>,
                ])}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Scroll>
    </Stack>
  );
}
