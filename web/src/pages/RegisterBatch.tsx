// An arrival batch (a ferry of deportees at a seaport): the arrival typed once, then one returnee per row of a table
// typed from the keyboard alone (Enter or Tab at the end of a row opens the next; rows pasted from a spreadsheet fill
// the table). Each row is saved as a case of its own under its own Idempotency-Key, made with the row and kept with
// it: the batch lives in localStorage (per user) until it is finished, so a network failure or a closed tab resumes
// where it stopped, and a row sent again is answered with the case it already made, never a second one.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiFailure, ok } from '../api/client';
import { useAuth } from '../auth';
import { Section } from '../components/Section';
import { EarlierCasesList, earlierCasesOf, useEarlierCases } from '../components/EarlierCases';
import { codeText } from '../components/ErrorNotice';
import { formatDateTime } from '../format';
import {
  ArrivalFields,
  EMPTY_ARRIVAL,
  EMPTY_PERSON,
  fieldProblems,
  registrationBody,
  RegistrationTitle,
  type Arrival,
  type FieldName,
} from '../components/Registration';

// the columns of a row, in the order of the table and of a pasted spreadsheet line
const COLUMNS = ['fullName', 'sex', 'dateOfBirth', 'nationalId', 'passportNumber', 'province', 'regency'] as const;
type Column = (typeof COLUMNS)[number];
type Problems = Partial<Record<FieldName, string[]>>;
type Outcome =
  | { kind: 'saved'; caseId: string; caseNumber: string }
  | { kind: 'refused'; code: string; problems: Problems }
  // earlier cases of the same person were found: the row waits until a person says it is a new arrival
  | { kind: 'check' };
type Row = Record<Column, string> & {
  key: string; // its Idempotency-Key, for its whole life
  outcome?: Outcome;
  checked?: boolean; // the search for earlier cases was made (or answered by a person) before it was first sent
  confirmed?: boolean;
};
type Batch = { arrival: Arrival; rows: Row[]; running: boolean };

const CONCURRENCY = 3;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

const newRow = (): Row => ({ key: `batch-${crypto.randomUUID()}`, ...pick(EMPTY_PERSON) });
const newBatch = (): Batch => ({ arrival: { ...EMPTY_ARRIVAL }, rows: [newRow()], running: false });
function pick(p: Record<Column, string>): Record<Column, string> {
  return Object.fromEntries(COLUMNS.map((c) => [c, p[c]])) as Record<Column, string>;
}
const isEmpty = (r: Row) => COLUMNS.every((c) => !r[c].trim());
const isSaved = (r: Row) => r.outcome?.kind === 'saved';
// what a run sends: typed, and neither saved, nor refused as it stands, nor waiting for a person's check
const isSendable = (r: Row) => !isEmpty(r) && !r.outcome;

const storageKey = (userId: string) => `rujukan.batch.${userId}`;
function load(userId: string): Batch {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    if (raw) return JSON.parse(raw) as Batch;
  } catch {
    // an unreadable batch is not worth a broken screen
  }
  return newBatch();
}

// "17-05-1994", "17/5/1994" or "1994-05-17" → 1994-05-17; anything else as typed, for the API to refuse on its cell
function isoDate(text: string): string {
  const v = text.trim();
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : v;
}
// a spreadsheet's P/L (or F/M, or the words) → the API's F/M
function sexOf(text: string): string {
  const v = text.trim().toLowerCase();
  if (['p', 'f', 'perempuan', 'wanita', 'female'].includes(v)) return 'F';
  if (['l', 'm', 'laki-laki', 'laki laki', 'pria', 'male'].includes(v)) return 'M';
  return '';
}

