import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { InboxQueryDto, InboxResponseDto } from './case-api.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly queue: InboxService) {}

  @Get()
  @ApiOperation({
    summary:
      'my open tasks and the unassigned ones of my office for my role, soonest due first, overdue flagged; ' +
      'scope=office: every open task of my office (supervisors and heads; a caseworker gets 403)',
  })
  @ApiResponse({ status: 200, type: InboxResponseDto })
  inbox(@Query() q: InboxQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<InboxResponseDto> {
    return this.queue.inbox(q, user);
  }
}
