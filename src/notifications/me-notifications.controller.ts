import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import {
  NotificationListDto,
  NotificationSettingsChangeDto,
  NotificationSettingsDto,
  NotificationsQueryDto,
  UnreadCountDto,
} from './me-notifications.dto';
import { MeNotificationsService } from './me-notifications.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeNotificationsController {
  constructor(private readonly me: MeNotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'my notifications (reminders, breaches, escalations, work handed to me): unread first' })
  @ApiResponse({ status: 200, type: NotificationListDto })
  list(@Query() q: NotificationsQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<NotificationListDto> {
    return this.me.list(q, user);
  }

  @Get('notifications/count')
  @ApiOperation({ summary: 'how many of my notifications are unread (the console asks every 30 s)' })
  @ApiResponse({ status: 200, type: UnreadCountDto })
  count(@CurrentUser() user: CurrentUserInfo): Promise<UnreadCountDto> {
    return this.me.unreadCount(user);
  }

  @Post('notifications/read-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'mark all my notifications read' })
  @ApiResponse({ status: 204, description: 'all read' })
  readAll(@CurrentUser() user: CurrentUserInfo): Promise<void> {
    return this.me.markAllRead(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'mark one of my notifications read (again: no change)' })
  @ApiResponse({ status: 204, description: 'read' })
  @ApiResponse({ status: 404, description: 'no notification of yours with that id' })
  read(@Param('id', new IdPipe('notification')) id: string, @CurrentUser() user: CurrentUserInfo): Promise<void> {
    return this.me.markRead(id, user);
  }

  @Get('notification-settings')
  @ApiOperation({ summary: 'my language, e-mail, phone and, per kind, e-mail and WhatsApp/SMS on or off' })
  @ApiResponse({ status: 200, type: NotificationSettingsDto })
  settings(@CurrentUser() user: CurrentUserInfo): Promise<NotificationSettingsDto> {
    return this.me.settings(user);
  }

  @Put('notification-settings')
  @ApiOperation({
    summary:
      'change my language, phone or channels per kind; a supervisor or head cannot switch off e-mail for a ' +
      'breach or an escalation',
  })
  @ApiResponse({ status: 200, type: NotificationSettingsDto })
  @ApiResponse({
    status: 422,
    description: 'field errors: an unknown kind or channel, a malformed phone, a locked one',
  })
  change(
    @Body() dto: NotificationSettingsChangeDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<NotificationSettingsDto> {
    return this.me.change(dto, user);
  }
}
