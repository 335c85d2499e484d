import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertAudience, AlertRequest } from '../../workflows/types';
import type { AlertFor } from '../notifications/audiences';
import type { Queryable } from '../database/queryable';

export type AlertRow = {
  id: string;
  caseId: string;
  eventSeq: number;
  kind: AlertFor['kind'];
  userId: string | null;
  agencyId: string | null;
  escalationId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type InsertedAlert = { id: string; eventSeq: number; kind: AlertFor['kind']; userId: string | null };

// One row of a person's in-app list: what happened (the kind), to which case and at which step. No name of a
// returnee: the case number is an office's reference, not personal data.
export type InboxAlertRow = {
  id: string;
  kind: AlertFor['kind'];
  caseId: string;
  caseNumber: string;
  step: string;
  // a policy's reminder (REMINDER): its percent, from its event; null for every other kind
  percent: number | null;
  createdAt: Date;
  readAt: Date | null;
};

const COLUMNS = `id, case_id AS "caseId", event_seq AS "eventSeq", kind, user_id AS "userId", agency_id AS "agencyId",
  escalation_id AS "escalationId", created_at AS "createdAt", read_at AS "readAt"`;

// The recipients of an audience, as a SELECT of (user_id, agency_id) with $4 the audience's key.
function recipients(audience: AlertAudience): { sql: string; key: string } {
  if ('userId' in audience) return { sql: `SELECT id, NULL::uuid FROM users WHERE id = $4`, key: audience.userId };
  if ('role' in audience) {
    const role = audience.role === 'HEAD' ? `'HEAD'` : `'SUPERVISOR'`;
    return {
      sql: `SELECT id, NULL::uuid FROM users WHERE office_id = $4 AND role = ${role} AND deactivated_at IS NULL`,
      key: audience.officeId,
    };
  }
  if ('agencyId' in audience) {
    // the agency (its signed webhook) and each head of its unit (PARTNER_HEAD), who decides on its referrals
    return {
      sql: `SELECT NULL::uuid, id FROM partner_agencies WHERE id = $4
            UNION ALL SELECT id, NULL::uuid FROM users
             WHERE agency_id = $4 AND role = 'PARTNER_HEAD' AND deactivated_at IS NULL`,
      key: audience.agencyId,
    };
  }
  // the provincial task force of the office's province (Gugus Tugas PP-TPPO), as a partner agency
  return {
    sql: `SELECT NULL::uuid, a.id FROM partner_agencies a JOIN offices o ON o.id = $4
           WHERE a.active AND a.kind = 'TASK_FORCE' AND a.province = o.province`,
    key: audience.taskForceOf,
  };
}

// The SQL of `alerts`: who must hear of a reminder, a breach or an escalation of a case, one row a recipient.
@Injectable()
export class AlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Resolves the alert's audience to its recipients now and writes a row for each; a retried activity writes none
  // twice. Returns the rows it wrote (a recipient's row already there is not returned again).
  async insert(m: Queryable, caseId: string, alert: AlertRequest | AlertFor): Promise<InsertedAlert[]> {
    const { sql, key } = recipients(alert.audience);
    return (await m.query(
      `INSERT INTO alerts (case_id, event_seq, kind, user_id, agency_id, escalation_id)
       SELECT $1, $2, $3, r.*, $5::uuid FROM (${sql}) r
       ON CONFLICT DO NOTHING
       RETURNING id, event_seq AS "eventSeq", kind, user_id AS "userId"`,
      [caseId, alert.eventSeq, alert.kind, key, alert.escalationId ?? null],
    )) as InsertedAlert[];
  }

  // A case's alerts, in the order of its timeline.
  async forCase(caseId: string): Promise<AlertRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE case_id = $1 ORDER BY event_seq, user_id NULLS LAST, agency_id`,
      [caseId],
    )) as AlertRow[];
  }

  // What a user has not read yet, newest first.
  async unreadFor(userId: string, limit = 100): Promise<AlertRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC, id LIMIT $2`,
      [userId, limit],
    )) as AlertRow[];
  }

  // A user's page of their own list: unread first, then newest first; `total` and `unread` over the whole list.
  // The step is the one of the case event the alert is about (the case's current step when the event has none).
  async pageFor(
    userId: string,
    f: { unread?: boolean; limit: number; offset: number },
  ): Promise<{ items: InboxAlertRow[]; total: number; unread: number }> {
    const only = f.unread === undefined ? null : f.unread;
    const items = (await this.dataSource.query(
      `SELECT a.id, a.kind, a.case_id AS "caseId", c.case_number AS "caseNumber",
              COALESCE(e.step, c.current_step) AS step, a.created_at AS "createdAt", a.read_at AS "readAt",
              CASE WHEN a.kind = 'REMINDER' THEN (e.data->>'percent')::int END AS percent
         FROM alerts a
         JOIN cases c ON c.id = a.case_id
         LEFT JOIN case_events e ON e.case_id = a.case_id AND e.seq = a.event_seq
        WHERE a.user_id = $1 AND ($2::boolean IS NULL OR (a.read_at IS NULL) = $2)
        ORDER BY (a.read_at IS NULL) DESC, a.created_at DESC, a.id
        LIMIT $3 OFFSET $4`,
      [userId, only, f.limit, f.offset],
    )) as InboxAlertRow[];
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE $2::boolean IS NULL OR (read_at IS NULL) = $2)::int AS total,
              count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM alerts WHERE user_id = $1`,
      [userId, only],
    )) as { total: number; unread: number }[];
    return { items, total: counts?.total ?? 0, unread: counts?.unread ?? 0 };
  }

  // How many a user has not read: an index-only count on alerts_user_unread, for the console's bell every 30 s.
  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM alerts WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  // Marks one of the user's own alerts read (the first reading's time stays). False when it is not theirs.
  async markRead(userId: string, id: string): Promise<boolean> {
    const [, n] = (await this.dataSource.query(
      `UPDATE alerts SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as [unknown[], number];
    return n > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE alerts SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  }
}
