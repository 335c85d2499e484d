import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { CaseResponseDto, CreateCaseDto } from './cases.dto';
import { CasesService } from './cases.service';

class CaseIdPipe extends ParseUUIDPipe {
  constructor() {
    super({ exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_ID', 'the case id must be a UUID') });
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Roles('CASEWORKER', 'SUPERVISOR', 'HEAD')
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried create with the same key returns the same case' })
  @ApiResponse({ status: 201, type: CaseResponseDto, description: 'registered; the case workflow is running' })
  @ApiResponse({ status: 200, type: CaseResponseDto, description: 'already registered under this Idempotency-Key' })
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

  @Get(':id')
  @ApiResponse({ status: 200, type: CaseResponseDto })
  get(@Param('id', CaseIdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<CaseResponseDto> {
    return this.cases.get(id, user);
  }
}
