import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';
import type { DigestData, MessageChannel, MessageData, MessageKind, MessageLanguage, NotificationKind } from './kinds';

// A recipient as a message needs them: where to reach them, in which language, and what they switched off.
export type Recipient = {
  userId: string;
  role: string;
  email: string | null;
  phone: string | null;
  language: MessageLanguage;
  emailOn: boolean;
  gatewayOn: boolean;
};

export type NewMessage = {
  key: string;
  userId: string;
  channel: MessageChannel;
  kind: MessageKind;
  alertId: string | null;
  officeId: string | null;
  caseId: string | null;
  language: MessageLanguage;
  data: MessageData | DigestData;
};

// One message with what sending it takes: the address, the office's zone and gateway (its secret still sealed).
export type OutgoingMessage = {
  id: string;
  channel: MessageChannel;
  kind: MessageKind;
  status: 'PENDING' | 'SENT' | 'FAILED';
  language: MessageLanguage;
  data: MessageData | DigestData;
  email: string | null;
  phone: string | null;
  timeZone: string;
  gatewayUrl: string | null;
  gatewaySecret: string | null;
  attempts: number;
};

export type FailedMessage = {
  id: string;
  kind: MessageKind;
  channel: MessageChannel;
  userId: string;
  userName: string;
  caseId: string | null;
  caseNumber: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date | null;
  resends: number;
};

// The SQL of `staff_messages` and `staff_message_attempts` (and of what a message is sent with).
@Injectable()
export class StaffMessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The recipients of a kind among these users, with their channels after their own choices (an absent choice is
  // "on"); a deactivated user is nobody's recipient.
  async recipients(m: Queryable, userIds: readonly string[], kind: NotificationKind): Promise<Recipient[]> {
    if (userIds.length === 0) return [];
    return (await m.query(
      `SELECT u.id AS "userId", u.role, u.email, u.phone, u.language,
              COALESCE(pe.enabled, true) AS "emailOn", COALESCE(pg.enabled, true) AS "gatewayOn"
         FROM users u
         LEFT JOIN notification_preferences pe ON pe.user_id = u.id AND pe.kind = $2 AND pe.channel = 'EMAIL'
         LEFT JOIN notification_preferences pg ON pg.user_id = u.id AND pg.kind = $2 AND pg.channel = 'GATEWAY'
        WHERE u.id = ANY($1::uuid[]) AND u.deactivated_at IS NULL`,
      [userIds, kind],
    )) as Recipient[];
  }

  async officeHasGateway(m: Queryable, officeId: string): Promise<boolean> {
    const rows = (await m.query(`SELECT 1 FROM offices WHERE id = $1 AND message_gateway_url IS NOT NULL`, [
      officeId,
    ])) as unknown[];
    return rows.length > 0;
  }

  // Queues messages; a key already queued (a retried activity, a replayed digest) is not queued again. Returns
  // the ids of the rows it wrote.
  async queue(m: Queryable, messages: readonly NewMessage[]): Promise<string[]> {
    const ids: string[] = [];
    for (const x of messages) {
      const rows = (await m.query(
        `INSERT INTO staff_messages (key, user_id, channel, kind, alert_id, office_id, case_id, language, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [x.key, x.userId, x.channel, x.kind, x.alertId, x.officeId, x.caseId, x.language, JSON.stringify(x.data)],
      )) as { id: string }[];
      if (rows[0]) ids.push(rows[0].id);
    }
    return ids;
  }

  // The message with what sending it takes. No lock is held while it is sent: Temporal runs one attempt of an
  // activity at a time, and a resend starts only once a message has FAILED, that is, when its workflow has ended.
  async outgoing(id: string): Promise<OutgoingMessage | null> {
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.channel, s.kind, s.status, s.language, s.data, s.attempts, u.email, u.phone,
              COALESCE(o.time_zone, 'Asia/Jakarta') AS "timeZone",
              o.message_gateway_url AS "gatewayUrl", o.message_gateway_secret AS "gatewaySecret"
         FROM staff_messages s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN offices o ON o.id = s.office_id
        WHERE s.id = $1`,
      [id],
    )) as OutgoingMessage[];
    return rows[0] ?? null;
  }

  // An attempt's outcome, in one transaction: the count, the status, and the attempt's own row.
  async recordAttempt(m: Queryable, id: string, ok: boolean, detail: string | null): Promise<number> {
    const rows = (await m.query(
      `UPDATE staff_messages
          SET attempts = attempts + 1, last_error = CASE WHEN $2 THEN last_error ELSE $3 END,
              status = CASE WHEN $2 THEN 'SENT' ELSE status END, sent_at = CASE WHEN $2 THEN now() ELSE sent_at END
        WHERE id = $1 RETURNING attempts`,
      [id, ok, detail],
    )) as [{ attempts: number }[], number];
    const attempt = rows[0][0]?.attempts ?? 0;
    await m.query(`INSERT INTO staff_message_attempts (message_id, attempt, ok, detail) VALUES ($1, $2, $3, $4)`, [
      id,
      attempt,
      ok,
      detail,
    ]);
    return attempt;
  }

  // The retry budget is spent: FAILED, for an administrator to see and send again. A message sent meanwhile stays so.
  async markFailed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE staff_messages SET status = 'FAILED', failed_at = now() WHERE id = $1 AND status = 'PENDING'`,
      [id],
    );
  }

  // A failed message back to PENDING for another round; the round's number (null: not a failed message).
  async reopen(id: string): Promise<number | null> {
    const rows = (await this.dataSource.query(
      `UPDATE staff_messages SET status = 'PENDING', failed_at = NULL, resends = resends + 1
        WHERE id = $1 AND status = 'FAILED' RETURNING resends`,
      [id],
    )) as [{ resends: number }[], number];
    return rows[0]?.[0]?.resends ?? null;
  }

  async status(id: string): Promise<'PENDING' | 'SENT' | 'FAILED' | null> {
    const rows = (await this.dataSource.query(`SELECT status FROM staff_messages WHERE id = $1`, [id])) as {
      status: 'PENDING' | 'SENT' | 'FAILED';
    }[];
    return rows[0]?.status ?? null;
  }

  async failed(limit: number, offset: number): Promise<{ items: FailedMessage[]; total: number }> {
    const items = (await this.dataSource.query(
      `SELECT s.id, s.kind, s.channel, s.user_id AS "userId", u.display_name AS "userName", s.case_id AS "caseId",
              c.case_number AS "caseNumber", s.attempts, s.last_error AS "lastError", s.created_at AS "createdAt",
              s.failed_at AS "failedAt", s.resends
         FROM staff_messages s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN cases c ON c.id = s.case_id
        WHERE s.status = 'FAILED'
        ORDER BY s.failed_at DESC, s.id
        LIMIT $1 OFFSET $2`,
      [limit, offset],
    )) as FailedMessage[];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM staff_messages WHERE status = 'FAILED'`,
    )) as [{ total: number }];
    return { items, total };
  }
}
