// A table wider than a phone scrolls sideways in its own box, which Tab reaches and a screen reader names.
import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Box>
  );
}
