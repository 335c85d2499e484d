// The process as Rujukan runs it: the step diagram (the Mermaid text the API serves, its boxes and arrows relabelled
// in the user's language), the steps as an ordered list (the diagram's text alternative), and the SLA policy in force
// with its monitoring schedule and version. Mermaid is large: it is imported only here, when the page is opened, so
// the console's first script stays small.
import { Alert, Box, Grid, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaDuration } from '../../../workflows/definition/sla-policy';
import { api, ok } from '../api/client';
import { Section } from '../components/Section';
import { ErrorNotice } from '../components/ErrorNotice';
import { TIERS } from '../process';

type T = ReturnType<typeof useTranslation>['t'];
type Definition = {
  steps: { id: string; order: number }[];
  // per step (and the referral's partner clocks) and tier: a duration, or null where it does not apply
  slaPolicy: { version: string; deadlines: Record<string, Record<string, SlaDuration | null> | undefined> };
  monitoringScheduleDays: Record<string, number[]>;
  mermaid: string;
};

// the referral step's two partner clocks, shown under it
const PARTNER_CLOCKS = ['REFERRAL_ACK', 'REFERRAL_DECISION'] as const;

// The API's diagram with the steps' names and the arrows' conditions in the user's language: a node `ID["…"]` of a
// known step gets its order and name, a quoted arrow label its words (a label without words stays as served).
export function localDiagram(mermaid: string, steps: Definition['steps'], t: T): string {
  const order = new Map(steps.map((s) => [s.id, s.order]));
  // a label may hold ':' ('reintegration (LOW: on request)'), which i18next would read as a namespace
  const edges = t('processPage.edge', { returnObjects: true, nsSeparator: false }) as Record<string, string>;
  const safe = (text: string) => text.replace(/"/g, "'");
  return mermaid
    .split('\n')
    .map((line) => {
      const node = /^(\s*)([A-Z_]+)\["[^"]*"\]\s*$/.exec(line);
      if (node && order.has(node[2]!)) {
        return `${node[1]}${node[2]}["${order.get(node[2]!)}. ${safe(t(`step.${node[2]}`))}"]`;
      }
      return line.replace(/"([^"]*)"/g, (quoted, label: string) => (edges[label] ? `"${safe(edges[label])}"` : quoted));
    })
    .join('\n');
}

// "4 jam", "3 hari kerja", "tidak berlaku"
function deadlineText(t: T, step: string, d: SlaDuration | null | undefined): string {
  if (d) return t(`processPage.unit.${d.unit}`, { count: d.amount });
  if (step === 'MONITORING') return t('processPage.bySchedule');
  if (step === 'CLOSURE') return t('processPage.noDeadline');
  return t('processPage.notApplicable');
}

function Diagram({ text }: { text: string }) {
  const { t } = useTranslation();
  const id = useId().replace(/[^a-zA-Z0-9]/g, '');
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { default: mermaid } = await import('mermaid');
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
        const { svg: drawn } = await mermaid.render(`process-${id}-${Date.now()}`, text);
        if (live) setSvg(drawn);
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [id, text]);
  if (failed) return <Text>{t('processPage.diagramFailed')}</Text>;
  if (!svg) return <Loader size="sm" aria-label={t('processPage.loadingDiagram')} />;
  return (
    // wider than a phone: scrolled in its box, which Tab reaches (to scroll it with the arrow keys)
    <div className="diagram-scroll" tabIndex={0} role="region" aria-label={t('processPage.diagram')}>
      <div
        role="img"
        aria-label={t('processPage.diagramAlt')}
        className="process-diagram"
        // mermaid's own output, drawn with securityLevel 'strict' from the API's text
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    </div>
  );
}

export function Process() {
  const { t } = useTranslation();
  const definition = useQuery({
    queryKey: ['process-definition'],
    queryFn: async () => (await ok(api.GET('/api/v1/process-definition'))) as unknown as Definition,
    staleTime: 5 * 60_000,
  });
  const d = definition.data;
  const slaRows = d
    ? d.steps.flatMap((s) => [
        { key: s.id, label: `${s.order}. ${t(`step.${s.id}`)}` },
        ...(s.id === 'REFERRAL' ? PARTNER_CLOCKS.map((k) => ({ key: k, label: t(`processPage.extraStep.${k}`) })) : []),
      ])
    : [];

  return (
    <Stack maw={1400}>
      <Title order={1} size="h2">
        {t('processPage.title')}
      </Title>
      <Text>{t('processPage.intro')}</Text>
      <ErrorNotice error={definition.error} />
      {definition.isPending && <Loader aria-label={t('processPage.loadingDiagram')} />}
      {d && (
        // on a wide screen the (tall) diagram beside the steps and their deadlines
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Section id="process-diagram" title={t('processPage.diagram')}>
              <Diagram text={localDiagram(d.mermaid, d.steps, t)} />
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <Paper withBorder p="md" component="section" aria-labelledby="process-sla">
                <Title order={2} size="h4" id="process-sla">
                  {t('processPage.sla')}
                </Title>
                <Text size="sm" c="gray.7" mb="sm">
                  {t('processPage.version', { version: d.slaPolicy.version })}
                </Text>
                {/* on a phone the table scrolls sideways: a region the keyboard can reach and scroll */}
                <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="process-sla">
                  <Table striped withTableBorder>
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
                      {slaRows.map((r) => (
                        <Table.Tr key={r.key}>
                          <Table.Th scope="row" fw={PARTNER_CLOCKS.includes(r.key as never) ? 400 : 600}>
                            {r.label}
                          </Table.Th>
                          {TIERS.map((tier) => (
                            <Table.Td key={tier}>
                              {deadlineText(t, r.key, d.slaPolicy.deadlines[r.key]?.[tier])}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Box>
                <Alert color="gray" mt="sm" variant="light">
                  <Text size="sm">{t('processPage.clockNote')}</Text>
                </Alert>
              </Paper>

              <Section id="process-monitoring" title={t('processPage.monitoring')}>
                <Table withTableBorder>
                  <Table.Tbody>
                    {TIERS.map((tier) => (
                      <Table.Tr key={tier}>
                        <Table.Th scope="row">{t(`tier.${tier}`)}</Table.Th>
                        <Table.Td>
                          {t('processPage.monitoringDays', { days: (d.monitoringScheduleDays[tier] ?? []).join(', ') })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Section>
              <Section id="process-steps" title={t('processPage.steps')}>
                <List type="ordered" spacing={4}>
                  {d.steps.map((s) => (
                    <List.Item key={s.id}>
                      <Text span fw={600}>
                        {t(`step.${s.id}`)}
                      </Text>{' '}
                      · {t('processPage.who')}: {t(`processPage.actor.${s.id}`)}
                    </List.Item>
                  ))}
                </List>
              </Section>
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
