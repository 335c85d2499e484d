import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../admin/admin.exception';
import { VersionPipe } from '../admin/sla-policies.controller';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import {
  SlaMigrationDto,
  SlaMigrationPreviewDto,
  SlaMigrationPreviewRequestDto,
  SlaMigrationRequestDto,
} from './sla-migrations.dto';
import { SlaMigrationsService } from './sla-migrations.service';

const OFFICE: [number, string] = [403, 'your role may not do this, or not for that office'];
const NO_VERSION: [number, string] = [404, 'no such version'];
const BAD_SET: [number, string] = [
  422,
  'a field is not valid: the filter, the office (an admin must name it), a version not activated or of another ' +
    'province, a set of no open case or of more than 2,000',
];

@ApiTags('sla-migrations')
@ApiBearerAuth()
@Controller('api/v1/sla-policies/:version/migrations')
export class SlaMigrationsController {
  constructor(private readonly migrations: SlaMigrationsService) {}

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'what moving a set of open cases to this version would do: each case, its clocks, the deadline now and ' +
      'under the version, and whether it would be late at once; nothing changes',
  })
  @ApiResponse({ status: 200, type: SlaMigrationPreviewDto })
  @ApiErrors([400, 'not a policy version'], OFFICE, NO_VERSION, BAD_SET)
  preview(
    @Param('version', VersionPipe) version: string,
    @Body() dto: SlaMigrationPreviewRequestDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<SlaMigrationPreviewDto> {
    return this.migrations.preview(version, dto, user);
  }

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'move a set of open cases to this version, with a reason: one Update per case, in the background; ' +
      'follow it with GET .../migrations/{id}',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key and request again answers the migration it started (a double click moves once)',
  })
  @ApiResponse({ status: 202, type: SlaMigrationDto })
  @ApiErrors([400, 'not a policy version, or not an Idempotency-Key'], OFFICE, NO_VERSION, [
    422,
    `${BAD_SET[1]}; the reason missing; the Idempotency-Key used for another request`,
  ])
  start(
    @Param('version', VersionPipe) version: string,
    @Body() dto: SlaMigrationRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<SlaMigrationDto> {
    return this.migrations.start(version, dto, user, key);
  }

  @Get(':id')
  @ApiOperation({ summary: 'a migration and its progress: done, failed, pending of the total, case by case' })
  @ApiResponse({ status: 200, type: SlaMigrationDto })
  @ApiErrors([400, 'the id is not a UUID'], [404, 'no such migration of that version in your office'])
  get(
    @Param('version') version: string,
    @Param('id', new IdPipe('migration')) id: string,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<SlaMigrationDto> {
    return this.migrations.get(version, id, user);
  }
}
