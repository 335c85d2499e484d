import { HttpStatus, Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { pageOf, toPage, type Paged } from '../database/filter-page';
import { NotificationDeliveryRepository, type DeliveryRow } from './notification-delivery.repository';
import type { NotificationAttemptDto, NotificationDto, NotificationsQueryDto } from './notifications.dto';

// Deliveries of partner notifications, as supervisors and admins follow them: status, every attempt, and the
// replay of one that failed. Never the body (it may hold what only the partner may see).
@Injectable()
export class NotificationsService {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async list(q: NotificationsQueryDto, user: CurrentUserInfo): Promise<Paged<NotificationDto>> {
    const page = pageOf(q);
    const rows = await this.deliveries.list({
      ...page,
      officeId: user.role === 'ADMIN' ? undefined : user.officeId,
      status: q.status,
      caseId: q.caseId,
      agencyId: q.agencyId,
    });
    return toPage(rows, page, (r) => view(r, []));
  }

  async get(id: string, user: CurrentUserInfo): Promise<NotificationDto> {
    const row = await this.find(id, user);
    const attempts = await this.deliveries.attempts(id);
    return view(
      row,
      attempts.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString() })),
    );
  }

  // A FAILED delivery (or one that had no endpoint, once the agency has one) goes out again, with the same event
  // id and body, so a partner that did receive it after all ignores it.
  async replay(id: string, user: CurrentUserInfo): Promise<NotificationDto> {
    const row = await this.find(id, user);
    if (row.agencyId === null)
      throw new ApiError(HttpStatus.CONFLICT, 'NOT_REPLAYABLE', 'this notification had no recipient agency');
    const replays = await this.deliveries.markForReplay(id);
    if (replays === null) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'NOT_REPLAYABLE',
        `only a FAILED or NO_ENDPOINT delivery is replayed; this one is ${row.status}`,
      );
    }
    await this.workflows.startNotification(row.caseId, row.eventId, replays);
    return this.get(id, user);
  }

  private async find(id: string, user: CurrentUserInfo): Promise<DeliveryRow> {
    const row = await this.deliveries.find(id);
    if (!row || (user.role !== 'ADMIN' && row.officeId !== user.officeId))
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', `no notification with id ${id}`);
    return row;
  }
}

function view(r: DeliveryRow, attemptLog: NotificationAttemptDto[]): NotificationDto {
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
