import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { SlaSimulationRow } from './sla-simulation.repository';
import { MAX_SIMULATION_CASES } from './simulation-spec';

export class TierSharesDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 20 }) @IsInt() @Min(0) @Max(100) HIGH!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 50 }) @IsInt() @Min(0) @Max(100) MEDIUM!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 30 }) @IsInt() @Min(0) @Max(100) LOW!: number;
}

const SYNTHETIC = (o: CreateSlaSimulationDto) => o.source === 'SYNTHETIC';
const DERIVED = (o: CreateSlaSimulationDto) => o.source === 'DERIVED';

export class CreateSlaSimulationDto {
  @ApiProperty({
    enum: ['SYNTHETIC', 'DERIVED'],
    description:
      "SYNTHETIC: a set drawn with the seed (tiers' shares, partners' and returnees' behaviour as given; the people's " +
      "times from the read model's closed cases of the last year where they are enough); DERIVED: the province's " +
      'closed cases that arrived in [from, to), with their own times (never their personal data)',
  })
  @IsIn(['SYNTHETIC', 'DERIVED'])
  source!: 'SYNTHETIC' | 'DERIVED';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SIMULATION_CASES, default: 200, description: 'SYNTHETIC only' })
  @ValidateIf(SYNTHETIC)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SIMULATION_CASES)
  cases?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, description: 'the same seed draws the same set (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  seed?: number;

  @ApiPropertyOptional({ type: TierSharesDto, description: 'SYNTHETIC: weights of the tiers (default 20/50/30)' })
  @ValidateIf(SYNTHETIC)
  @IsOptional()
  @ValidateNested()
  @Type(() => TierSharesDto)
  tiers?: TierSharesDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 10, description: 'SYNTHETIC: partners that never answer' })
  @ValidateIf(SYNTHETIC)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  silentPartnerPercent?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 10, description: 'SYNTHETIC: partners that decline' })
  @ValidateIf(SYNTHETIC)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  declinePercent?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: 10,
    description: 'SYNTHETIC: returnees not reached at the monitoring follow-ups',
  })
  @ValidateIf(SYNTHETIC)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  unreachablePercent?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'DERIVED: arrivals from (inclusive)' })
  @ValidateIf(DERIVED)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-07-01', description: 'DERIVED: arrivals before (exclusive)' })
  @ValidateIf(DERIVED)
  @IsISO8601({ strict: true })
  to?: string;
}

class StageCountsDto {
  @ApiProperty({ description: 'a step, REFERRAL_ACK / REFERRAL_DECISION (the partner), or a clock by its kind' })
  stage!: string;
  @ApiProperty({ enum: ['HIGH', 'MEDIUM', 'LOW'] }) tier!: string;
  @ApiProperty({ description: 'deadlines set' }) deadlines!: number;
  @ApiProperty() reminders!: number;
  @ApiProperty() breaches!: number;
  @ApiProperty() escalations1!: number;
  @ApiProperty() escalations2!: number;
}

class TotalsDto {
  @ApiProperty() deadlines!: number;
  @ApiProperty() reminders!: number;
  @ApiProperty() breaches!: number;
  @ApiProperty() escalations1!: number;
  @ApiProperty() escalations2!: number;
}

class FailureDto {
  @ApiProperty() reason!: string;
  @ApiProperty() count!: number;
}

class PolicyOutcomeDto {
  @ApiProperty({ enum: ['IN_FORCE', 'DRAFT'] }) label!: string;
  @ApiProperty() version!: string;
  @ApiProperty() cases!: number;
  @ApiProperty() closed!: number;
  @ApiProperty({ description: 'cases the simulation could not play to their end' }) failed!: number;
  @ApiProperty({ type: [FailureDto], description: 'why, each reason once with its count (at most 5)' })
  failures!: FailureDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'registration to closure, of the closed cases' })
  medianDaysToClose!: number | null;
  @ApiProperty({ type: TotalsDto }) totals!: TotalsDto;
  @ApiProperty({ type: [StageCountsDto] }) stages!: StageCountsDto[];
}

class SimulationResultsDto {
  @ApiProperty() cases!: number;
  @ApiProperty() simulatedDays!: number;
  @ApiProperty({ description: "the run's own time on the worker" }) seconds!: number;
  @ApiProperty({ description: "stage-and-tier pairs whose people's times come from closed cases (5 or more)" })
  timingsMeasured!: number;
  @ApiProperty() timingsTotal!: number;
  @ApiProperty({ type: PolicyOutcomeDto }) inForce!: PolicyOutcomeDto;
  @ApiProperty({ type: PolicyOutcomeDto }) draft!: PolicyOutcomeDto;
}

export class SlaSimulationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) draftId!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'] }) status!: string;
  @ApiProperty({ description: 'the request, defaults filled in' }) spec!: Record<string, unknown>;
  @ApiProperty({ description: 'simulated cases finished (each case runs once per policy)' }) done!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: SimulationResultsDto, nullable: true }) results!: SimulationResultsDto | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'done, failed or cancelled' })
  finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'who cancelled the run (CANCELLED)' })
  cancelledBy!: string | null;
}

export function mapSlaSimulation(r: SlaSimulationRow): SlaSimulationDto {
  return {
    id: r.id,
    draftId: r.draftId,
    status: r.status,
    spec: r.spec,
    done: r.done,
    total: r.total,
    results: r.results,
    error: r.error,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    cancelledBy: r.cancelledBy,
  };
}
