import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationType } from '../../workflows/types';
import { pagedSql, SqlFilter, type Page } from '../database/filter-page';
import type { Queryable } from '../database/queryable';
import type { NotificationAttemptDto, NotificationDto } from './notifications.dto';

const COLUMNS = `d.id::text AS id, d.event_id AS "eventId", d.case_id AS "caseId", c.case_number AS "caseNumber",
                 c.office_id AS "officeId", d.type,
  d.agency_id AS "agencyId", d.status, d.attempts, d.last_error AS "lastError", d.replays, d.created_at AS "createdAt",
  d.delivered_at AS "deliveredAt", d.failed_at AS "failedAt"`;

// A delivery as supervisors and admins follow it (never the body).
export type DeliveryRow = Omit<NotificationDto, 'createdAt' | 'deliveredAt' | 'failedAt' | 'attemptLog'> & {
  officeId: string;
  createdAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
};

export type AttemptRow = Omit<NotificationAttemptDto, 'attemptedAt'> & { attemptedAt: Date };

// A delivery with its agency's endpoint and secrets, as the sender needs it.
export type OutgoingDelivery = {
  id: string;
  event_id: string;
  case_id: string;
  type: NotificationType;
  agency_id: string | null;
  data: Record<string, unknown>;
  body: string | null;
  occurred_at: Date;
  webhook_url: string | null;
  secret_sealed: string | null;
  previous_secret_sealed: string | null;
  previous_secret_until: Date | null;
  allowed_fields: string[];
};

// A delivery of an agency's queue: when it was queued counts for the retry budget.
export type QueuedDelivery = OutgoingDelivery & { created_at: Date; attempts: number };

// A delivery's outcome as its case hears of it.
export type UnreportedOutcome = {
  deliveryId: string;
  eventId: string;
  caseId: string;
  type: NotificationType;
  agencyId: string;
  outcome: 'DELIVERED' | 'FAILED';
  attempts: number;
  error: string | null;
};

const OUTGOING = `SELECT d.id::text AS id, d.event_id, d.case_id, d.type, d.agency_id, d.data, d.body, d.occurred_at,
         d.created_at, d.attempts, a.webhook_url, a.secret_sealed, a.previous_secret_sealed, a.previous_secret_until,
         a.allowed_fields
    FROM notification_deliveries d LEFT JOIN partner_agencies a ON a.id = d.agency_id AND a.active`;

// Supervisors see their office's deliveries; admins (officeId undefined) all of them.
export type DeliveryListFilter = Page & {
  officeId?: string | null;
  status?: string;
  caseId?: string;
  agencyId?: string;
};

