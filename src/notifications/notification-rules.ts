// What the notification settings hold to, with no framework in it (the DTOs, the service and the unit tests share it).
import type { Role } from '../../workflows/definition';

import { NOTIFICATION_KINDS, type CaseNotificationKind, type MessageChannel, type NotificationKind } from './kinds';

export { MESSAGE_CHANNELS, MESSAGE_LANGUAGES, NOTIFICATION_KINDS } from './kinds';
export type { MessageChannel, NotificationKind } from './kinds';
// what an in-app row can be: every kind but the morning digest, which is a message only, and a policy's reminder
export const IN_APP_KINDS: readonly CaseNotificationKind[] = [
  ...NOTIFICATION_KINDS.filter((k): k is Exclude<NotificationKind, 'DIGEST'> => k !== 'DIGEST'),
  'REMINDER',
];
export type InAppKind = CaseNotificationKind;

// An Indonesian mobile number as people write it: 0812-3456-7890, +62 812 3456 7890, 62812..., (0812) 3456 7890.
// Null when it is not one; the normal form is +62 and the digits without the trunk 0.
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s().-]/g, '');
  const national = /^(?:\+62|62|0)(8\d{7,11})$/.exec(compact)?.[1];
  return national ? `+62${national}` : null;
}

// A supervisor or head must hear of a breach and of an escalation: their e-mail for those cannot be switched off
// (issue 18: "an escalation cannot be switched off for a supervisor"). The in-app row is always written anyway.
const LOCKED_KINDS: readonly NotificationKind[] = ['BREACH', 'ESCALATION_1', 'ESCALATION_2'];
const LOCKED_FOR: readonly Role[] = ['SUPERVISOR', 'HEAD'];

export function isLocked(role: Role, kind: NotificationKind, channel: MessageChannel): boolean {
  return channel === 'EMAIL' && LOCKED_FOR.includes(role) && LOCKED_KINDS.includes(kind);
}
