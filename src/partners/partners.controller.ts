import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { IdPipe } from '../cases/cases.controller';
import {
  CreatePartnerAgencyDto,
  PartnerAgencyDto,
  PartnerAgencyWithSecretDto,
  UpdatePartnerAgencyDto,
} from './partner-agencies.dto';
import { PartnerAgenciesService } from './partner-agencies.service';
import { NotificationDto, NotificationListDto, NotificationsQueryDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('partner agencies')
@ApiBearerAuth()
@Controller('api/v1/partner-agencies')
export class PartnerAgenciesController {
  constructor(private readonly agencies: PartnerAgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'the partner agencies (staff: the active ones, to refer to; admin: all)' })
  @ApiResponse({ status: 200, type: [PartnerAgencyDto] })
  list(@CurrentUser() user: CurrentUserInfo): Promise<PartnerAgencyDto[]> {
    return this.agencies.list(user.role === 'ADMIN');
  }

  @Post()
  @ApiOperation({ summary: 'register an agency; the answer shows its new signing secret, once' })
  @ApiResponse({ status: 201, type: PartnerAgencyWithSecretDto })
  create(@Body() dto: CreatePartnerAgencyDto): Promise<PartnerAgencyWithSecretDto> {
    return this.agencies.create(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'change an agency; rotateSecret issues a new secret (shown once) and keeps the old one signing for the ' +
      'grace period',
  })
  @ApiResponse({ status: 200, type: PartnerAgencyWithSecretDto })
  update(
    @Param('id', new IdPipe('agency')) id: string,
    @Body() dto: UpdatePartnerAgencyDto,
  ): Promise<PartnerAgencyWithSecretDto> {
    return this.agencies.update(id, dto);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'deliveries of partner notifications, newest first (supervisors: of their office)' })
  @ApiResponse({ status: 200, type: NotificationListDto })
  list(@Query() q: NotificationsQueryDto, @CurrentUser() user: CurrentUserInfo) {
    return this.notifications.list(q, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one delivery with every attempt (time, status code, latency, error)' })
  @ApiResponse({ status: 200, type: NotificationDto })
  get(@Param('id') id: string, @CurrentUser() user: CurrentUserInfo): Promise<NotificationDto> {
    return this.notifications.get(deliveryId(id), user);
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 're-send a FAILED delivery (same event id and body); it runs in the background' })
  @ApiResponse({ status: 202, type: NotificationDto })
  @ApiResponse({ status: 409, description: 'not FAILED' })
  replay(@Param('id') id: string, @CurrentUser() user: CurrentUserInfo): Promise<NotificationDto> {
    return this.notifications.replay(deliveryId(id), user);
  }
}

function deliveryId(id: string): string {
  if (!/^[1-9]\d{0,17}$/.test(id))
    throw new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_ID', 'the notification id must be a positive whole number');
  return id;
}
