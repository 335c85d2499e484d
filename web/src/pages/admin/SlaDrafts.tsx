// The drafts of an SLA policy on the administrator's SLA page: copy the version in force of a province, edit every
// deadline in a table (amount and unit per step and tier), the reminders and the level-2 threshold, see the
// difference from the version in force, publish or delete. Every write names the revision it was made on.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaDuration } from '../../../../workflows/definition/sla-policy';
import { api, ok, type Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { useOfficeTimeZone } from '../../officeTimeZone';
import { STEP_IDS, TIERS } from '../../process';
import { AdminError } from './AdminError';
import { ConfirmDialog } from './ConfirmDialog';
import { ListTable, Scroll } from './Scroll';
import { SlaWhatIf } from './SlaWhatIf';

type T = ReturnType<typeof useTranslation>['t'];
type Draft = Schemas['SlaDraftDto'];
type Deadlines = Record<string, Record<string, SlaDuration | null>>;
// a cell as typed: the amount as text (an empty or wrong one is the API's to name), the unit or 'none'
type Cell = { amount: string; unit: string };

const UNITS = ['none', 'hours', 'days', 'workingDays', 'calendarDays'] as const;
// the rows of the table: the steps in order, the referral's two partner clocks under it
const KEYS = STEP_IDS.flatMap((s) => (s === 'REFERRAL' ? [s, 'REFERRAL_ACK', 'REFERRAL_DECISION'] : [s]));

const stepName = (t: T, key: string) =>
  key === 'REFERRAL_ACK' || key === 'REFERRAL_DECISION' ? t(`processPage.extraStep.${key}`) : t(`step.${key}`);
const durationText = (t: T, d: SlaDuration | null | undefined) =>
  d ? t(`processPage.unit.${d.unit}`, { count: d.amount }) : t('slaDrafts.unit.none');
const provinceName = (t: T, p: string) => (p === 'ID' ? t('admin.sla.national') : p);

// `province`: the one province a head of office drafts for (the API allows them no other): no choice is offered.
export function SlaDrafts({ province: only }: { province?: string }) {
  const { t } = useTranslation();
  const timeZone = useOfficeTimeZone(); // a head's office's; the default (WITA) for an administrator
  const client = useQueryClient();
  const drafts = useQuery({
    queryKey: ['admin', 'sla-drafts'],
    queryFn: () => ok(api.GET('/api/v1/sla-policies/drafts')),
  });
  const offices = useQuery({
    queryKey: ['admin', 'offices'],
    queryFn: () => ok(api.GET('/api/v1/offices')),
    enabled: !only,
  });
  const provinces = ['ID', ...new Set((offices.data ?? []).map((o) => o.province))];
  const [chosen, setProvince] = useState('ID');
  const province = only ?? chosen;
  const [openId, setOpenId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/sla-policies/drafts', { body: { province } })),
    onSuccess: async (d) => {
      setOpenId(d.id);
      await client.invalidateQueries({ queryKey: ['admin', 'sla-drafts'] });
    },
  });
  const open = drafts.data?.find((d) => d.id === openId);

  return (
    <Stack component="section" aria-labelledby="sla-drafts" gap="sm">
      <Title order={2} size="h3" id="sla-drafts">
        {t('slaDrafts.title')}
      </Title>
      <Text>{t('slaDrafts.intro')}</Text>
      <Group align="end">
        {!only && (
          <NativeSelect
            label={t('slaDrafts.province')}
            value={province}
            onChange={(e) => setProvince(e.currentTarget.value)}
            data={provinces.map((p) => ({ value: p, label: provinceName(t, p) }))}
          />
        )}
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {t('slaDrafts.create')}
        </Button>
      </Group>
      <AdminError error={create.error ?? drafts.error} />
      {drafts.data && drafts.data.length === 0 && <Text>{t('slaDrafts.none')}</Text>}
      {drafts.data && drafts.data.length > 0 && (
        <ListTable
          label={t('slaDrafts.list')}
          caption={t('slaDrafts.list')}
          columns={[
            t('admin.sla.province'),
            t('slaDrafts.base'),
            t('slaDrafts.revision'),
            t('slaDrafts.updated'),
            t('slaDrafts.status'),
            t('admin.actions'),
          ]}
        >
          {drafts.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{provinceName(t, d.province)}</Table.Td>
              <Table.Td>{d.baseVersion}</Table.Td>
              <Table.Td>{d.revision}</Table.Td>
              <Table.Td>
                {formatDateTime(d.updatedAt, timeZone)} · {d.updatedBy}
              </Table.Td>
              <Table.Td>
                {d.publishedVersion
                  ? t('slaDrafts.publishedAs', { version: d.publishedVersion })
                  : t('slaDrafts.draft')}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant={d.id === openId ? 'filled' : 'default'}
                  aria-pressed={d.id === openId}
                  aria-label={t('slaDrafts.openOf', {
                    province: provinceName(t, d.province),
                    revision: d.revision,
                  })}
                  onClick={() => setOpenId(d.id)}
                >
                  {t('slaDrafts.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      {open && <DraftEditor key={`${open.id}-${open.revision}`} draft={open} onGone={() => setOpenId(null)} />}
    </Stack>
  );
}

function cellsOf(deadlines: Deadlines): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const key of KEYS)
    for (const tier of TIERS) {
      const d = deadlines[key]?.[tier];
      out[`${key}.${tier}`] = d ? { amount: String(d.amount), unit: d.unit } : { amount: '', unit: 'none' };
    }
  return out;
}

// the table as the API takes it: a number where one was typed (else the text, for the API to name), null for 'none'
function deadlinesOf(cells: Record<string, Cell>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of KEYS) {
    out[key] = {};
    for (const tier of TIERS) {
      const c = cells[`${key}.${tier}`]!;
      const n = Number(c.amount);
      out[key][tier] =
        c.unit === 'none' ? null : { amount: c.amount.trim() && Number.isFinite(n) ? n : c.amount, unit: c.unit };
    }
  }
  return out;
}

function DraftEditor({ draft, onGone }: { draft: Draft; onGone: () => void }) {
  const { t } = useTranslation();
  const timeZone = useOfficeTimeZone(); // a head's office's; the default (WITA) for an administrator
  const client = useQueryClient();
  const [cells, setCells] = useState(() => cellsOf(draft.deadlines as Deadlines));
  const [reminders, setReminders] = useState(draft.reminderPercents.join(', '));
  const [level2, setLevel2] = useState(String(draft.level2Percent));
  const [confirm, setConfirm] = useState(draft.tierInversions.length > 0);
  const [asking, setAsking] = useState<'publish' | 'delete' | null>(null);
  const readOnly = Boolean(draft.publishedVersion);
  const path = { params: { path: { id: draft.id } } };
  const province = provinceName(t, draft.province);
  const diff = useQuery({
    queryKey: ['admin', 'sla-drafts', draft.id, 'diff', draft.revision],
    queryFn: () => ok(api.GET('/api/v1/sla-policies/drafts/{id}/diff', path)),
    enabled: !readOnly,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['admin', 'sla-drafts'] });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/v1/sla-policies/drafts/{id}', {
          ...path,
          body: {
            revision: draft.revision,
            deadlines: deadlinesOf(cells),
            reminderPercents: reminders
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean)
              // a word is no number: sent as null, which the API names
              .map(Number),
            level2Percent: level2.trim() ? Number(level2) : Number.NaN,
            confirmTierInversions: confirm,
          },
        }),
      ),
    onSuccess: refresh,
  });
  const publish = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/sla-policies/drafts/{id}/publish', { ...path, body: { revision: draft.revision } })),
    onSuccess: async () => {
      setAsking(null);
      await client.invalidateQueries({ queryKey: ['admin', 'sla'] });
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/sla-policies/drafts/{id}', path)),
    onSuccess: async () => {
      setAsking(null);
      onGone();
      await refresh();
    },
  });
  // a failed save keeps what was typed; a new revision (this component's key) starts from the stored draft
  useEffect(() => save.reset, [save.reset]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Stack component="section" aria-labelledby="sla-draft-open" gap="sm">
      <Title order={3} size="h4" id="sla-draft-open">
        {t('slaDrafts.editing', { province, revision: draft.revision })}
      </Title>
      {readOnly && (
        // the title in near-black: Mantine's teal title on the teal ground is below WCAG AA contrast
        <Alert
          color="teal"
          role="status"
          title={
            <Text span fw={700} c="dark.9">
              {t('slaDrafts.published', {
                version: draft.publishedVersion,
                when: formatDateTime(draft.publishedAt!, timeZone),
              })}
            </Text>
          }
        />
      )}
      <form onSubmit={submit} aria-labelledby="sla-draft-open">
        <Stack gap="sm">
          <Scroll label={t('slaDrafts.editing', { province, revision: draft.revision })}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('processPage.stepColumn')}</Table.Th>
                  {TIERS.map((tier) => (
                    <Table.Th key={tier} scope="col">
                      {t(`tier.${tier}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {KEYS.map((key) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row">{stepName(t, key)}</Table.Th>
                    {TIERS.map((tier) => {
                      const id = `${key}.${tier}`;
                      const c = cells[id]!;
                      const names = { step: stepName(t, key), tier: t(`tier.${tier}`) };
                      const set = (change: Partial<Cell>) => setCells((all) => ({ ...all, [id]: { ...c, ...change } }));
                      return (
                        <Table.Td key={tier}>
                          <Group gap={4} wrap="nowrap">
                            <TextInput
                              aria-label={t('slaDrafts.amountOf', names)}
                              inputMode="numeric"
                              w={64}
                              size="xs"
                              value={c.amount}
                              disabled={readOnly || c.unit === 'none'}
                              onChange={(e) => set({ amount: e.currentTarget.value })}
                            />
                            <NativeSelect
                              aria-label={t('slaDrafts.unitOf', names)}
                              size="xs"
                              value={c.unit}
                              disabled={readOnly}
                              onChange={(e) => set({ unit: e.currentTarget.value })}
                              data={UNITS.map((u) => ({ value: u, label: t(`slaDrafts.unit.${u}`) }))}
                            />
                          </Group>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Scroll>
          <Group align="start" grow>
            <TextInput
              label={t('slaDrafts.reminders')}
              description={t('slaDrafts.remindersHelp')}
              value={reminders}
              disabled={readOnly}
              onChange={(e) => setReminders(e.currentTarget.value)}
            />
            <TextInput
              label={t('slaDrafts.level2')}
              description={t('slaDrafts.level2Help')}
              inputMode="numeric"
              value={level2}
              disabled={readOnly}
              onChange={(e) => setLevel2(e.currentTarget.value)}
            />
          </Group>
          <Text size="sm" c="gray.7">
            {t('slaDrafts.workflowNote')}
          </Text>
          {!readOnly && (
            <>
              <Checkbox
                label={t('slaDrafts.confirmInversions')}
                checked={confirm}
                onChange={(e) => setConfirm(e.currentTarget.checked)}
              />
              <AdminError error={save.error} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('slaDrafts.save')}
                </Button>
                <Button variant="default" onClick={() => setAsking('publish')}>
                  {t('slaDrafts.publish')}
                </Button>
                <Button variant="default" color="red" onClick={() => setAsking('delete')}>
                  {t('slaDrafts.remove')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
      {diff.data && <DiffTable diff={diff.data} />}
      {!readOnly && <SlaWhatIf draftId={draft.id} />}
      <ConfirmDialog
        title={t('slaDrafts.publishTitle', { province })}
        text={t('slaDrafts.publishText', { province })}
        confirm={t('slaDrafts.publish')}
        opened={asking === 'publish'}
        busy={publish.isPending}
        error={publish.error}
        onConfirm={() => publish.mutate()}
        onClose={() => setAsking(null)}
      />
      <ConfirmDialog
        title={t('slaDrafts.removeTitle', { province })}
        text={t('slaDrafts.removeText')}
        confirm={t('slaDrafts.remove')}
        opened={asking === 'delete'}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setAsking(null)}
      />
    </Stack>
  );
}

function DiffTable({ diff }: { diff: Schemas['SlaDraftDiffDto'] }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="sla-draft-diff" gap="xs">
      <Title order={3} size="h4" id="sla-draft-diff">
        {t('slaDrafts.diff', { version: diff.inForceVersion })}
      </Title>
      {diff.deadlines.length === 0 && !diff.reminderPercents.changed && !diff.level2Percent.changed && (
        <Text>{t('slaDrafts.noChange')}</Text>
      )}
      {diff.deadlines.length > 0 && (
        <Scroll label={t('slaDrafts.diff', { version: diff.inForceVersion })}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('slaDrafts.step')}</Table.Th>
                <Table.Th scope="col">{t('slaDrafts.tier')}</Table.Th>
                <Table.Th scope="col">{t('slaDrafts.before')}</Table.Th>
                <Table.Th scope="col">{t('slaDrafts.after')}</Table.Th>
                <Table.Th scope="col">{t('slaDrafts.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.deadlines.map((c) => (
                <Table.Tr key={`${c.step}.${c.tier}`}>
                  <Table.Th scope="row">{stepName(t, c.step)}</Table.Th>
                  <Table.Td>{t(`tier.${c.tier}`)}</Table.Td>
                  <Table.Td>{durationText(t, c.old as SlaDuration | null)}</Table.Td>
                  <Table.Td>{durationText(t, c.new as SlaDuration | null)}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={c.direction === 'shorter' || c.direction === 'added' ? 'red.9' : 'blue.9'}
                    >
                      {t(`slaDrafts.direction.${c.direction}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Scroll>
      )}
      {diff.reminderPercents.changed && (
        <Text>
          {t('slaDrafts.remindersChange', {
            old: diff.reminderPercents.old.map((p) => `${p} %`).join(', '),
            new: diff.reminderPercents.new.map((p) => `${p} %`).join(', '),
          })}
        </Text>
      )}
      {diff.level2Percent.changed && (
        <Text>{t('slaDrafts.level2Change', { old: diff.level2Percent.old, new: diff.level2Percent.new })}</Text>
      )}
    </Stack>
  );
}
