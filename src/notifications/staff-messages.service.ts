import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CaseEventDraft, CaseProjection } from '../../workflows/types';
import type { RiskTier, Role, StepId } from '../../workflows/definition';
import type { InsertedAlert } from '../alerts/alert.repository';
import type { MessagingConfig } from '../config/messaging.config';
import type { PartnersConfig } from '../config/partners.config';
import type { Queryable } from '../database/queryable';
import { Transactions } from '../database/transactions';
import { SecretBox } from '../partners/secret-box';
import { EmailTransport } from './email.transport';
import { GatewayTransport } from './gateway.transport';
import {
  settingKind,
  type CaseNotificationKind,
  type DigestData,
  type MessageChannel,
  type MessageData,
  type NotificationKind,
} from './kinds';
import { isLocked } from './notification-rules';
import {
  StaffMessageRepository,
  type NewMessage,
  type OutgoingMessage,
  type Recipient,
} from './staff-message.repository';
import { render } from './templates';

// What a transition of a case is, for the messages its alerts cause.
export type CaseContext = {
  caseId: string;
  caseNumber: string;
  officeId: string;
  projection: Pick<CaseProjection, 'currentStep' | 'riskTier' | 'dueAt'>;
  events: readonly CaseEventDraft[];
};

export type SendOutcome = 'SENT' | 'ALREADY_SENT';

// the longest list a digest shows of what is due today, and of what is overdue; the rest is counted
export const DIGEST_MAX_ITEMS = 25;

export class MessageNotSent extends Error {
  // the server refused for good (a 5xx: no such mailbox): trying again will not help
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

// Email and the office's WhatsApp/SMS gateway (issue 18). Messages are queued in the transaction that writes their
// alerts (so a transition and whom it tells are one fact), then sent one attempt at a time by an activity that the
// staff message workflow retries. An attempt locks its row: a message SENT is never sent again, and every attempt
// is recorded. No personal data of a returnee goes into a message or a log line: ids, case number, step, deadline.
@Injectable()
export class StaffMessagesService {
  private readonly logger = new Logger('StaffMessages');
  private readonly config: MessagingConfig;
  private readonly box: SecretBox;
  private readonly email: EmailTransport | null;
  private readonly gateway = new GatewayTransport();

  constructor(
    private readonly transactions: Transactions,
    private readonly messages: StaffMessageRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<MessagingConfig>('messaging');
    this.box = new SecretBox(config.getOrThrow<PartnersConfig>('partners').secretsKey);
    this.email = this.config.email ? new EmailTransport(this.config.email) : null;
  }

  retryPolicy(): { budgetMs: number; firstRetryMs: number; maxIntervalMs: number } {
    return {
      budgetMs: Math.round(this.config.retryBudgetSeconds * 1000),
      firstRetryMs: Math.round(this.config.firstRetrySeconds * 1000),
      maxIntervalMs: Math.round(this.config.maxRetryIntervalSeconds * 1000),
    };
  }

  // In the transition's transaction: a message per new alert of a user, per channel the user has on (email when
  // a server is configured and the user has an address; the gateway when the office has one and the user a phone).
  async queueForAlerts(m: Queryable, ctx: CaseContext, alerts: readonly InsertedAlert[]): Promise<string[]> {
    // by the setting the kind follows: a policy's reminder reads that of the default reminder it stands for
    const bySetting = new Map<NotificationKind, InsertedAlert[]>();
    for (const a of alerts) {
      if (!a.userId) continue;
      const setting = settingKind(a.kind, percentOf(ctx, a.eventSeq));
      bySetting.set(setting, [...(bySetting.get(setting) ?? []), a]);
    }
    if (bySetting.size === 0) return [];
    const gateway = await this.messages.officeHasGateway(m, ctx.officeId);
    const queued: NewMessage[] = [];
    for (const [setting, rows] of bySetting) {
      const people = new Map(
        (await this.messages.recipients(m, [...new Set(rows.map((r) => r.userId!))], setting)).map((r) => [
          r.userId,
          r,
        ]),
      );
      for (const a of rows) {
        const who = people.get(a.userId!);
        if (!who) continue;
        const data = messageData(a.kind, ctx, a.eventSeq);
        // an escalation reaches a supervisor or a head by email whatever they chose (an old choice may remain)
        const mustMail = isLocked(who.role as Role, setting, 'EMAIL');
        for (const channel of this.channels(who, gateway, mustMail))
          queued.push({
            key: `alert:${a.id}:${channel}`,
            userId: who.userId,
            channel,
            kind: a.kind,
            alertId: a.id,
            officeId: ctx.officeId,
            caseId: ctx.caseId,
            language: who.language,
            data,
          });
      }
    }
    return this.messages.queue(m, queued);
  }

  // The channels a message goes on: email when a server is configured and the person has an address and wants it
  // (or must get it), the gateway when the office has one and the person a phone and wants it.
  private channels(who: Recipient, officeGateway: boolean, mustMail: boolean): MessageChannel[] {
    const out: MessageChannel[] = [];
    if (this.email && who.email && (who.emailOn || mustMail)) out.push('EMAIL');
    if (officeGateway && who.phone && who.gatewayOn) out.push('GATEWAY');
    return out;
  }

