// A table row's buttons: small, side by side, each named with the row it acts on for a screen reader ("Ubah BP3MI
// Sulawesi Tengah"), since "Ubah" alone repeats down the column.
import { Button, Group } from '@mantine/core';

export type RowAction = { label: string; ariaLabel: string; onClick: () => void; loading?: boolean; color?: string };

export function RowActions({ actions }: { actions: RowAction[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {actions.map((a) => (
        <Button
          key={a.label}
          size="compact-sm"
          variant="default"
          color={a.color}
          loading={a.loading}
          onClick={a.onClick}
          aria-label={a.ariaLabel}
        >
          {a.label}
        </Button>
      ))}
    </Group>
  );
}
