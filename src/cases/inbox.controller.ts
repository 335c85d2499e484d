import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { InboxResponseDto, PageQueryDto } from './case-api.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly queue: InboxService) {}

  @Get()
  @ApiOperation({
    summary: 'my open tasks and the unassigned ones of my office for my role, soonest due first, overdue flagged',
  })
  @ApiResponse({ status: 200, type: InboxResponseDto })
  inbox(@Query() q: PageQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<InboxResponseDto> {
    return this.queue.inbox(q, user);
  }
}
