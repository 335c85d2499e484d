// Moving the office's running cases to another SLA policy version (issue 20), for a supervisor or a head of office:
// the target version, the set (all open cases, or the API's filters) and first a preview of every case's deadline
// now and under the new version, the late ones marked; then, with a reason and after a question, the move, followed
// to its end. The move takes exactly the cases the preview showed, under an Idempotency-Key (a double click or a
// retry after a lost answer moves once).
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiFailure, ok, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { addWords } from '../i18n';
import * as admin from '../i18n/admin';
import { officesQuery, useOfficeTimeZone } from '../officeTimeZone';
import { CASE_CATEGORIES, STEP_IDS, TIERS } from '../process';
import { AdminError } from './admin/AdminError';
import { ConfirmDialog } from './admin/ConfirmDialog';
import { adminError, fieldProblems } from './admin/shared';
import { ListTable } from './admin/Scroll';

// the question's buttons and the errors' words are the administration's
addWords(admin);

type T = ReturnType<typeof useTranslation>['t'];
type Preview = Schemas['SlaMigrationPreviewDto'];
type Migration = Schemas['SlaMigrationDto'];
type Clock = Schemas['SlaMigrationClockDto'];
type PreviewCase = Preview['cases'][number];
type Filter = { steps: string[]; tiers: string[]; categories: string[] };
type Problems = { version?: string; filter?: string; reason?: string };
// the API's filters, each a group of check boxes: its name, its ids, the words of an id
const FILTERS = [
  ['steps', STEP_IDS, 'step'],
  ['tiers', TIERS, 'tier'],
  ['categories', CASE_CATEGORIES, 'category'],
] as const;

export function SlaMove() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (user?.role !== 'SUPERVISOR' && user?.role !== 'HEAD')
    return <Alert color="red" role="alert" title={t('slaMove.onlyStaff')} />;
  return <MoveScreen />;
}

