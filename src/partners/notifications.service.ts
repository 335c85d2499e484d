import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import type { NotificationAttemptDto, NotificationDto, NotificationsQueryDto } from './notifications.dto';

type Row = Omit<NotificationDto, 'createdAt' | 'deliveredAt' | 'failedAt' | 'attemptLog'> & { officeId: string; createdAt: Date; deliveredAt: Date | null; failedAt: Date | null };

const COLUMNS = `d.id::text AS id, d.event_id AS "eventId", d.case_id AS "caseId", c.case_number AS "caseNumber", c.office_id AS "officeId", d.type,
  d.agency_id AS "agencyId", d.status, d.attempts, d.last_error AS "lastError", d.replays, d.created_at AS "createdAt",
  d.delivered_at AS "deliveredAt", d.failed_at AS "failedAt"`;

// Deliveries of partner notifications, as supervisors and admins follow them: status, every attempt, and the
// replay of one that failed. Never the body (it may hold what only the partner may see).
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async list(q: NotificationsQueryDto, user: CurrentUserInfo): Promise<{ items: NotificationDto[]; limit: number; offset: number; hasMore: boolean }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (user.role !== 'ADMIN') add((n) => `c.office_id = ${n}`, user.officeId);
    if (q.status) add((n) => `d.status = ${n}`, q.status);
    if (q.caseId) add((n) => `d.case_id = ${n}`, q.caseId);
    if (q.agencyId) add((n) => `d.agency_id = ${n}`, q.agencyId);
    params.push(limit + 1, offset);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification_deliveries d JOIN cases c ON c.id = d.case_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return { items: rows.slice(0, limit).map((r) => view(r, [])), limit, offset, hasMore: rows.length > limit };
  }

  async get(id: string, user: CurrentUserInfo): Promise<NotificationDto> {
    const row = await this.find(id, user);
    const attempts = (await this.dataSource.query(
      `SELECT attempted_at AS "attemptedAt", status_code AS "statusCode", latency_ms AS "latencyMs", error FROM notification_attempts
        WHERE delivery_id = $1 ORDER BY attempted_at, id`,
      [id],
    )) as (Omit<NotificationAttemptDto, 'attemptedAt'> & { attemptedAt: Date })[];
    return view(row, attempts.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString() })));
  }

  // A FAILED delivery (or one that had no endpoint, once the agency has one) goes out again, with the same event
  // id and body, so a partner that did receive it after all ignores it.
  async replay(id: string, user: CurrentUserInfo): Promise<NotificationDto> {
    const row = await this.find(id, user);
    if (row.agencyId === null) throw new ApiError(HttpStatus.CONFLICT, 'NOT_REPLAYABLE', 'this notification had no recipient agency');
    const [updated] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'PENDING', replays = replays + 1, failed_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('FAILED', 'NO_ENDPOINT') RETURNING replays`,
      [id],
    )) as [{ replays: number }[], number];
    const replays = updated[0]?.replays;
    if (replays === undefined) {
      throw new ApiError(HttpStatus.CONFLICT, 'NOT_REPLAYABLE', `only a FAILED or NO_ENDPOINT delivery is replayed; this one is ${row.status}`);
    }
    await this.workflows.startNotification(row.caseId, row.eventId, replays);
    return this.get(id, user);
  }

  private async find(id: string, user: CurrentUserInfo): Promise<Row> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM notification_deliveries d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`, [id])) as Row[];
    if (!row || (user.role !== 'ADMIN' && row.officeId !== user.officeId)) throw new ApiError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', `no notification with id ${id}`);
    return row;
  }
}

function view(r: Row, attemptLog: NotificationAttemptDto[]): NotificationDto {
  return {
    id: r.id,
    eventId: r.eventId,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    type: r.type,
    agencyId: r.agencyId,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    replays: r.replays,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
    failedAt: r.failedAt ? r.failedAt.toISOString() : null,
    attemptLog,
  };
}
