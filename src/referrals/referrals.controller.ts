import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import {
  CompleteReferralDto,
  EmptyAnswerDto,
  ListReferralsQueryDto,
  ReasonDto,
  ReferralListResponseDto,
  ReferralViewDto,
} from './referrals.dto';
import { ReferralsService } from './referrals.service';

const KEY = { name: 'Idempotency-Key', required: false };
const ANSWERED = [
  { status: 200, type: ReferralViewDto },
  { status: 404, description: 'no such referral sent to your agency' },
  { status: 409, description: "not possible in the referral's status (answered already, revoked...)" },
] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  @ApiOperation({
    summary:
      'a partner: the referrals sent to its agency; staff: those of their office. ' +
      'Newest first, minimum necessary fields',
  })
  @ApiResponse({ status: 200, type: ReferralListResponseDto })
  list(@Query() q: ListReferralsQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<ReferralListResponseDto> {
    return this.referrals.list(q, user);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'one referral: a partner, one sent to its agency (with the fields its allow-list and the consent give); ' +
      "staff, one of their office's cases",
  })
  @ApiResponse({ status: 200, type: ReferralViewDto })
  @ApiResponse({ status: 404, description: 'no such referral sent to your agency (or of your office)' })
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<ReferralViewDto> {
    return this.referrals.get(id, user);
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the partner has received the referral' })
  @ApiHeader(KEY)
  @ApiResponse(ANSWERED[0])
  @ApiResponse(ANSWERED[1])
  @ApiResponse(ANSWERED[2])
  acknowledge(
    @Param('id', new IdPipe('referral')) id: string,
    @Body() _: EmptyAnswerDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ) {
    return this.referrals.answer(id, 'acknowledge', {}, user, key);
  }

  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the partner takes the case on' })
  @ApiHeader(KEY)
  @ApiResponse(ANSWERED[0])
  @ApiResponse(ANSWERED[1])
  @ApiResponse(ANSWERED[2])
  accept(
    @Param('id', new IdPipe('referral')) id: string,
    @Body() _: EmptyAnswerDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ) {
    return this.referrals.answer(id, 'accept', {}, user, key);
  }

  @Post(':id/decline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the partner cannot take it, and says why; the case goes back to choosing an agency' })
  @ApiHeader(KEY)
  @ApiResponse(ANSWERED[0])
  @ApiResponse(ANSWERED[1])
  @ApiResponse(ANSWERED[2])
  decline(
    @Param('id', new IdPipe('referral')) id: string,
    @Body() dto: ReasonDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ) {
    return this.referrals.answer(id, 'decline', dto, user, key);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the partner has delivered the services, with a summary' })
  @ApiHeader(KEY)
  @ApiResponse(ANSWERED[0])
  @ApiResponse(ANSWERED[1])
  @ApiResponse(ANSWERED[2])
  complete(
    @Param('id', new IdPipe('referral')) id: string,
    @Body() dto: CompleteReferralDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ) {
    return this.referrals.answer(id, 'complete', dto, user, key);
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'the sender withdraws the referral, with a reason' })
  @ApiHeader(KEY)
  @ApiResponse(ANSWERED[0])
  @ApiResponse(ANSWERED[1])
  @ApiResponse(ANSWERED[2])
  revoke(
    @Param('id', new IdPipe('referral')) id: string,
    @Body() dto: ReasonDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ) {
    return this.referrals.answer(id, 'revoke', dto, user, key);
  }
}
