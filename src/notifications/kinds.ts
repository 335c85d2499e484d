// What staff are told, on which channels, in which language (issue 18; design: the lead's notes). A message carries
// no personal data: the case number, the step, a deadline, codes, and the names of institutions, never a
// returnee's name, NIK, passport or phone, and never text a person wrote. No framework imports.
import type { RiskTier, StepId } from '../../workflows/definition';

export const NOTIFICATION_KINDS = [
  'ASSIGNED',
  'REMINDER_50',
  'REMINDER_80',
  'BREACH',
  'ESCALATION_1',
  'ESCALATION_2',
  'APPROVAL_WAITING',
  'TRANSFER_IN',
  'PARTNER_DECLINED',
  'PARTNER_SILENT',
  'DIGEST',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
// every kind but the digest is about one case; and REMINDER, a reminder at a point of the case's SLA policy other than
// 50 % or 80 % (its percent is its case event's), which has no setting of its own (settingKind)
export type CaseNotificationKind = Exclude<NotificationKind, 'DIGEST'> | 'REMINDER';

// The setting a kind's messages follow: a policy's reminder that of the default reminder it stands for, from 80 % on
// the late one (REMINDER_80), before it the early one (REMINDER_50). A person's choice of channels for reminders
// thus holds whatever points the office's policy sets, and the settings screen keeps its kinds.
// what a staff message can be about: a kind of the settings, or a policy's reminder
export const MESSAGE_KINDS = [...NOTIFICATION_KINDS, 'REMINDER'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function settingKind(kind: CaseNotificationKind, percent: number | null): Exclude<NotificationKind, 'DIGEST'> {
  if (kind !== 'REMINDER') return kind;
  return percent !== null && percent >= 80 ? 'REMINDER_80' : 'REMINDER_50';
}

// IN_APP is always on and is not a message: the channels a message is sent on
export const MESSAGE_CHANNELS = ['EMAIL', 'GATEWAY'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_LANGUAGES = ['id', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];
export const DEFAULT_MESSAGE_LANGUAGE: MessageLanguage = 'id';

export function isMessageLanguage(value: unknown): value is MessageLanguage {
  return (MESSAGE_LANGUAGES as readonly unknown[]).includes(value);
}

export type MessageData = {
  kind: CaseNotificationKind;
  caseId: string;
  // e.g. "BP3MI-ST-2026-000123" (not personal)
  caseNumber: string;
  step: StepId | null;
  riskTier: RiskTier | null;
  // ISO instant of the step's or clock's deadline, if any
  dueAt: string | null;
  // escalations
  level?: 1 | 2;
  // REMINDER: how much of the step's time has gone, in percent (absent in messages of the fixed reminders)
  percent?: number;
  // a CODE (an escalation's kind: STEP, PARTNER_SILENT, ...), never free text; an unknown code is not shown
  reason?: string | null;
  // the partner agency (an institution, not a person), PARTNER_* kinds
  agencyName?: string | null;
  // TRANSFER_IN: the sending office
  officeName?: string | null;
};

export type DigestItem = { caseId: string; caseNumber: string; step: StepId; riskTier: RiskTier | null; dueAt: string };

export type DigestData = {
  kind: 'DIGEST';
  // the office's local date, YYYY-MM-DD
  date: string;
  officeName: string;
  dueToday: DigestItem[];
  overdue: DigestItem[];
  // how many there are in all when the lists were cut to the soonest due (a supervisor's office can have thousands)
  dueTodayTotal?: number;
  overdueTotal?: number;
};

// short: the gateway's WhatsApp/SMS text (at most SHORT_MAX characters)
export type Rendered = { subject: string; text: string; html: string; short: string };
export const SHORT_MAX = 480;

export type RenderContext = { consoleUrl: string; timeZone: string };