  // One person's morning digest of one office's day, on the channels they have on for it (no in-app row: the inbox
  // is that list). Keyed by office, date, person and channel: a retried activity or a replayed hour queues nothing
  // twice. Returns the ids queued now, for their sending to start.
  async queueDigest(officeId: string, userId: string, date: string, full: DigestData): Promise<string[]> {
    // the soonest due of each list, and how many there are in all: a supervisor's office can have thousands
    const cut = (items: DigestData['dueToday']) =>
      [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)).slice(0, DIGEST_MAX_ITEMS);
    const data: DigestData = {
      ...full,
      dueToday: cut(full.dueToday),
      overdue: cut(full.overdue),
      dueTodayTotal: full.dueToday.length,
      overdueTotal: full.overdue.length,
    };
    return this.transactions.run(async (m) => {
      const [who] = await this.messages.recipients(m, [userId], 'DIGEST');
      if (!who) return [];
      const gateway = await this.messages.officeHasGateway(m, officeId);
      return this.messages.queue(
        m,
        this.channels(who, gateway, false).map((channel) => ({
          key: `digest:${officeId}:${date}:${userId}:${channel}`,
          userId,
          channel,
          kind: 'DIGEST',
          alertId: null,
          officeId,
          caseId: null,
          language: who.language,
          data,
        })),
      );
    });
  }

  // One attempt. Throws MessageNotSent when the server or gateway did not take it (the workflow retries); the
  // attempt is recorded either way. A message already SENT is not sent again. Between the server's acceptance and
  // the record of it lies a moment in which a killed worker leaves a message that its retry sends once more: the
  // retry carries the same Message-ID (the gateway: the same event id), by which receivers drop the second copy.
  async send(id: string): Promise<SendOutcome> {
    const msg = await this.messages.outgoing(id);
    if (!msg) throw new MessageNotSent(`message ${id} does not exist`);
    if (msg.status === 'SENT') return 'ALREADY_SENT';
    const result = await this.deliver(msg).catch((err: Error) => ({ accepted: false, response: err.message }));
    const attempt = await this.transactions.run((m) =>
      this.messages.recordAttempt(m, id, result.accepted, result.accepted ? null : result.response),
    );
    this.logger.log({
      msg: 'staff message attempt',
      messageId: id,
      channel: msg.channel,
      kind: msg.kind,
      attempt,
      accepted: result.accepted,
    });
    if (!result.accepted) throw new MessageNotSent(result.response, 'permanent' in result && result.permanent === true);
    return 'SENT';
  }

  private async deliver(msg: OutgoingMessage): Promise<{ accepted: boolean; response: string; permanent?: boolean }> {
    const rendered = render(msg.data, msg.language, { consoleUrl: this.config.consoleUrl, timeZone: msg.timeZone });
    if (msg.channel === 'EMAIL') {
      if (!this.email) return { accepted: false, response: 'email is off (no SMTP_URL)' };
      if (!msg.email) return { accepted: false, response: 'the user has no email address' };
      return this.email.send({ messageId: msg.id, to: msg.email, rendered, language: msg.language });
    }
    if (!msg.phone) return { accepted: false, response: 'the user has no phone number' };
    if (!msg.gatewayUrl || !msg.gatewaySecret)
      return { accepted: false, response: 'the office has no message gateway' };
    return this.gateway.send({
      url: msg.gatewayUrl,
      secrets: [this.box.open(msg.gatewaySecret)],
      message: gatewayMessage(msg, rendered.short, this.config.consoleUrl),
    });
  }

  async fail(id: string): Promise<void> {
    await this.messages.markFailed(id);
    this.logger.warn({ msg: 'staff message failed', messageId: id });
  }
}

function messageData(kind: CaseNotificationKind, ctx: CaseContext, eventSeq: number): MessageData {
  const e = ctx.events.find((x) => x.seq === eventSeq);
  const d = e?.data ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    kind,
    caseId: ctx.caseId,
    caseNumber: ctx.caseNumber,
    step: (str(d.step) ?? e?.step ?? ctx.projection.currentStep) as StepId,
    riskTier: (ctx.projection.riskTier ?? null) as RiskTier | null,
    dueAt: str(d.dueAt) ?? ctx.projection.dueAt ?? null,
    ...(typeof d.level === 'number' ? { level: d.level as 1 | 2 } : {}),
    ...(kind === 'REMINDER' && typeof d.percent === 'number' ? { percent: d.percent } : {}),
    // an escalation's kind, a code; never a person's words (a decline's reason is read in the case)
    reason: e?.type === 'escalation.opened' ? str(d.kind) : null,
  };
}

// a reminder's percent, from its event (sla.reminder)
function percentOf(ctx: CaseContext, eventSeq: number): number | null {
  const percent = ctx.events.find((x) => x.seq === eventSeq)?.data.percent;
  return typeof percent === 'number' ? percent : null;
}

function gatewayMessage(msg: OutgoingMessage, text: string, consoleUrl: string) {
  const caseId = 'caseId' in msg.data ? msg.data.caseId : null;
  return {
    id: msg.id,
    kind: msg.kind,
    to: msg.phone!,
    language: msg.language,
    text,
    caseId,
    caseNumber: 'caseNumber' in msg.data ? msg.data.caseNumber : null,
    link: caseId ? `${consoleUrl}/cases/${caseId}` : `${consoleUrl}/`,
  };
}
