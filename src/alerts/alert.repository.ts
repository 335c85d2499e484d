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
}
