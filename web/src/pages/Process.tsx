// The process as Rujukan runs it: the step diagram (the Mermaid text the API serves, its boxes and arrows relabelled
// in the user's language), the steps as an ordered list (the diagram's text alternative), and the SLA policy in force
// with its monitoring schedule and version. Mermaid is large: it is imported only here, when the page is opened, so
// the console's first script stays small.
import { Alert, Grid, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Section } from '../components/Section';
import { SlaTable, type SlaDeadlines } from '../components/SlaTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { TIERS } from '../process';

type T = ReturnType<typeof useTranslation>['t'];
type Definition = {
  steps: { id: string; order: number }[];
  // per step (and the referral's partner clocks) and tier: a duration, or null where it does not apply
  slaPolicy: { version: string; deadlines: SlaDeadlines };
  monitoringScheduleDays: Record<string, number[]>;
  mermaid: string;
};

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
                <SlaTable deadlines={d.slaPolicy.deadlines} labelledBy="process-sla" steps={d.steps} />
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