function MoveScreen() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const timeZone = useOfficeTimeZone();
  const when = (iso: string) => formatDateTime(iso, timeZone);
  const offices = useQuery(officesQuery);
  const province = offices.data?.find((o) => o.id === user?.officeId)?.province;
  const policies = useQuery({ queryKey: ['sla-policies'], queryFn: () => ok(api.GET('/api/v1/sla-policies')) });
  // the versions a case of this office may move to: activated once, of the office's province or national
  const versions = (policies.data ?? [])
    .filter((p) => p.activeFrom && (p.province === 'ID' || p.province === province))
    .sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.activeFrom!.localeCompare(a.activeFrom!));

  const [version, setVersion] = useState('');
  const [all, setAll] = useState(true);
  const [filter, setFilter] = useState<Filter>({ steps: [], tiers: [], categories: [] });
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [asking, setAsking] = useState(false);
  const [started, setStarted] = useState<{ id: string; version: string } | null>(null);
  // one key per move, kept until the API has answered it for good (a 2xx or a 4xx): a retry after a network
  // failure or a 5xx attaches to the migration the first attempt may have started
  const key = useRef(crypto.randomUUID());
  const inFlight = useRef(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const progressRef = useRef<HTMLDivElement>(null);

  // a choice changed: the preview no longer says what a move would do
  const change =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      setPreview(null);
      setProblems({});
    };

  const look = useMutation({
    mutationFn: () => {
      const chosen = Object.fromEntries(Object.entries(filter).filter(([, v]) => v.length > 0));
      return ok(
        api.POST('/api/v1/sla-policies/{version}/migrations/preview', {
          params: { path: { version } },
          body: all ? {} : { filter: chosen },
        }),
      );
    },
    onSuccess: (p) => setPreview(p),
    onError: (err) => setProblems(onFields(t, err)),
  });
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  const move = useMutation({
    mutationFn: (p: Preview) =>
      ok(
        api.POST('/api/v1/sla-policies/{version}/migrations', {
          params: { path: { version: p.toVersion }, header: { 'Idempotency-Key': key.current } },
          body: { filter: { caseIds: moving(p).map((c) => c.caseId) }, reason },
        }),
      ),
    onSettled: (_, err) => {
      inFlight.current = false;
      if (!err || (err instanceof ApiFailure && err.status < 500)) key.current = crypto.randomUUID();
    },
    onSuccess: (m) => {
      setAsking(false);
      setStarted({ id: m.id, version: m.toVersion });
    },
    onError: (err) => {
      const fields = onFields(t, err);
      if (fields.reason) setAsking(false);
      setProblems(fields);
    },
  });

  const progress = useQuery({
    queryKey: ['sla-migration', started?.id],
    queryFn: () =>
      ok(
        api.GET('/api/v1/sla-policies/{version}/migrations/{id}', {
          params: { path: { version: started!.version, id: started!.id } },
        }),
      ),
    enabled: Boolean(started),
    refetchInterval: (q) => (q.state.data?.status === 'DONE' ? false : 1000),
  });
  const done = progress.data?.status === 'DONE';
  useEffect(() => {
    if (started) progressRef.current?.focus();
  }, [started]);
  // the moved cases' deadlines, tasks and escalations changed: what the other screens hold is read again
  useEffect(() => {
    if (!done) return;
    for (const k of ['inbox', 'case', 'timeline', 'escalations', 'cases'])
      void client.invalidateQueries({ queryKey: [k] });
  }, [done, client]);

  const ask = () => {
    if (!preview) return;
    if (!reason.trim()) return setProblems({ reason: t('slaMove.reasonMissing') });
    setProblems({});
    setAsking(true);
  };
  const confirm = () => {
    if (!preview || inFlight.current) return;
    inFlight.current = true;
    move.mutate(preview);
  };
  const showPreview = () => {
    if (!version) return setProblems({ version: t('slaMove.versionMissing') });
    if (!all && Object.values(filter).every((v) => v.length === 0))
      return setProblems({ filter: t('slaMove.filterMissing') });
    look.mutate();
  };
  const again = () => {
    setStarted(null);
    setPreview(null);
    setReason('');
    move.reset();
  };

  if (started)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('slaMove.title')}
        </Title>
        <MoveProgress
          migration={progress.data}
          version={started.version}
          when={when}
          focusRef={progressRef}
          error={progress.error}
        />
        {done && (
          <Group>
            <Button variant="default" onClick={again}>
              {t('slaMove.again')}
            </Button>
          </Group>
        )}
      </Stack>
    );

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('slaMove.title')}
      </Title>
      <Text>{t('slaMove.intro')}</Text>
      <AdminError error={policies.error} />
      <NativeSelect
        label={t('slaMove.version')}
        description={t('slaMove.versionHelp')}
        value={version}
        error={problems.version}
        onChange={(e) => change(setVersion)(e.currentTarget.value)}
        data={[
          { value: '', label: t('slaMove.choose') },
          ...versions.map((p) => ({
            value: p.version,
            label: t(p.inForce ? 'slaMove.versionInForce' : 'slaMove.versionOption', {
              version: p.version,
              province: p.province === 'ID' ? t('slaMove.national') : p.province,
            }),
          })),
        ]}
        maw={480}
      />
      <Radio.Group
        label={t('slaMove.set')}
        value={all ? 'all' : 'filter'}
        onChange={(v) => change(setAll)(v === 'all')}
        error={problems.filter}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="all" label={t('slaMove.setAll')} />
          <Radio value="filter" label={t('slaMove.setFilter')} />
        </Stack>
      </Radio.Group>
      {!all && (
        <Stack gap="sm" pl="md">
          <Text size="sm" c="gray.7">
            {t('slaMove.filterHelp')}
          </Text>
          {FILTERS.map(([name, ids, words]) => (
            <Checkbox.Group
              key={name}
              label={t(`slaMove.${name}`)}
              value={filter[name]}
              onChange={change((v: string[]) => setFilter((f) => ({ ...f, [name]: v })))}
            >
              <Group gap="md" mt="xs">
                {ids.map((id) => (
                  <Checkbox key={id} value={id} label={t(`${words}.${id}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          ))}
        </Stack>
      )}
      <Group>
        <Button onClick={showPreview} loading={look.isPending}>
          {t('slaMove.preview')}
        </Button>
      </Group>
      {!problems.version && !problems.filter && <AdminError error={look.error} />}
      {preview && (
        <Stack component="section" aria-labelledby="sla-move-preview" gap="sm">
          <Title order={2} size="h3" id="sla-move-preview" ref={previewHeading} tabIndex={-1}>
            {t('slaMove.previewTitle', { version: preview.toVersion })}
          </Title>
          {preview.total === 0 ? (
            <Text>{t('slaMove.nothing')}</Text>
          ) : moving(preview).length === 0 ? (
            <Text fw={600}>{t('slaMove.nothingToMove')}</Text>
          ) : (
            <Text fw={600}>
              {t(lateCount(preview) ? 'slaMove.previewSummary' : 'slaMove.previewSummaryNoneLate', {
                count: moving(preview).length,
                late: lateCount(preview),
              })}
            </Text>
          )}
          {moving(preview).length > 0 && moving(preview).length < preview.total && (
            <Text>{t('slaMove.sameVersionSkipped', { count: preview.total - moving(preview).length })}</Text>
          )}
          {preview.skippedClosed.length > 0 && (
            <Text>{t('slaMove.closedSkipped', { count: preview.skippedClosed.length })}</Text>
          )}
          {moving(preview).length > 0 && (
            <>
              <PreviewCases preview={preview} when={when} />
              <Textarea
                label={t('slaMove.reason')}
                description={t('slaMove.reasonHelp')}
                required
                autosize
                minRows={2}
                maxLength={1000}
                value={reason}
                error={problems.reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setProblems({});
                }}
                maw={640}
              />
              <Group>
                <Button color="red.9" onClick={ask}>
                  {t('slaMove.move', { count: moving(preview).length })}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
      {preview && (
        <ConfirmDialog
          title={t('slaMove.confirmTitle', { count: moving(preview).length, version: preview.toVersion })}
          text={t(lateCount(preview) ? 'slaMove.confirmText' : 'slaMove.confirmTextNoneLate', {
            version: preview.toVersion,
            late: lateCount(preview),
          })}
          confirm={t('slaMove.confirm')}
          opened={asking}
          busy={move.isPending}
          error={problems.reason ? null : move.error}
          onConfirm={confirm}
          onClose={() => setAsking(false)}
        />
      )}
    </Stack>
  );
}

// An API refusal on the field it names, in words; the others are shown whole (AdminError).
function onFields(t: T, err: unknown): Problems {
  if (!(err instanceof ApiFailure) || err.status !== 422) return {};
  const fields = Object.keys(fieldProblems(err));
  const words = adminError(t, err);
  if (fields.includes('reason')) return { reason: t('slaMove.reasonMissing') };
  if (fields.includes('version')) return { version: words };
  if (fields.some((f) => f.startsWith('filter'))) return { filter: words };
  return {};
}

// The case's number, the row's heading, on one line: a link to the case.
function CaseCell({ c }: { c: { caseId: string; caseNumber: string } }) {
  return (
    <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
      <Anchor component={Link} to={`/cases/${c.caseId}`}>
        {c.caseNumber}
      </Anchor>
    </Table.Th>
  );
}

// Late at once under the new version: in words that wrap in a narrow cell (a badge would cut them), dark red.
function Late() {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={700} c="red.9">
      {t('slaMove.lateNow')}
    </Text>
  );
}

// A deadline per clock: one line each, named by its step when a case has more than one.
function Deadlines({ clocks, pick }: { clocks: Clock[]; pick: (c: Clock) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {clocks.map((k) => (
        <Text key={k.clockId} size="sm">
          {clocks.length > 1 ? `${t(`step.${k.step}`)}: ` : ''}
          {pick(k)}
        </Text>
      ))}
    </>
  );
}

// What the move does to a case, as the supervisor needs to read it: late at once (it escalates now), already past
// its deadline (its breach and escalation stand: a move un-lates nothing, and it is not news), already on the
// version (nothing changes), or within its new deadline.
type Effect = 'late' | 'alreadyLate' | 'sameVersion' | 'onTime';
function effectOf(c: PreviewCase, toVersion: string): Effect {
  if (c.fromVersion === toVersion) return 'sameVersion';
  if (c.clocks.some((k) => Date.parse(k.oldDueAt) <= Date.now())) return 'alreadyLate';
  return c.lateNow ? 'late' : 'onTime';
}
const lateCount = (p: Preview) => p.cases.filter((c) => effectOf(c, p.toVersion) === 'late').length;
// the cases the move changes: not those already on the version asked for
const moving = (p: Preview) => p.cases.filter((c) => effectOf(c, p.toVersion) !== 'sameVersion');

// Each case of the preview: a table on a wide screen, a card per case on a phone (seven columns do not fit 390 px).
function PreviewCases({ preview, when }: { preview: Preview; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const now = (c: PreviewCase) => (
    <>
      <Deadlines clocks={c.clocks} pick={(k) => when(k.oldDueAt)} />
      {c.kept.map((k) => (
        <Text key={k.clockId} size="xs" c="gray.7">
          {t('slaMove.kept', { step: t(`step.${k.step}`), due: when(k.dueAt) })}
        </Text>
      ))}
    </>
  );
  const next = (c: PreviewCase) =>
    c.clocks.length === 0 ? (
      <Text size="sm">{t('slaMove.noClock')}</Text>
    ) : (
      <Deadlines clocks={c.clocks} pick={(k) => (k.newDueAt ? when(k.newDueAt) : t('slaMove.noDeadline'))} />
    );
  const effect = (c: PreviewCase) => {
    const e = effectOf(c, preview.toVersion);
    return e === 'late' ? <Late /> : <Text size="sm">{t(`slaMove.effect.${e}`)}</Text>;
  };
  if (phone)
    return (
      <Stack component="ul" gap="xs" p={0} m={0} aria-label={t('slaMove.previewTable')} style={{ listStyle: 'none' }}>
        {preview.cases.map((c) => (
          <Card component="li" withBorder p="sm" key={c.caseId}>
            <Anchor component={Link} to={`/cases/${c.caseId}`} fw={600}>
              {c.caseNumber}
            </Anchor>
            <Text size="sm">
              {t(`step.${c.step}`)} · {t(`tier.${c.tier}`)} · {c.fromVersion}
            </Text>
            <Text size="xs" c="gray.7" mt={4}>
              {t('slaMove.col.now')}
            </Text>
            {now(c)}
            <Text size="xs" c="gray.7" mt={4}>
              {t('slaMove.col.next')}
            </Text>
            {next(c)}
            {effect(c)}
          </Card>
        ))}
      </Stack>
    );
  return (
    <ListTable
      label={t('slaMove.previewTable')}
      caption={t('slaMove.previewTable')}
      columns={[
        t('slaMove.col.case'),
        t('slaMove.col.step'),
        t('slaMove.col.tier'),
        t('slaMove.col.from'),
        t('slaMove.col.now'),
        t('slaMove.col.next'),
        t('slaMove.col.effect'),
      ]}
    >
      {preview.cases.map((c) => (
        <Table.Tr key={c.caseId}>
          <CaseCell c={c} />
          <Table.Td>{t(`step.${c.step}`)}</Table.Td>
          <Table.Td>{t(`tier.${c.tier}`)}</Table.Td>
          <Table.Td>{c.fromVersion}</Table.Td>
          <Table.Td>{now(c)}</Table.Td>
          <Table.Td>{next(c)}</Table.Td>
          <Table.Td>{effect(c)}</Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function MoveProgress({
  migration: m,
  version,
  when,
  focusRef,
  error,
}: {
  migration: Migration | undefined;
  version: string;
  when: (iso: string) => string;
  focusRef: React.RefObject<HTMLDivElement | null>;
  error: unknown;
}) {
  const { t } = useTranslation();
  const finished = m ? m.total - m.pending : 0;
  const done = m?.status === 'DONE';
  return (
    <Stack component="section" aria-labelledby="sla-move-progress" gap="sm">
      <div ref={focusRef} tabIndex={-1}>
        <Title order={2} size="h3" id="sla-move-progress">
          {done ? t('slaMove.doneTitle', { version }) : t('slaMove.progressLabel')}
        </Title>
      </div>
      <AdminError error={error} />
      <Progress
        value={m && m.total > 0 ? Math.round((100 * finished) / m.total) : 0}
        size="lg"
        aria-label={t('slaMove.progressLabel')}
        color={done ? 'teal.9' : 'blue.9'}
      />
      <Text role="status">{m ? t('slaMove.progress', { done: finished, total: m.total }) : ''}</Text>
      {!done && <Text size="sm">{t('slaMove.running')}</Text>}
      {m && done && (
        <List>
          <List.Item>{t('slaMove.moved', { count: m.moved })}</List.Item>
          {m.closed > 0 && <List.Item>{t('slaMove.unchanged', { count: m.closed })}</List.Item>}
          {m.failed > 0 && <List.Item>{t('slaMove.failed', { count: m.failed })}</List.Item>}
        </List>
      )}
      {m && (
        <ListTable
          label={t('slaMove.resultTable')}
          caption={t('slaMove.resultTable')}
          columns={[t('slaMove.col.case'), t('slaMove.col.outcome'), t('slaMove.col.now'), t('slaMove.col.next')]}
        >
          {m.cases.map((c) => (
            <Table.Tr key={c.caseId}>
              <CaseCell c={c} />
              <Table.Td>
                {c.status === 'FAILED'
                  ? t('slaMove.failedWhy', { why: c.error ?? '' })
                  : t(`slaMove.status.${c.status}`)}
                {c.clocks?.some((k) => k.lateNow && Date.parse(k.oldDueAt) > Date.parse(m.createdAt)) && <Late />}
              </Table.Td>
              <Table.Td>
                <Deadlines clocks={c.clocks ?? []} pick={(k) => when(k.oldDueAt)} />
              </Table.Td>
              <Table.Td>
                <Deadlines
                  clocks={c.clocks ?? []}
                  pick={(k) => (k.newDueAt ? when(k.newDueAt) : t('slaMove.noDeadline'))}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Stack>
  );
}
