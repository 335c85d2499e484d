import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Colours that keep WCAG AA contrast for small text: dark words on a light tint, or white on the darkest red.
const TINT: Record<string, string> = { HIGH: 'red', MEDIUM: 'orange', LOW: 'teal', ON_TIME: 'teal', AT_RISK: 'orange' };
// the whole words, in sentence case, never cut off
const WHOLE = { tt: 'none', miw: 'max-content' } as const;

function Tinted({ tint, strong, children }: { tint: string | undefined; strong: boolean; children: string }) {
  if (strong) {
    return (
      <Badge color="red.9" variant="filled" {...WHOLE}>
        {children}
      </Badge>
    );
  }
  return (
    <Badge color={tint ?? 'gray'} variant="light" c="dark.9" {...WHOLE}>
      {children}
    </Badge>
  );
}

// Each badge carries the words, never only the colour.
export function TierBadge({ tier }: { tier: string | null | undefined }) {
  const { t } = useTranslation();
  if (!tier)
    return (
      <Tinted tint="gray" strong={false}>
        {t('tier.none')}
      </Tinted>
    );
  return (
    <Tinted tint={TINT[tier]} strong={tier === 'HIGH'}>
      {t(`tier.${tier}`)}
    </Tinted>
  );
}

export function SlaBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tinted tint={TINT[state]} strong={state === 'OVERDUE'}>
      {t(`sla.${state}`)}
    </Tinted>
  );
}