export function RegisterBatch() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queries = useQueryClient();
  const userId = user!.id;
  const [batch, setBatch] = useState<Batch>(() => load(userId));
  // the truth while rows are sent side by side; written to localStorage at once, before anything is sent
  const current = useRef(batch);
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [offline, setOffline] = useState(false);
  const [arrivalProblems, setArrivalProblems] = useState<Problems>({});
  const attempts = useRef(0);
  const retryTimer = useRef<number | undefined>(undefined);
  const running = useRef(false);
  const focusNext = useRef<string | null>(null);

  const commit = useCallback(
    (change: (b: Batch) => Batch) => {
      const next = change(current.current);
      current.current = next;
      localStorage.setItem(storageKey(userId), JSON.stringify(next));
      setBatch(next);
    },
    [userId],
  );
  const updateRow = useCallback(
    (key: string, change: Partial<Row>) =>
      commit((b) => ({ ...b, rows: b.rows.map((r) => (r.key === key ? { ...r, ...change } : r)) })),
    [commit],
  );

  // One row: the check for earlier cases (once), then its registration under its own key.
  const sendRow = useCallback(
    async (key: string): Promise<'done' | 'network' | 'arrival'> => {
      const row = current.current.rows.find((r) => r.key === key);
      if (!row) return 'done';
      setSending((s) => new Set(s).add(key));
      try {
        if (!row.checked && !row.confirmed) {
          const earlier = await queries.fetchQuery({ ...earlierCasesOf({ ...row }), staleTime: 10_000, retry: false });
          if (earlier.length) {
            updateRow(key, { outcome: { kind: 'check' }, confirmed: false });
            return 'done';
          }
        }
        updateRow(key, { checked: true });
        const form = { ...EMPTY_PERSON, ...row, dateOfBirth: isoDate(row.dateOfBirth), ...current.current.arrival };
        const saved = await ok(
          api.POST('/api/v1/cases', {
            body: registrationBody(form),
            params: { header: { 'Idempotency-Key': row.key } },
          }),
        );
        updateRow(key, { outcome: { kind: 'saved', caseId: saved.id, caseNumber: saved.caseNumber } });
        return 'done';
      } catch (err) {
        // no answer, or a server that cannot take it now: the row stays as it is, to be sent again under its key
        if (!(err instanceof ApiFailure) || err.status === 503 || err.status === 429 || err.status === 401) {
          return 'network';
        }
        const problems = fieldProblems(err);
        const onArrival = (['category', 'point', 'arrivedAt', 'fromCountry'] as const).filter((f) => problems[f]);
        if (onArrival.length) {
          setArrivalProblems(problems);
          return 'arrival';
        }
        updateRow(key, { outcome: { kind: 'refused', code: err.code, problems } });
        return 'done';
      } finally {
        setSending((s) => {
          const next = new Set(s);
          next.delete(key);
          return next;
        });
      }
    },
    [queries, updateRow],
  );

  // A run: the rows left, a few at a time, until done or the network fails (then retried with backoff).
  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    window.clearTimeout(retryTimer.current);
    setOffline(false);
    setArrivalProblems({});
    commit((b) => ({ ...b, running: true }));
    const queue = current.current.rows.filter(isSendable).map((r) => r.key);
    let stop: 'network' | 'arrival' | null = null;
    const worker = async () => {
      while (!stop && queue.length) {
        const answer = await sendRow(queue.shift()!);
        if (answer !== 'done') stop = answer;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    running.current = false;
    if (stop === 'network') {
      setOffline(true);
      const wait = RETRY_MS[Math.min(attempts.current, RETRY_MS.length - 1)];
      attempts.current += 1;
      retryTimer.current = window.setTimeout(() => void run(), wait);
      return;
    }
    attempts.current = 0;
    commit((b) => ({ ...b, running: stop === 'arrival' ? false : b.rows.some(isSendable) }));
  }, [commit, sendRow]);

  // back online: try at once rather than at the next backoff
  useEffect(() => {
    const online = () => {
      if (offline) void run();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [offline, run]);
  useEffect(() => () => window.clearTimeout(retryTimer.current), []);

  // after Enter or Tab opened a row, its first cell takes the focus
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(`cell-${focusNext.current}-fullName`)?.focus();
    focusNext.current = null;
  });

  const rows = batch.rows;
  const typed = rows.filter((r) => !isEmpty(r));
  const saved = typed.filter(isSaved).length;
  const refused = typed.filter((r) => r.outcome?.kind === 'refused').length;
  const toCheck = typed.filter((r) => r.outcome?.kind === 'check').length;
  const left = typed.length - saved;
  const sendable = rows.filter(isSendable).length;
  const busy = sending.size > 0;
  const locked = rows.some(isSaved);
  // a tab closed (or reloaded) while a run was going: say so, and offer to resume
  const interrupted = batch.running && !busy && !offline && !running.current && sendable > 0;

  // the rows' handlers stay the same from one render to the next, so a keystroke redraws only its own row
  const setCell = useCallback(
    (key: string, column: Column, value: string) =>
      commit((b) => ({
        ...b,
        rows: b.rows.map((r) =>
          r.key === key ? { ...r, [column]: value, outcome: undefined, checked: false, confirmed: undefined } : r,
        ),
      })),
    [commit],
  );
  const confirmRow = useCallback(
    (key: string, yes: boolean) =>
      commit((b) => ({
        ...b,
        rows: b.rows.map((r) =>
          // ticked: a row held back for its earlier cases may go
          r.key === key
            ? { ...r, confirmed: yes, outcome: yes && r.outcome?.kind === 'check' ? undefined : r.outcome }
            : r,
        ),
      })),
    [commit],
  );

  const openRowAfter = useCallback(
    (index: number) => {
      const next = current.current.rows[index + 1];
      if (next) {
        document.getElementById(`cell-${next.key}-fullName`)?.focus();
        return;
      }
      const row = newRow();
      focusNext.current = row.key;
      commit((b) => ({ ...b, rows: [...b.rows, row] }));
    },
    [commit],
  );

  const onKeyDown = useCallback(
    (index: number, column: Column) => (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        openRowAfter(index);
      } else if (e.key === 'Tab' && !e.shiftKey && column === 'regency') {
        // the last row opens another, unless it is empty: then Tab leaves the table
        const rows = current.current.rows;
        if (index !== rows.length - 1 || isEmpty(rows[index]!)) return;
        e.preventDefault();
        openRowAfter(index);
      }
    },
    [openRowAfter],
  );

  // lines of tab-separated cells, from this cell on: each line a row, new rows added as needed
  const onPaste = useCallback(
    (index: number, column: Column) => (e: ClipboardEvent) => {
      const text = e.clipboardData.getData('text/plain');
      if (!/[\t\n]/.test(text.trim())) return;
      e.preventDefault();
      const lines = text
        .replace(/\r/g, '')
        .split('\n')
        .filter((l) => l.trim());
      const from = COLUMNS.indexOf(column);
      commit((b) => {
        const next = [...b.rows];
        let at = index;
        for (const line of lines) {
          // a saved row stays as it is: the line goes to the next one that is not
          while (next[at] && isSaved(next[at]!)) at += 1;
          const target: Row = { ...(next[at] ?? newRow()), outcome: undefined, checked: false, confirmed: undefined };
          line.split('\t').forEach((cell, j) => {
            const c = COLUMNS[from + j];
            if (c) target[c] = c === 'sex' ? sexOf(cell) : cell.trim();
          });
          next[at] = target;
          at += 1;
        }
        return { ...b, rows: next };
      });
    },
    [commit],
  );

  const finish = () => {
    localStorage.removeItem(storageKey(userId));
    const fresh = newBatch();
    current.current = fresh;
    setBatch(fresh);
    setArrivalProblems({});
  };

  const arrivalField = (name: keyof Arrival) => ({
    value: batch.arrival[name],
    error: arrivalProblems[name] ? t(`batch.problem.${name}`) : undefined,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      commit((b) => ({ ...b, arrival: { ...b.arrival, [name]: value } }));
      setArrivalProblems((p) => ({ ...p, [name]: undefined }));
    },
  });
  const arrivalChoice = (name: keyof Arrival) => ({
    value: batch.arrival[name] || null,
    error: arrivalProblems[name] ? t(`batch.problem.${name}`) : undefined,
    onChange: (v: string | null) => {
      commit((b) => ({ ...b, arrival: { ...b.arrival, [name]: v ?? '' } }));
      setArrivalProblems((p) => ({ ...p, [name]: undefined }));
    },
  });

  const header: Record<Column, string> = useMemo(
    () => ({
      fullName: t('case.name'),
      sex: t('case.sex'),
      dateOfBirth: t('case.born'),
      nationalId: t('case.nik'),
      passportNumber: t('case.passport'),
      province: t('register.province'),
      regency: t('register.regency'),
    }),
    [t],
  );

  return (
    <Stack>
      <RegistrationTitle title={t('batch.title')} to="/register" link={t('batch.single')} />
      <Text maw={900}>{t('batch.intro')}</Text>
      {locked ? (
        // the batch's arrival, fixed once a row is saved under it: one line, so the rows stay in sight
        <Paper withBorder p="sm" maw={900} component="section" aria-labelledby="batch-arrival">
          <Text size="sm">
            <Text span fw={700} id="batch-arrival">
              {t('register.arrival')}:
            </Text>{' '}
            {[
              t(`category.${batch.arrival.category}`),
              batch.arrival.point,
              batch.arrival.arrivedAt ? formatDateTime(new Date(batch.arrival.arrivedAt).toISOString()) : '',
              batch.arrival.fromCountry,
            ].join(' · ')}
          </Text>
          <Text size="xs" c="gray.7">
            {t('batch.arrivalLocked')}
          </Text>
        </Paper>
      ) : (
        <Stack maw={900} gap={4}>
          <ArrivalFields field={arrivalField} choice={arrivalChoice} />
          <Text size="sm" c="gray.7">
            {t('batch.shared')}
          </Text>
        </Stack>
      )}

      {(offline || interrupted) && (
        // the network failed (retried by itself), or the tab was closed mid-batch: either way, resume from here
        <Alert
          color={offline ? 'red' : 'yellow'}
          role={offline ? 'alert' : 'status'}
          title={offline ? t('error.NETWORK') : undefined}
          className={offline ? undefined : 'warning-panel'}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t(offline ? 'batch.offline' : 'batch.interrupted', { count: left })}</Text>
            <Button size="xs" onClick={() => void run()}>
              {t('batch.resume')}
            </Button>
          </Stack>
        </Alert>
      )}
      {Object.keys(arrivalProblems).length > 0 && (
        <Text c="red.9" role="alert">
          {t('batch.arrivalProblem')}
        </Text>
      )}

      <Stack gap={6} maw={900}>
        <Progress
          value={typed.length ? (saved / typed.length) * 100 : 0}
          aria-label={t('batch.progress')}
          size="lg"
          transitionDuration={200}
        />
        <Text role="status" size="sm">
          {t('batch.progressText', { saved, total: typed.length })}
          {refused > 0 && ` · ${t('batch.progressRefused', { count: refused })}`}
          {toCheck > 0 && ` · ${t('batch.progressCheck', { count: toCheck })}`}
          {typed.length > 0 && left === 0 && ` · ${t('batch.done', { count: saved })}`}
        </Text>
      </Stack>

      <Section id="batch-people" title={t('batch.people')}>
        <Table.ScrollContainer minWidth={1180}>
          <Table verticalSpacing={4} horizontalSpacing={6} className="batch-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('batch.row')}</Table.Th>
                <Table.Th scope="col" w={190}>
                  {t('batch.outcome')}
                </Table.Th>
                {COLUMNS.map((c) => (
                  <Table.Th key={c} scope="col">
                    {header[c]}
                    {c === 'dateOfBirth' && (
                      <Text span size="xs" c="gray.7" fw={400}>
                        {' '}
                        ({t('batch.bornHelp')})
                      </Text>
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <BatchRow
                  key={r.key}
                  row={r}
                  index={i}
                  header={header}
                  sending={sending.has(r.key)}
                  onCell={setCell}
                  onKeyDown={onKeyDown}
                  onPaste={onPaste}
                  onConfirm={confirmRow}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group mt="sm">
          <Button variant="default" onClick={() => openRowAfter(rows.length - 1)}>
            {t('batch.addRow')}
          </Button>
        </Group>
      </Section>

      <Group>
        <Button onClick={() => void run()} loading={busy} disabled={sendable === 0}>
          {sendable ? t('batch.send', { count: sendable }) : t('batch.nothingToSend')}
        </Button>
        <Button variant="default" onClick={finish} disabled={busy || left > 0}>
          {t('batch.finish')}
        </Button>
      </Group>
      <Text size="sm" c="gray.7">
        {t('batch.finishHelp')}
      </Text>
    </Stack>
  );
}

const BatchRow = memo(function BatchRow({
  row,
  index,
  header,
  sending,
  onCell,
  onKeyDown,
  onPaste,
  onConfirm,
}: {
  row: Row;
  index: number;
  header: Record<Column, string>;
  sending: boolean;
  onCell: (key: string, column: Column, value: string) => void;
  onKeyDown: (index: number, column: Column) => (e: KeyboardEvent) => void;
  onPaste: (index: number, column: Column) => (e: ClipboardEvent) => void;
  onConfirm: (key: string, yes: boolean) => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const outcome = row.outcome;
  // the live warning, while the row is typed and before it is first sent (once sent, it would find its own case)
  const earlier = useEarlierCases(row, !row.checked && !isSaved(row));
  const candidates = earlier.data ?? [];
  const problem = (c: Column) =>
    outcome?.kind === 'refused' && outcome.problems[c] ? t(`batch.problem.${c}`) : undefined;

  if (outcome?.kind === 'saved') {
    return (
      <Table.Tr>
        <Table.Td>{n}</Table.Td>
        <Table.Td>
          <Text size="sm">{t('batch.saved')}</Text>
          <Anchor component={Link} to={`/cases/${outcome.caseId}`} size="sm" className="case-number">
            {outcome.caseNumber}
          </Anchor>
        </Table.Td>
        {COLUMNS.map((c) => (
          <Table.Td key={c}>{c === 'sex' ? (row.sex ? t(`sex.${row.sex}`) : '') : row[c]}</Table.Td>
        ))}
      </Table.Tr>
    );
  }

  const cell = (c: Column) => ({
    id: `cell-${row.key}-${c}`,
    'aria-label': t('batch.cell', { column: header[c], row: n }),
    value: row[c],
    error: problem(c),
    readOnly: sending,
    onChange: (e: { currentTarget: { value: string } }) => onCell(row.key, c, e.currentTarget.value),
    onKeyDown: onKeyDown(index, c),
    onPaste: onPaste(index, c),
    size: 'xs' as const,
  });

  return (
    <Table.Tr>
      <Table.Td>{n}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text size="sm" c={outcome?.kind === 'refused' ? 'red.9' : undefined}>
            {sending
              ? t('batch.sending')
              : outcome?.kind === 'refused'
                ? `${t('batch.refused')}: ${codeText(t, outcome.code)}`
                : outcome?.kind === 'check'
                  ? t('batch.check')
                  : isEmpty(row)
                    ? ''
                    : t('batch.waiting')}
          </Text>
          {candidates.length > 0 && !row.checked && (
            <div className="warning-panel">
              <Text size="xs" fw={700}>
                {t('batch.earlier')}
              </Text>
              <EarlierCasesList cases={candidates} size="xs" />
              <Checkbox
                size="xs"
                mt={4}
                label={t('batch.confirm', { row: n })}
                checked={row.confirmed === true}
                onChange={(e) => onConfirm(row.key, e.currentTarget.checked)}
              />
            </div>
          )}
        </Stack>
      </Table.Td>
      {COLUMNS.map((c) => (
        <Table.Td key={c}>
          {c === 'sex' ? (
            <NativeSelect
              {...cell(c)}
              // "Perempuan" whole, not "Peremp…"
              miw={130}
              data={[
                { value: '', label: t('batch.choose') },
                { value: 'F', label: t('sex.F') },
                { value: 'M', label: t('sex.M') },
              ]}
            />
          ) : (
            <TextInput
              {...cell(c)}
              autoComplete="off"
              inputMode={c === 'nationalId' ? 'numeric' : undefined}
              placeholder={c === 'dateOfBirth' ? t('batch.bornHelp') : undefined}
            />
          )}
        </Table.Td>
      ))}
    </Table.Tr>
  );
});
