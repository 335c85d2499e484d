// One dialog per resolution of an escalation, with only the fields that resolution takes: the caseworker by name
// (reassign), the new deadline in the office's time (extend), and always the reason. One idempotency key per
// dialog, so a double click or a retry resolves once; the API's 422 lands on its field, its 409 (someone else was
// quicker) is said in words.
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, ok, type Schemas } from '../api/client';
import { formatDateTime, zoneName, zonedInstant } from '../format';
import { useOfficeTimeZone } from '../officeTimeZone';
import { ErrorNotice } from './ErrorNotice';

export const RESOLUTIONS = ['REASSIGN', 'EXTEND', 'TAKE_OVER', 'ACKNOWLEDGE'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
type Field = 'assigneeId' | 'newDueAt' | 'reason';

// The fields the API named in its 422.
function fieldsOf(err: unknown): Field[] {
  if (!(err instanceof ApiFailure) || err.status !== 422 || !Array.isArray(err.body.details)) return [];
  return (err.body.details as { field?: string }[])
    .map((d) => d.field)
    .filter((f): f is Field => f === 'assigneeId' || f === 'newDueAt' || f === 'reason');
}

type Props = {
  escalation: Schemas['EscalationDto'];
  resolution: Resolution;
  onClose: (done?: string) => void;
};

export function ResolveDialog({ escalation, resolution, onClose }: Props) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const zone = useOfficeTimeZone();
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  // one key per dialog: a retry or a double click resolves once
  const key = useRef(crypto.randomUUID());
  const staff = useQuery({
    queryKey: ['staff', 'CASEWORKER'],
    queryFn: () => ok(api.GET('/api/v1/staff', { params: { query: { role: 'CASEWORKER' } } })),
    enabled: resolution === 'REASSIGN',
  });
  const resolve = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/escalations/{id}/resolve', {
          params: { path: { id: escalation.id }, header: { 'Idempotency-Key': key.current } },
          body: {
            resolution,
            reason: reason.trim(),
            ...(resolution === 'REASSIGN' && assigneeId ? { assigneeId } : {}),
            ...(resolution === 'EXTEND' ? { newDueAt: zonedInstant(until, zone) ?? until } : {}),
          },
        }),
      ),
    onSuccess: async (answer) => {
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['escalations'] }),
        queries.invalidateQueries({ queryKey: ['inbox'] }),
        queries.invalidateQueries({ queryKey: ['case', escalation.caseId] }),
      ]);
      const name = staff.data?.items.find((s) => s.id === assigneeId)?.displayName ?? '';
      onClose(
        t(`supervision.resolve.done.${resolution}`, {
          caseNumber: escalation.caseNumber,
          name,
          due: formatDateTime(answer.case.dueAt, zone),
        }),
      );
    },
    onError: async (err) => {
      if (err instanceof ApiFailure && err.status === 409) {
        await queries.invalidateQueries({ queryKey: ['escalations'] });
      }
    },
  });

  const wrong = new Set(fieldsOf(resolve.error));
  const problem = (f: Field) => missing[f] ?? (wrong.has(f) ? t(`supervision.resolve.field.${f}`) : undefined);
  const taken = resolve.error instanceof ApiFailure && resolve.error.status === 409;

  const submit = () => {
    if (resolve.isPending) return;
    const blank: Partial<Record<Field, string>> = {};
    if (resolution === 'REASSIGN' && !assigneeId) blank.assigneeId = t('supervision.resolve.field.assigneeId');
    if (resolution === 'EXTEND' && !zonedInstant(until, zone)) {
      blank.newDueAt = t('supervision.resolve.field.newDueMissing');
    }
    if (!reason.trim()) blank.reason = t('supervision.resolve.field.reason');
    setMissing(blank);
    if (Object.keys(blank).length === 0) resolve.mutate();
  };

  const caseworkers = (staff.data?.items ?? []).filter((s) => s.active);
  return (
    <Modal
      opened
      onClose={() => onClose()}
      returnFocus={false}
      closeButtonProps={{ 'aria-label': t('supervision.resolve.cancel') }}
      title={t(`supervision.resolve.titles.${resolution}`, { caseNumber: escalation.caseNumber })}
      size="lg"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm">
            {t(`escalations.kind.${escalation.kind}`, { defaultValue: escalation.reason })} ·{' '}
            {formatDateTime(escalation.openedAt, zone)}
          </Text>
          <Text size="sm">{t(`supervision.resolve.intro.${resolution}`)}</Text>
          {resolution === 'REASSIGN' && (
            <Select
              label={t('supervision.resolve.assignee')}
              placeholder={t('supervision.resolve.assigneePlaceholder')}
              withAsterisk
              searchable
              data={caseworkers.map((s) => ({ value: s.id, label: s.displayName }))}
              nothingFoundMessage={t('supervision.resolve.noStaff')}
              value={assigneeId}
              onChange={setAssigneeId}
              error={problem('assigneeId')}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          {resolution === 'EXTEND' && (
            <TextInput
              type="datetime-local"
              label={t('supervision.resolve.newDue', { zone: zoneName(zone) })}
              description={t('supervision.resolve.newDueHelp')}
              withAsterisk
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
              error={problem('newDueAt')}
            />
          )}
          <Textarea
            label={t('supervision.resolve.reason')}
            withAsterisk
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problem('reason')}
          />
          {taken ? (
            <Alert color="red" role="alert" title={t('supervision.resolve.taken')} />
          ) : wrong.size === 0 ? (
            <ErrorNotice error={resolve.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('supervision.resolve.cancel')}
            </Button>
            <Button type="submit" loading={resolve.isPending} disabled={taken}>
              {t(`supervision.resolve.submit.${resolution}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
