// A referral's deadline as its partner reads it: a live countdown, and overdue or due today marked.
import { Group, Text } from '@mantine/core';
import { DueMark } from '../../components/TaskTable';
import { countdown } from '../../format';
import { urgency, type Referral } from './referrals';

export function Urgency({ r, due, now }: { r: Referral; due: string; now: number }) {
  const left = countdown(due, now);
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c={left.late ? 'red.9' : undefined} fw={left.late ? 700 : undefined}>
        {left.text}
      </Text>
      <DueMark mark={urgency(r, now)} />
    </Group>
  );
}
