import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import {
  EscalationListResponseDto,
  EscalationsQueryDto,
  ResolveEscalationDto,
  ResolveEscalationResponseDto,
} from './escalations.dto';
import { EscalationsService } from './escalations.service';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @ApiOperation({ summary: "my office's escalations, longest waiting first (default status=OPEN)" })
  @ApiResponse({ status: 200, type: EscalationListResponseDto })
  list(@Query() q: EscalationsQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<EscalationListResponseDto> {
    return this.escalations.list(q, user);
  }

  @Post(':id/resolve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'resolve an escalation: REASSIGN (assigneeId), EXTEND (newDueAt), TAKE_OVER or ACKNOWLEDGE; ' +
      'level 2 needs the head',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 200, type: ResolveEscalationResponseDto })
  @ApiResponse({ status: 409, description: 'already resolved' })
  @ApiResponse({ status: 422, description: 'field errors' })
  async resolve(
    @Param('id', new IdPipe('escalation')) id: string,
    @Body() dto: ResolveEscalationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<ResolveEscalationResponseDto> {
    const { replayed, ...result } = await this.escalations.resolve(id, dto, user, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
