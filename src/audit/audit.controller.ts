import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { AuditListDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: "who read or changed what, newest first (supervisors and heads: their office's cases; admins: all)",
  })
  @ApiResponse({ status: 200, type: AuditListDto })
  list(@Query() q: AuditQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<AuditListDto> {
    return this.audit.list(q, user);
  }
}
