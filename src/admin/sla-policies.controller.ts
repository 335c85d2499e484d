import { Body, Controller, Get, HttpCode, HttpStatus, Param, type PipeTransform, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminException, ApiErrors } from './admin.exception';
import { CreateSlaPolicyDto, POLICY_VERSION, SlaPoliciesQueryDto, SlaPolicyDto } from './sla-policies.dto';
import { SlaPoliciesService } from './sla-policies.service';

export class VersionPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!POLICY_VERSION.test(value))
      throw new AdminException('INVALID_VERSION', 'a policy version is 1 to 64 letters, digits, ".", "_" or "-"');
    return value;
  }
}

const BAD_VERSION: [number, string] = [400, 'not a policy version'];
const NOT_FOUND: [number, string] = [404, 'no such version'];

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'the SLA policy versions, per province (ID: national), which one is in force' })
  @ApiResponse({ status: 200, type: [SlaPolicyDto] })
  @ApiErrors([422, 'province is not valid'])
  list(@Query() q: SlaPoliciesQueryDto): Promise<SlaPolicyDto[]> {
    return this.policies.list(q.province);
  }

  @Get(':version')
  @ApiOperation({ summary: 'one version with its deadlines' })
  @ApiResponse({ status: 200, type: SlaPolicyDto })
  @ApiErrors(BAD_VERSION, NOT_FOUND)
  get(@Param('version', VersionPipe) version: string): Promise<SlaPolicyDto> {
    return this.policies.get(version);
  }

  @Post()
  @ApiOperation({ summary: 'store a new version for a province, checked; it applies once activated' })
  @ApiResponse({ status: 201, type: SlaPolicyDto })
  @ApiErrors(
    [409, 'the version exists'],
    [422, 'a field is not valid: an unknown province or step, a tier missing, a duration not positive, a bad unit'],
  )
  create(@Body() dto: CreateSlaPolicyDto): Promise<SlaPolicyDto> {
    return this.policies.create(dto);
  }

  @Post(':version/activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'put a version in force for the new cases of its province from now (again, to take an older one back); ' +
      'running cases keep the version they started with',
  })
  @ApiResponse({ status: 200, type: SlaPolicyDto })
  @ApiErrors(BAD_VERSION, NOT_FOUND)
  activate(@Param('version', VersionPipe) version: string): Promise<SlaPolicyDto> {
    return this.policies.activate(version);
  }
}
