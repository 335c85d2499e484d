// The step and tier filters of the inbox and the cases list, with their values in words.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STEP_IDS, TIERS } from '../process';

export type StepId = (typeof STEP_IDS)[number];
export type Tier = (typeof TIERS)[number];

type Props<T> = { value: T | null; onChange: (value: T | null) => void };

export function StepFilter({ value, onChange }: Props<StepId>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('inbox.filterStep')}
      placeholder={t('inbox.all')}
      clearable
      value={value}
      onChange={(v) => onChange(v as StepId | null)}
      data={STEP_IDS.map((s) => ({ value: s, label: t(`step.${s}`) }))}
    />
  );
}

export function TierFilter({ value, onChange }: Props<Tier>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('inbox.filterTier')}
      placeholder={t('inbox.all')}
      clearable
      value={value}
      onChange={(v) => onChange(v as Tier | null)}
      data={TIERS.map((s) => ({ value: s, label: t(`tier.${s}`) }))}
    />
  );
}
