import { HttpStatus, Injectable } from '@nestjs/common';
import { AlertRepository } from '../alerts/alert.repository';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { Transactions } from '../database/transactions';
import type {
  NotificationListDto,
  NotificationSettingsChangeDto,
  NotificationSettingsDto,
  NotificationsQueryDto,
} from './me-notifications.dto';
import {
  isLocked,
  MESSAGE_CHANNELS,
  NOTIFICATION_KINDS,
  normalisePhone,
  type MessageChannel,
  type NotificationKind,
} from './notification-rules';
import { NotificationPreferenceRepository } from './notification-preference.repository';

// The caller's own notifications and settings: every query is keyed by the caller's user id, so nobody reads or
// marks another person's.
@Injectable()
export class MeNotificationsService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly transactions: Transactions,
  ) {}

  async list(q: NotificationsQueryDto, user: CurrentUserInfo): Promise<NotificationListDto> {
    const page = await this.alerts.pageFor(user.userId, {
      unread: q.unread,
      limit: q.limit ?? 20,
      offset: q.offset ?? 0,
    });
    return {
      items: page.items.map((a) => ({
        id: a.id,
        kind: a.kind,
        caseId: a.caseId,
        caseNumber: a.caseNumber,
        step: a.step as NotificationListDto['items'][number]['step'],
        createdAt: a.createdAt.toISOString(),
        readAt: a.readAt?.toISOString() ?? null,
        // only a policy's reminder carries one: every other item reads as it always did
        ...(a.percent === null ? {} : { percent: a.percent }),
      })),
      total: page.total,
      unread: page.unread,
    };
  }

  async unreadCount(user: CurrentUserInfo): Promise<{ unread: number }> {
    return { unread: await this.alerts.unreadCount(user.userId) };
  }

  async markRead(id: string, user: CurrentUserInfo): Promise<void> {
    if (!(await this.alerts.markRead(user.userId, id))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', `no notification of yours with id ${id}`);
    }
  }

  async markAllRead(user: CurrentUserInfo): Promise<void> {
    await this.alerts.markAllRead(user.userId);
  }

  async settings(user: CurrentUserInfo): Promise<NotificationSettingsDto> {
    const contact = await this.preferences.contact(user.userId);
    if (!contact) throw new ApiError(HttpStatus.NOT_FOUND, 'USER_NOT_FOUND', 'your account no longer exists');
    const off = new Set(
      (await this.preferences.forUser(user.userId)).filter((p) => !p.enabled).map((p) => `${p.kind}/${p.channel}`),
    );
    // a locked row reads as on even if it was stored off (the person became a supervisor since)
    const on = (kind: NotificationKind, channel: MessageChannel) =>
      isLocked(user.role, kind, channel) || !off.has(`${kind}/${channel}`);
    return {
      language: contact.language,
      email: contact.email,
      phone: contact.phone,
      channels: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        email: on(kind, 'EMAIL'),
        gateway: on(kind, 'GATEWAY'),
        locked: MESSAGE_CHANNELS.some((c) => isLocked(user.role, kind, c)),
      })),
    };
  }

  async change(dto: NotificationSettingsChangeDto, user: CurrentUserInfo): Promise<NotificationSettingsDto> {
    const channels = dto.channels ?? [];
    const locked = channels.findIndex((c) => !c.enabled && isLocked(user.role, c.kind, c.channel));
    if (locked >= 0) {
      const field = `channels.${locked}.enabled`;
      const problem = 'an escalation cannot be switched off for a supervisor: e-mail stays on for this kind';
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `${field}: ${problem}`, [
        { field, problems: [problem] },
      ]);
    }
    // the last word on a kind and channel counts (one row each)
    const rows = new Map(channels.map((c) => [`${c.kind}/${c.channel}`, c]));
    const phone = dto.phone === undefined ? undefined : dto.phone === null ? null : normalisePhone(dto.phone);
    await this.transactions.run(async (m) => {
      await this.preferences.setContact(m, user.userId, { language: dto.language, phone });
      await this.preferences.set(m, user.userId, [...rows.values()]);
    });
    return this.settings(user);
  }
}
