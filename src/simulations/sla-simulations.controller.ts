import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../admin/admin.exception';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import { CreateSlaSimulationDto, SlaSimulationDto } from './sla-simulations.dto';
import { SlaSimulationsService } from './sla-simulations.service';

const BAD_ID: [number, string] = [400, 'the draft id (or the run id) is not a UUID'];
const OTHER_PROVINCE: [number, string] = [403, "a head: the draft is not of their office's province (OTHER_PROVINCE)"];
const NOT_FOUND: [number, string] = [404, 'no such draft (SLA_DRAFT_NOT_FOUND)'];

// What-if runs of a draft SLA policy (issue 20), under the draft's id: the real case workflow on Temporal's
// time-skipping server, each case once under the policy in force and once under the draft, side by side.
@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/sla-policies/:id/simulations')
export class SlaSimulationsController {
  constructor(private readonly simulations: SlaSimulationsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'run a what-if of the draft against the policy in force: a synthetic set (shares, seed) or the ' +
      "province's closed cases of a period; in the background, followed with GET .../simulations/{simulationId}",
  })
  @ApiResponse({ status: 202, type: SlaSimulationDto })
  @ApiErrors(
    BAD_ID,
    OTHER_PROVINCE,
    NOT_FOUND,
    [409, 'SLA_SIMULATION_RUNNING: a run of this draft is under way'],
    [
      422,
      'VALIDATION_FAILED, the field named: source, cases (1 to 2,000), a share or percent outside 0 to 100, no tier ' +
        'with a share, silent and declining partners over 100 %, a period that is not dates, ends before it begins, ' +
        'is longer than two years or holds no closed case',
    ],
    [503, 'the engine is unreachable: the run is kept and starts when it is back'],
  )
  create(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
    @Body() dto: CreateSlaSimulationDto,
  ): Promise<SlaSimulationDto> {
    return this.simulations.create(caller, id, dto);
  }

  @Get()
  @ApiOperation({ summary: "the draft's what-if runs, newest first, with their progress and results" })
  @ApiResponse({ status: 200, type: [SlaSimulationDto] })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, NOT_FOUND)
  list(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
  ): Promise<SlaSimulationDto[]> {
    return this.simulations.list(caller, id);
  }

  @Get(':simulationId')
  @ApiOperation({ summary: 'one run: its progress (done of total) and, once DONE, the results' })
  @ApiResponse({ status: 200, type: SlaSimulationDto })
  @ApiErrors(BAD_ID, OTHER_PROVINCE, [404, 'no such draft, or no such run of it (SLA_SIMULATION_NOT_FOUND)'])
  get(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
    @Param('simulationId', new IdPipe('simulation')) simulationId: string,
  ): Promise<SlaSimulationDto> {
    return this.simulations.get(caller, id, simulationId);
  }

  @Post(':simulationId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'cancel a queued or running run: it stops at once (its worker ends the run), keeps no results, and the draft ' +
      'may run another',
  })
  @ApiResponse({ status: 200, type: SlaSimulationDto, description: 'the run, CANCELLED' })
  @ApiErrors(
    BAD_ID,
    OTHER_PROVINCE,
    [404, 'no such draft, or no such run of it (SLA_SIMULATION_NOT_FOUND)'],
    [409, 'SLA_SIMULATION_ENDED: the run is already DONE, FAILED or CANCELLED (its status in the answer)'],
  )
  cancel(
    @CurrentUser() caller: CurrentUserInfo,
    @Param('id', new IdPipe('draft')) id: string,
    @Param('simulationId', new IdPipe('simulation')) simulationId: string,
  ): Promise<SlaSimulationDto> {
    return this.simulations.cancel(caller, id, simulationId);
  }
}
