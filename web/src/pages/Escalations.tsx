// The escalation queue of a supervisor or a head: the office's open escalations, longest waiting first, each
// resolved in a dialog of its own: reassign to a named caseworker, extend with a reason and a new deadline in the
// office's time, take over, or acknowledge with a reason. Focus goes back to the row's button when a dialog is
// closed, and to the page's heading (with the outcome in words) when it resolved the escalation.
import { Alert, Anchor, Button, Menu, Stack, Table, Text, Title, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { TierBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { RESOLUTIONS, ResolveDialog, type Resolution } from '../components/ResolveDialog';
import { elapsed } from '../format';
import { useNow } from '../useNow';

type Escalation = Schemas['EscalationDto'];

// A handover waiting for the receiving office's decision is extended or acknowledged, never reassigned (the API
// refuses it); a level 2 is the head's.
function resolutionsFor(e: Escalation, role: string | undefined): Resolution[] {
  if (e.level === 2 && role !== 'HEAD') return [];
  if (e.kind === 'TRANSFER_APPROVAL') return ['EXTEND', 'ACKNOWLEDGE'];
  return [...RESOLUTIONS];
}

export function Escalations() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const now = useNow();
  const [open, setOpen] = useState<{ escalation: Escalation; resolution: Resolution } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useQuery({
    queryKey: ['escalations'],
    queryFn: () => ok(api.GET('/api/v1/escalations', { params: { query: { status: 'OPEN', limit: 200 } } })),
    refetchInterval: 60_000,
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));

  const close = (done?: string) => {
    const id = open?.escalation.id;
    setOpen(null);
    if (done) setOutcome(done);
    // after the modal has let go of the focus
    requestAnimationFrame(() => (done ? heading.current : id ? triggers.current.get(id) : null)?.focus());
  };

  return (
    <Stack>
      <Title order={1} size="h2" ref={heading} tabIndex={-1}>
        {t('escalations.title')}
      </Title>
      {outcome && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel={t('supervision.resolve.dismiss')}
          onClose={() => setOutcome(null)}
          c="dark.9"
        >
          {outcome}
        </Alert>
      )}
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
              {items.map((e) => {
                const choices = resolutionsFor(e, user?.role);
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Anchor component={Link} to={`/cases/${e.caseId}`} style={{ whiteSpace: 'nowrap' }}>
                          {e.caseNumber}
                        </Anchor>
                        {choices.length === 0 ? (
                          <Text size="xs">{t('supervision.resolve.headOnly')}</Text>
                        ) : (
                          <Menu position="bottom-start" withinPortal>
                            <Menu.Target>
                              <Button
                                size="xs"
                                aria-label={t('supervision.resolve.menu', { caseNumber: e.caseNumber })}
                                ref={(el) => {
                                  if (el) triggers.current.set(e.id, el);
                                  else triggers.current.delete(e.id);
                                }}
                              >
                                {t('escalations.resolve')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {choices.map((r) => (
                                <Menu.Item key={r} onClick={() => setOpen({ escalation: e, resolution: r })}>
                                  {t(`supervision.resolve.${r}`)}
                                </Menu.Item>
                              ))}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('case.level', { level: e.level })}</Table.Td>
                    <Table.Td>{t(`escalations.kind.${e.kind}`, { defaultValue: e.reason })}</Table.Td>
                    <Table.Td>{t(`step.${e.step}`)}</Table.Td>
                    <Table.Td>
                      <TierBadge tier={e.riskTier} />
                    </Table.Td>
                    <Table.Td>{elapsed(e.openedAt, now)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <ResolveDialog escalation={open.escalation} resolution={open.resolution} onClose={close} />}
    </Stack>
  );
}
