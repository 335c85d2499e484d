import { ERROR_BODY_REF } from '../common/openapi-errors';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { ACTION_PAYLOAD_CLASSES } from './action-payloads';
import { CaseActionsService } from './case-actions.service';
import {
  ActionRequestDto,
  CaseExportDto,
  CaseListResponseDto,
  LegalHoldDto,
  LegalHoldResponseDto,
  ListCasesQueryDto,
  TimelineQueryDto,
  TimelineResponseDto,
} from './case-api.dto';
import { CaseResponseDto, CreateCaseDto, UpdatePersonDto, UpdatePersonResponseDto } from './cases.dto';
import { CasesService } from './cases.service';
import { PersonFileService } from './person-file.service';

export class IdPipe extends ParseUUIDPipe {
  constructor(what = 'case') {
    super({
      exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_ID', `the ${what} id must be a UUID`),
    });
  }
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'the same key again performs the request once and answers the same way',
};
const ERRORS = [
  { status: 401, description: 'no valid token' },
  { status: 403, description: 'your role may not do this' },
  { status: 404, description: 'no such case in your office' },
];

// The error body of the whole API (DESIGN.md); details lists { field, problems[] } for field errors.
export const ERROR_BODY = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly actions: CaseActionsService,
    private readonly personFile: PersonFileService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'register a returnee: starts the case workflow' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiResponse({ status: 201, type: CaseResponseDto, description: 'registered; the case workflow is running' })
  @ApiResponse({ status: 200, type: CaseResponseDto, description: 'already registered under this Idempotency-Key' })
  @ApiResponse({ status: 422, description: 'field errors' })
  async create(
    @Body() dto: CreateCaseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<CaseResponseDto> {
    const result = await this.cases.create(dto, user, idempotencyKey);
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.case;
  }

  @Get()
  @ApiOperation({
    summary: "my office's cases, soonest due first; with ?q= a search of its returnees, best match first",
  })
  @ApiResponse({ status: 200, type: CaseListResponseDto })
  @ApiResponse({
    status: 422,
    description: 'field errors (q empty or longer than 100 characters, a filter out of range)',
    schema: ERROR_BODY,
  })
  @ApiResponse({ ...ERRORS[0]!, schema: ERROR_BODY })
  @ApiResponse({
    status: 403,
    description: 'not staff of an office (partners and admins), or another office asked for',
    schema: ERROR_BODY,
  })
  list(@Query() q: ListCasesQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<CaseListResponseDto> {
    return this.cases.list(q, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one case, with the actions the caller may take now' })
  @ApiResponse({ status: 200, type: CaseResponseDto })
  get(@Param('id', IdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<CaseResponseDto> {
    return this.cases.get(id, user);
  }

  @Patch(':id/person')
  @ApiOperation({
    summary:
      "change the returnee's file; each changed field is kept (old and new value) and the timeline gets person.updated",
  })
  @ApiResponse({ status: 200, type: UpdatePersonResponseDto })
  @ApiResponse({ status: 400, description: 'the case id is not a UUID', schema: ERROR_BODY })
  @ApiResponse({
    status: 422,
    description:
      'field errors (a contact without relationship, a required field emptied, no field sent); nothing is stored',
    schema: ERROR_BODY,
  })
  @ApiResponse({ ...ERRORS[0]!, schema: ERROR_BODY })
  @ApiResponse({ ...ERRORS[1]!, schema: ERROR_BODY })
  @ApiResponse({ ...ERRORS[2]!, schema: ERROR_BODY })
  @ApiResponse({
    status: 409,
    description: 'the case is past its reopening window and can no longer change',
    schema: ERROR_BODY,
  })
  @ApiResponse({
    status: 503,
    description: 'the workflow engine did not take the change; nothing is stored, retry',
    schema: ERROR_BODY,
  })
  updatePerson(
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdatePersonDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<UpdatePersonResponseDto> {
    return this.personFile.update(id, dto, user);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'every event of the case, oldest first; ?verify=true recomputes the hash chain' })
  @ApiResponse({ status: 200, type: TimelineResponseDto })
  timeline(
    @Param('id', IdPipe) id: string,
    @Query() q: TimelineQueryDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<TimelineResponseDto> {
    return this.cases.timeline(id, user, q.verify === true);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'everything held about the returnee of this case (data subject access); supervisors' })
  @ApiResponse({ status: 200, type: CaseExportDto })
  export(@Param('id', IdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<CaseExportDto> {
    return this.cases.export(id, user);
  }

  @Post(':id/legal-hold')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'put a case on legal hold (never anonymised while it stands), or lift it' })
  @ApiResponse({ status: 200, type: LegalHoldResponseDto })
  legalHold(
    @Param('id', IdPipe) id: string,
    @Body() dto: LegalHoldDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<LegalHoldResponseDto> {
    return this.cases.setLegalHold(id, dto.hold, dto.reason, user);
  }

  @Post(':id/actions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'perform one action (an Update of the case workflow); answers with the case as it now is' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiExtraModels(...Object.values(ACTION_PAYLOAD_CLASSES))
  @ApiResponse({ status: 200, type: CaseResponseDto, description: 'done; the read model already shows it' })
  @ApiResponse({
    status: 409,
    description:
      'not allowed now (or expectedStep differs), or not by your office (an office the case has left only reads ' +
      'it; the office it is being handed to only accepts or returns it): the body lists allowedActions',
    schema: {
      allOf: [
        { $ref: ERROR_BODY_REF },
        {
          properties: {
            error: { example: 'ACTION_NOT_ALLOWED' },
            allowedActions: { type: 'array', items: { type: 'string' } },
          },
        },
      ],
    },
  })
  @ApiResponse({
    status: 422,
    description: 'field errors in the type or the payload (the payload of each type: the request body schema)',
  })
  @ApiResponse(ERRORS[1]!)
  @ApiResponse({
    status: 404,
    description:
      'no such case your office may read; or no office has the toOfficeId of transfer-case (OFFICE_NOT_FOUND); or ' +
      'no case of this office has the duplicateOfCaseId of propose-closure (CASE_NOT_FOUND)',
    schema: ERROR_BODY,
  })
  async act(
    @Param('id', IdPipe) id: string,
    @Body() dto: ActionRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<CaseResponseDto> {
    const result = await this.actions.perform(id, dto, user, idempotencyKey);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.case;
  }
}