// The SQL of `notification_deliveries` and `notification_attempts`: queued with the case change that causes them,
// sent and retried by their agency's partner deliveries workflow (or a notification workflow of their own), replayed
// by a supervisor.
@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Newest first.
  async list(f: DeliveryListFilter): Promise<DeliveryRow[]> {
    const where = new SqlFilter();
    if (f.officeId !== undefined) where.where((n) => `c.office_id = ${n}`, f.officeId);
    if (f.status) where.where((n) => `d.status = ${n}`, f.status);
    if (f.caseId) where.where((n) => `d.case_id = ${n}`, f.caseId);
    if (f.agencyId) where.where((n) => `d.agency_id = ${n}`, f.agencyId);
    const sql = pagedSql(
      `SELECT ${COLUMNS} FROM notification_deliveries d JOIN cases c ON c.id = d.case_id`,
      where,
      'd.created_at DESC, d.id DESC',
      f,
    );
    return (await this.dataSource.query(sql.text, sql.params)) as DeliveryRow[];
  }

  async find(id: string): Promise<DeliveryRow | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification_deliveries d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`,
      [id],
    )) as DeliveryRow[];
    return row ?? null;
  }

  async attempts(deliveryId: string): Promise<AttemptRow[]> {
    return (await this.dataSource.query(
      `SELECT attempted_at AS "attemptedAt", status_code AS "statusCode", latency_ms AS "latencyMs", error
         FROM notification_attempts
        WHERE delivery_id = $1 ORDER BY attempted_at, id`,
      [deliveryId],
    )) as AttemptRow[];
  }

  // Back to PENDING for a replay, if it is FAILED or NO_ENDPOINT; the number of replays so far, or null. A replay is
  // sent by a notification workflow of its own, not the agency's queue.
  async markForReplay(id: string): Promise<number | null> {
    // (an UPDATE answers [rows, count] through TypeORM)
    const [updated] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'PENDING', replays = replays + 1, failed_at = NULL,
                                           updated_at = now(), next_attempt_at = NULL, report_pending = false
        WHERE id = $1 AND status IN ('FAILED', 'NO_ENDPOINT') RETURNING replays`,
      [id],
    )) as [{ replays: number }[], number];
    return updated[0]?.replays ?? null;
  }

  // A notification nobody is registered to hear of (no home-region office, no police agency...): kept, visibly
  // undelivered.
  async insertUnaddressed(
    m: Queryable,
    n: { key: string; caseId: string; type: NotificationType; data: Record<string, unknown> },
  ): Promise<void> {
    await m.query(
      `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id)
       VALUES ($1, $2, $3, NULL, 'NO_ENDPOINT', $4, gen_random_uuid()) ON CONFLICT (idempotency_key) DO NOTHING`,
      [n.key, n.caseId, n.type, JSON.stringify(n.data)],
    );
  }

  async referralSentEvents(caseId: string, referralId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT event_id FROM notification_deliveries
        WHERE case_id = $1 AND type = 'referral.sent' AND agency_id IS NOT NULL AND data->>'referralId' = $2`,
      [caseId, referralId],
    )) as { event_id: string }[];
    return rows.map((r) => r.event_id);
  }

  // Queued once per key, on its agency's queue: the row as first queued (a retried activity gets the same event id
  // back).
  async insertPending(
    m: Queryable,
    n: { key: string; caseId: string; type: NotificationType; agencyId: string; data: Record<string, unknown> },
  ): Promise<{ event_id: string; status: string } | null> {
    const rows = (await m.query(
      `WITH inserted AS (
         INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id,
                                              next_attempt_at)
         VALUES ($1, $2, $3, $4, 'PENDING', $5, gen_random_uuid(), now()) ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING event_id, status)
       SELECT event_id, status FROM inserted
       UNION ALL SELECT event_id, status FROM notification_deliveries WHERE idempotency_key = $1`,
      [n.key, n.caseId, n.type, n.agencyId, JSON.stringify(n.data)],
    )) as { event_id: string; status: string }[];
    return rows[0] ?? null;
  }

  async outgoing(eventId: string): Promise<OutgoingDelivery | null> {
    const rows = (await this.dataSource.query(`${OUTGOING} WHERE d.event_id = $1`, [eventId])) as OutgoingDelivery[];
    return rows[0] ?? null;
  }

  // ---- the queue of an agency, drained by its partner deliveries workflow --------------------------------------

  // The deliveries of the queue whose attempt is due, oldest due first.
  async due(agencyId: string, limit: number): Promise<QueuedDelivery[]> {
    return (await this.dataSource.query(
      `${OUTGOING} WHERE d.agency_id = $1 AND d.status = 'PENDING' AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at, d.id LIMIT $2`,
      [agencyId, limit],
    )) as QueuedDelivery[];
  }

  // In how many ms the next attempt of the queue is due (by the database's clock, which set it), or null when
  // nothing waits.
  async nextDueInMs(agencyId: string): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms FROM notification_deliveries
        WHERE agency_id = $1 AND status = 'PENDING' AND next_attempt_at IS NOT NULL`,
      [agencyId],
    )) as { ms: number | null }[];
    return row?.ms ?? null;
  }

  // Which of these pending deliveries the queue of their agency sends (queued), and which a workflow of their own.
  async pendingOf(eventIds: readonly string[]): Promise<{ event_id: string; agency_id: string; queued: boolean }[]> {
    return (await this.dataSource.query(
      `SELECT event_id, agency_id, next_attempt_at IS NOT NULL AS queued FROM notification_deliveries
        WHERE event_id = ANY($1::uuid[]) AND status = 'PENDING' AND agency_id IS NOT NULL`,
      [eventIds],
    )) as { event_id: string; agency_id: string; queued: boolean }[];
  }

  // Attempts of queued deliveries and what follows from each, in one statement: the attempts' rows, the counts,
  // and DELIVERED, FAILED (both to be reported to the case) or PENDING until the next attempt. A delivery another
  // attempt has settled meanwhile keeps its status (the attempt is still recorded).
  async settleAll(
    all: readonly {
      deliveryId: string;
      attemptedAt: Date;
      statusCode: number | null;
      latencyMs: number;
      error: string | null;
      status: 'DELIVERED' | 'FAILED' | 'PENDING';
      nextAttemptAt: Date | null;
    }[],
  ): Promise<void> {
    if (all.length === 0) return;
    await this.dataSource.query(
      `WITH v AS (SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::int[], $4::int[], $5::text[], $6::text[],
                                       $7::timestamptz[])
                    AS v(id, attempted_at, status_code, latency_ms, error, status, next_attempt_at)),
            a AS (INSERT INTO notification_attempts (delivery_id, attempted_at, status_code, latency_ms, error)
                  SELECT id, attempted_at, status_code, latency_ms, error FROM v)
       UPDATE notification_deliveries d SET attempts = d.attempts + 1, last_error = v.error, updated_at = now(),
              status = v.status, next_attempt_at = v.next_attempt_at, report_pending = v.status <> 'PENDING',
              delivered_at = CASE WHEN v.status = 'DELIVERED' THEN now() ELSE d.delivered_at END,
              failed_at = CASE WHEN v.status = 'FAILED' THEN now() ELSE d.failed_at END
         FROM v WHERE d.id = v.id AND d.status = 'PENDING'`,
      [
        all.map((a) => a.deliveryId),
        all.map((a) => a.attemptedAt),
        all.map((a) => a.statusCode),
        all.map((a) => a.latencyMs),
        all.map((a) => a.error),
        all.map((a) => a.status),
        all.map((a) => a.nextAttemptAt),
      ],
    );
  }

  // fixBody() of a wave: the bodies kept, by delivery id.
  async fixBodies(bodies: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    if (bodies.size === 0) return new Map();
    const rows = (await this.dataSource.query(
      `UPDATE notification_deliveries d SET body = COALESCE(d.body, v.body)
         FROM unnest($1::bigint[], $2::text[]) AS v(id, body) WHERE d.id = v.id RETURNING d.id::text AS id, d.body`,
      [[...bodies.keys()], [...bodies.values()]],
    )) as [{ id: string; body: string }[], number];
    return new Map(rows[0].map((r) => [r.id, r.body]));
  }

  // Queued deliveries whose agency has no webhook (or is no longer active): nothing to send, the rows say so.
  async settleWithoutEndpoint(ids: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'NO_ENDPOINT', next_attempt_at = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND status = 'PENDING'`,
      [ids],
    );
  }

  // Outcomes of the queue the case has not been told of yet, oldest first.
  async unreported(agencyId: string, limit: number): Promise<UnreportedOutcome[]> {
    return (await this.dataSource.query(
      `SELECT id::text AS "deliveryId", event_id AS "eventId", case_id AS "caseId", type, agency_id AS "agencyId",
              status AS outcome, attempts, last_error AS error
         FROM notification_deliveries
        WHERE agency_id = $1 AND report_pending AND status IN ('DELIVERED', 'FAILED') ORDER BY id LIMIT $2`,
      [agencyId, limit],
    )) as UnreportedOutcome[];
  }

  async reported(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE notification_deliveries SET report_pending = false WHERE id = ANY($1::bigint[]) AND report_pending`,
      [ids],
    );
  }

  // The attempt's row and the delivery's count, in one statement; the count after it.
  async recordAttempt(a: {
    deliveryId: string;
    attemptedAt: Date;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
  }): Promise<number> {
    const [[{ attempts }]] = (await this.dataSource.query(
      `WITH a AS (INSERT INTO notification_attempts (delivery_id, attempted_at, status_code, latency_ms, error)
                   VALUES ($1, $2, $3, $4, $5))
       UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $5, updated_at = now()
        WHERE id = $1 RETURNING attempts`,
      [a.deliveryId, a.attemptedAt, a.statusCode, a.latencyMs, a.error],
    )) as [[{ attempts: number }], number];
    return attempts;
  }

  async finish(
    eventId: string,
    outcome: 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT',
  ): Promise<{ attempts: number; last_error: string | null } | null> {
    const rows = (await this.dataSource.query(
      `UPDATE notification_deliveries SET status = $2, updated_at = now(),
              delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() ELSE delivered_at END,
              failed_at = CASE WHEN $2 = 'FAILED' THEN now() ELSE failed_at END
        WHERE event_id = $1 RETURNING attempts, last_error`,
      [eventId, outcome],
    )) as [{ attempts: number; last_error: string | null }[], number];
    return rows[0][0] ?? null;
  }

  // The first writer wins: concurrent attempts (a replay racing a retry) still send one body. The body kept.
  async fixBody(id: string, body: string): Promise<string | null> {
    const [fixed] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET body = COALESCE(body, $2) WHERE id = $1 RETURNING body`,
      [id, body],
    )) as [{ body: string }[], number];
    return fixed[0]?.body ?? null;
  }

  // Every notification of a case with the exact body sent, for the returnee's export.
  async forCase(caseId: string): Promise<Record<string, unknown>[]> {
    return (await this.dataSource.query(
      `SELECT id::text AS id, event_id AS "eventId", type, agency_id AS "agencyId", status, attempts, body,
              created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM notification_deliveries WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    )) as Record<string, unknown>[];
  }

  async dropBodies(m: Queryable, caseIds: string[]): Promise<void> {
    await m.query(`UPDATE notification_deliveries SET body = NULL WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  }
}
