import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SlaDraftsService } from '../admin/sla-drafts.service';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { SlaSimulationRepository } from './sla-simulation.repository';
import { mapSlaSimulation, type CreateSlaSimulationDto, type SlaSimulationDto } from './sla-simulations.dto';
import { SlaSimulationException } from './sla-simulations.exception';
import { MAX_SIMULATION_CASES, type SimulationSpec } from './simulation-spec';

const DAY = 86_400_000;
const MAX_PERIOD_DAYS = 731;

const invalid = (field: string, message: string) =>
  new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `${field}: ${message}`, [
    { field, problems: [message] },
  ]);

// What-if runs of a draft SLA policy (issue 20): the request checked and kept as a row with the draft, then run by
// the worker (workflows/sla-simulation.workflow.ts); the row is its progress and, once done, its results.
@Injectable()
export class SlaSimulationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaSimulationsService.name);

  constructor(
    private readonly simulations: SlaSimulationRepository,
    private readonly drafts: SlaDraftsService,
    private readonly temporal: CaseWorkflowClient,
  ) {}

  // a run whose workflow never started (the API stopped between the row and the start) starts now
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const id of await this.simulations.unfinished()) await this.temporal.startSlaSimulation(id);
    } catch (err) {
      this.logger.warn({ msg: 'could not resume the what-if runs left unfinished', error: (err as Error).message });
    }
  }

  async create(caller: CurrentUserInfo, draftId: string, dto: CreateSlaSimulationDto): Promise<SlaSimulationDto> {
    const draft = await this.drafts.get(caller, draftId);
    const spec = specOf(dto);
    let cases: number;
    if (spec.source === 'DERIVED') {
      const province = draft.province === 'ID' ? null : draft.province;
      cases = Math.min(
        MAX_SIMULATION_CASES,
        await this.simulations.countClosed(province, new Date(spec.from), new Date(spec.to)),
      );
      if (cases === 0) throw invalid('from', 'no closed case of the province arrived in that period');
    } else cases = spec.cases;
    const row = await this.simulations.create({
      id: randomUUID(),
      draftId,
      spec,
      total: cases * 2,
      by: caller.username,
    });
    if (!row)
      throw new SlaSimulationException(
        'SLA_SIMULATION_RUNNING',
        'a what-if of this draft is already running: wait for it to finish',
      );
    await this.temporal.startSlaSimulation(row.id);
    return mapSlaSimulation(row);
  }

  async list(caller: CurrentUserInfo, draftId: string): Promise<SlaSimulationDto[]> {
    await this.drafts.get(caller, draftId);
    return (await this.simulations.ofDraft(draftId)).map(mapSlaSimulation);
  }

  async get(caller: CurrentUserInfo, draftId: string, id: string): Promise<SlaSimulationDto> {
    await this.drafts.get(caller, draftId);
    const row = await this.simulations.find(id);
    if (!row || row.draftId !== draftId) throw notFound(id);
    return mapSlaSimulation(row);
  }

  // Marked CANCELLED first (so it is, whatever the engine does next), then its workflow cancelled: the worker ends
  // the run's process and servers. Unreachable engine: the worker, reading the run's row every second, stops it.
  async cancel(caller: CurrentUserInfo, draftId: string, id: string): Promise<SlaSimulationDto> {
    await this.drafts.get(caller, draftId);
    const found = await this.simulations.find(id);
    if (!found || found.draftId !== draftId) throw notFound(id);
    const cancelled = await this.simulations.cancel(id, caller.username);
    if (!cancelled) {
      // ended meanwhile or before: its status as it is now
      const status = (await this.simulations.find(id))?.status ?? found.status;
      throw new SlaSimulationException(
        'SLA_SIMULATION_ENDED',
        `the what-if run has already ended (${status}): there is nothing to cancel`,
        { status },
      );
    }
    await this.temporal.cancelSlaSimulation(id).catch((err: unknown) =>
      this.logger.warn({
        msg: 'could not cancel the what-if workflow',
        simulationId: id,
        error: (err as Error).message,
      }),
    );
    return mapSlaSimulation(cancelled);
  }
}

const notFound = (id: string) =>
  new SlaSimulationException('SLA_SIMULATION_NOT_FOUND', `the draft has no what-if run ${id}`);

// The request with its defaults, checked beyond what the DTO's decorators can say.
function specOf(dto: CreateSlaSimulationDto): SimulationSpec {
  const seed = dto.seed ?? 1;
  if (dto.source === 'DERIVED') {
    const from = Date.parse(dto.from!);
    const to = Date.parse(dto.to!);
    if (!(to > from)) throw invalid('to', 'the period must end after it begins');
    if (to - from > MAX_PERIOD_DAYS * DAY) throw invalid('to', 'a period of two years at most');
    return { source: 'DERIVED', from: new Date(from).toISOString(), to: new Date(to).toISOString(), seed };
  }
  const tiers = dto.tiers ?? { HIGH: 20, MEDIUM: 50, LOW: 30 };
  if (tiers.HIGH + tiers.MEDIUM + tiers.LOW === 0) throw invalid('tiers', 'give at least one tier a share above 0');
  const silent = dto.silentPartnerPercent ?? 10;
  const declines = dto.declinePercent ?? 10;
  if (silent + declines > 100)
    throw invalid('declinePercent', 'silent and declining partners together are 100 % at most');
  return {
    source: 'SYNTHETIC',
    cases: dto.cases ?? 200,
    seed,
    tiers: { HIGH: tiers.HIGH, MEDIUM: tiers.MEDIUM, LOW: tiers.LOW },
    silentPartnerPercent: silent,
    declinePercent: declines,
    unreachablePercent: dto.unreachablePercent ?? 10,
  };
}
