// The escalation queue of a supervisor or a head: the office's open escalations, longest waiting first, each
// resolved in a dialog (take over, extend with a reason and a new deadline, acknowledge with a reason).
import {
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { TierBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { elapsed, formatDateTime } from '../format';
import { useNow } from '../useNow';

type Escalation = Schemas['EscalationDto'];
type Resolution = 'TAKE_OVER' | 'EXTEND' | 'ACKNOWLEDGE';

export function Escalations() {
  const { t } = useTranslation();
  const now = useNow();
  const [open, setOpen] = useState<Escalation | null>(null);
  const list = useQuery({
    queryKey: ['escalations'],
    queryFn: () => ok(api.GET('/api/v1/escalations', { params: { query: { status: 'OPEN', limit: 200 } } })),
    refetchInterval: 60_000,
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('escalations.title')}
      </Title>
      <ErrorNotice error={list.error} />
      {list.isPending ? (
        <Loader aria-label="…" />
      ) : items.length === 0 ? (
        <Text>{t('escalations.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inbox.case')}</Table.Th>
                <Table.Th>{t('escalations.level')}</Table.Th>
                <Table.Th>{t('escalations.why')}</Table.Th>
                <Table.Th>{t('inbox.step')}</Table.Th>
                <Table.Th>{t('inbox.tier')}</Table.Th>
                <Table.Th>{t('escalations.waiting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Anchor component={Link} to={`/cases/${e.caseId}`} style={{ whiteSpace: 'nowrap' }}>
                        {e.caseNumber}
                      </Anchor>
                      <Button size="xs" onClick={() => setOpen(e)}>
                        {t('escalations.resolve')}
                      </Button>
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t('case.level', { level: e.level })}</Table.Td>
                  <Table.Td>{t(`escalations.kind.${e.kind}`, { defaultValue: e.reason })}</Table.Td>
                  <Table.Td>{t(`step.${e.step}`)}</Table.Td>
                  <Table.Td>
                    <TierBadge tier={e.riskTier} />
                  </Table.Td>
                  <Table.Td>{elapsed(e.openedAt, now)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <ResolveDialog escalation={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function ResolveDialog({ escalation, onClose }: { escalation: Escalation; onClose: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [resolution, setResolution] = useState<Resolution>('TAKE_OVER');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  // one key per dialog: a retry or a double click resolves once
  const key = useRef(crypto.randomUUID());
  const resolve = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/escalations/{id}/resolve', {
          params: { path: { id: escalation.id }, header: { 'Idempotency-Key': key.current } },
          body: {
            resolution,
            reason: reason.trim(),
            ...(resolution === 'EXTEND' && until ? { newDueAt: new Date(until).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['escalations'] });
      await queries.invalidateQueries({ queryKey: ['inbox'] });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={`${t('escalations.resolve')}: ${escalation.caseNumber}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          resolve.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {t(`escalations.kind.${escalation.kind}`, { defaultValue: escalation.reason })} ·{' '}
            {formatDateTime(escalation.openedAt)}
          </Text>
          <Radio.Group label={t('escalations.how')} value={resolution} onChange={(v) => setResolution(v as Resolution)}>
            <Stack gap="xs" mt="xs">
              <Radio value="TAKE_OVER" label={t('escalations.TAKE_OVER')} />
              <Radio value="EXTEND" label={t('escalations.EXTEND')} />
              <Radio value="ACKNOWLEDGE" label={t('escalations.ACKNOWLEDGE')} />
            </Stack>
          </Radio.Group>
          {resolution === 'EXTEND' && (
            <TextInput
              type="datetime-local"
              label={t('escalations.newDue')}
              required
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={t('escalations.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ErrorNotice error={resolve.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('escalations.cancel')}
            </Button>
            <Button type="submit" loading={resolve.isPending}>
              {t('escalations.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
