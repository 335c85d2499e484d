// The deadlines of an SLA policy as a table of step × risk tier in words ("4 jam", "3 hari kerja", "tidak
// berlaku"), the referral's two partner clocks under the referral step; on a phone it scrolls sideways in a region
// the keyboard reaches. The process page and the administrator's SLA page show it alike.
import { Box, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SlaDuration } from '../../../workflows/definition/sla-policy';
import { STEP_IDS, TIERS } from '../process';

type T = ReturnType<typeof useTranslation>['t'];
export type SlaDeadlines = Record<string, Record<string, SlaDuration | null> | undefined>;

// the referral step's two partner clocks, shown under it
const PARTNER_CLOCKS = ['REFERRAL_ACK', 'REFERRAL_DECISION'] as const;

// "4 jam", "3 hari kerja", "tidak berlaku"
function deadlineText(t: T, step: string, d: SlaDuration | null | undefined): string {
  if (d) return t(`processPage.unit.${d.unit}`, { count: d.amount });
  if (step === 'MONITORING') return t('processPage.bySchedule');
  if (step === 'CLOSURE') return t('processPage.noDeadline');
  return t('processPage.notApplicable');
}

export function SlaTable({
  deadlines,
  labelledBy,
  steps = STEP_IDS.map((id, i) => ({ id, order: i + 1 })),
}: {
  deadlines: SlaDeadlines;
  labelledBy: string;
  steps?: readonly { id: string; order: number }[];
}) {
  const { t } = useTranslation();
  const rows = steps.flatMap((s) => [
    { key: s.id, label: `${s.order}. ${t(`step.${s.id}`)}` },
    ...(s.id === 'REFERRAL' ? PARTNER_CLOCKS.map((k) => ({ key: k, label: t(`processPage.extraStep.${k}`) })) : []),
  ]);
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby={labelledBy}>
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
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={PARTNER_CLOCKS.includes(r.key as never) ? 400 : 600}>
                {r.label}
              </Table.Th>
              {TIERS.map((tier) => (
                <Table.Td key={tier}>{deadlineText(t, r.key, deadlines[r.key]?.[tier])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
