// A table wider than a phone scrolls sideways in its own box, which Tab reaches and a screen reader names.
import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';

export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Box>
  );
}

// The administration's lists: a striped table under its column headings, in such a box; the rows are the children.
// A caption, when given, names the table itself (a screen reader's table list, a test's getByRole('table')).
export function ListTable({
  label,
  columns,
  caption,
  children,
}: {
  label: string;
  columns: string[];
  caption?: string;
  children: ReactNode;
}) {
  return (
    <Scroll label={label}>
      <Table striped withTableBorder>
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Scroll>
  );
}
