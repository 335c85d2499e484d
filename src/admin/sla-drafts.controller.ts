import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import { ApiErrors } from './admin.exception';
import {
  CreateSlaDraftDto,
  PublishSlaDraftDto,
  SlaDraftDiffDto,
  SlaDraftDto,
  SlaDraftsQueryDto,
  UpdateSlaDraftDto,
} from './sla-drafts.dto';
import { SlaDraftsService } from './sla-drafts.service';

const BAD_ID: [number, string] = [400, 'the draft id is not a UUID'];
const NOT_FOUND: [number, string] = [404, 'no such draft'];
const OTHER_PROVINCE: [number, string] = [403, "a head: the draft is not of their office's province (OTHER_PROVINCE)"];
const PUBLISHED: [number, string] = [409, 'SLA_DRAFT_PUBLISHED: the draft is published, read-only'];
const STALE: [number, string] = [409, 'SLA_DRAFT_STALE: edited since the revision sent (the body gives the current)'];
const INVALID: [number, string] = [
  422,
  'INVALID_SLA_POLICY, each field named: an unknown step, tier or unit, an amount not a whole number from 1 to a ' +
    'year, reminders not increasing in (0, 100), a level-2 threshold outside (100, 1000], a tier inversion not confirmed',
];

// Drafts of a province's SLA policy under /sla-policies/drafts: the drafts are a collection of their own (ids, a
// revision), beside the versions (/sla-policies/{version}) they are copied from and published into.
@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/sla-policies/drafts')
export class SlaDraftsController {
  constructor(private readonly drafts: SlaDraftsService) {}

  @Get()
  @ApiOperation({ summary: 'the drafts, newest first (a head: of their province)' })
  @ApiResponse({ status: 200, type: [SlaDraftDto] })
  @ApiErrors(OTHER_PROVINCE, [422, 'province is not valid'])
  list(@CurrentUser() caller: CurrentUserInfo, @Query() q: SlaDraftsQueryDto): Promise<SlaDraftDto[]> {
    return this.drafts.list(caller, q.province);
  }

  @Post()
  @ApiOperation({ summary: 'copy the policy in force for a province (or ID, national) into a new draft' })
  @ApiResponse({ status: 201, type: SlaDraftDto })
  @ApiErrors(OTHER_PROVINCE, [422, 'INVALID_SLA_POLICY: no office is in that province'])
  create(@CurrentUser() caller: CurrentUserInfo, @Body() dto: CreateSlaDraftDto): Promise<SlaDraftDto> {
    return this.drafts.create(caller, dto.province);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one draft: every deadline, the reminders, the level-2 threshold, its revision' })
  @ApiResponse({ status: 200, type: SlaDraftDto })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND)
  get(@CurrentUser() caller: CurrentUserInfo, @Param('id', new IdPipe('draft')) id: string): Promise<SlaDraftDto> {
    return this.drafts.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'edit a draft on the revision read: deadlines (only those that change), reminders, level-2 threshold; ' +
      'checked whole, nothing stored when a field is refused',
  })
  @ApiResponse({ status: 200, type: SlaDraftDto })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND, PUBLISHED, STALE, INVALID)
  update(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
    @Body() dto: UpdateSlaDraftDto,
  ): Promise<SlaDraftDto> {
    return this.drafts.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'throw a draft away (not once published)' })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND, PUBLISHED)
  delete(@CurrentUser() caller: CurrentUserInfo, @Param('id', new IdPipe('draft')) id: string): Promise<void> {
    return this.drafts.delete(caller, id);
  }

  @Get(':id/diff')
  @ApiOperation({
    summary: 'what publishing would change against the version in force now: per step and tier, reminders, level 2',
  })
  @ApiResponse({ status: 200, type: SlaDraftDiffDto })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND)
  diff(@CurrentUser() caller: CurrentUserInfo, @Param('id', new IdPipe('draft')) id: string): Promise<SlaDraftDiffDto> {
    return this.drafts.diff(caller, id);
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'make the draft the version in force for the new cases of its province from now (<province>-<year>.<n>); ' +
      'the draft becomes read-only; running cases keep the version they started with',
  })
  @ApiResponse({ status: 200, type: SlaDraftDto })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND, PUBLISHED, STALE, INVALID)
  publish(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
    @Body() dto: PublishSlaDraftDto,
  ): Promise<SlaDraftDto> {
    return this.drafts.publish(caller, id, dto.revision);
  }
}
