import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { StaffListDto, StaffQueryDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOperation({
    summary: "my office's caseworkers, supervisors and heads, by display name (active ones unless includeInactive)",
  })
  @ApiResponse({ status: 200, type: StaffListDto })
  list(@Query() q: StaffQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<StaffListDto> {
    return this.staff.list(q, user);
  }
}
