// Requests and answers of the escalation queue: the list, one escalation, its resolution.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { RISK_TIERS, STEP_IDS, type RiskTier } from '../../workflows/definition';
import type { EscalationResolutionType } from '../../workflows/types';
import { PageQueryDto } from '../cases/case-api.dto';
import { CaseResponseDto } from '../cases/cases.dto';
import type { EscalationRow } from './escalation.repository';

export class EscalationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'RESOLVED', 'ALL'], default: 'OPEN' })
  @IsOptional()
  @IsIn(['OPEN', 'RESOLVED', 'ALL'])
  status?: 'OPEN' | 'RESOLVED' | 'ALL';

  @ApiPropertyOptional({ enum: [1, 2] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2], { message: 'level must be 1 or 2' })
  level?: 1 | 2;
}

export const RESOLUTIONS = ['REASSIGN', 'EXTEND', 'TAKE_OVER', 'ACKNOWLEDGE'] as const;

export class ResolveEscalationDto {
  @ApiProperty({ enum: RESOLUTIONS })
  @IsIn(RESOLUTIONS, { message: `resolution must be one of: ${RESOLUTIONS.join(', ')}` })
  resolution!: EscalationResolutionType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'REASSIGN: the caseworker or supervisor of the office who takes the case',
  })
  @ValidateIf((o: ResolveEscalationDto) => o.resolution === 'REASSIGN' || o.assigneeId !== undefined)
  @IsUUID(undefined, { message: 'assigneeId must be the id of a user of your office (required for REASSIGN)' })
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'EXTEND: the new deadline, in the future' })
  @ValidateIf((o: ResolveEscalationDto) => o.resolution === 'EXTEND' || o.newDueAt !== undefined)
  @IsISO8601({ strict: true }, { message: 'newDueAt must be an ISO 8601 date-time (required for EXTEND)' })
  newDueAt?: string;

  @ApiProperty({ example: 'caseworker on leave; reassigned', maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must say why' })
  @MaxLength(2000)
  reason!: string;
}

// ---- answers ---------------------------------------------------------------------------------------------------

export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: RISK_TIERS, nullable: true }) riskTier!: RiskTier | null;
  @ApiProperty({ enum: [1, 2] }) level!: 1 | 2;
  @ApiProperty({ example: 'STEP_OVERDUE' }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: STEP_IDS }) step!: string;
  @ApiProperty({ enum: ['SUPERVISOR', 'HEAD'] }) assignedRole!: string;
  @ApiProperty({
    description: 'the provincial anti-trafficking task force is to be told (TPPO or HIGH cases at level 2)',
  })
  notifyTaskForce!: boolean;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) resolution!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resolvedBy!: string | null;
}

export class EscalationListResponseDto {
  @ApiProperty({ type: [EscalationDto] }) items!: EscalationDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}

export class ResolveEscalationResponseDto {
  @ApiProperty({ type: EscalationDto }) escalation!: EscalationDto;
  @ApiProperty({ type: CaseResponseDto }) case!: CaseResponseDto;
}

export function mapEscalation(r: EscalationRow): EscalationDto {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    riskTier: r.riskTier,
    level: Number(r.level) as 1 | 2,
    kind: r.kind,
    reason: r.reason,
    step: r.step,
    assignedRole: r.assignedRole,
    notifyTaskForce: r.notifyTaskForce,
    status: r.status,
    openedAt: r.openedAt.toISOString(),
    resolution: r.resolution,
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    resolvedBy: r.resolvedBy,
  };
}
