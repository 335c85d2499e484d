// One part of the case file: a bordered section named by its heading, with what to say when it is empty.
import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty?: string | null;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {empty ? <Text size="sm">{empty}</Text> : null}
      {children}
    </Card>
  );
}
