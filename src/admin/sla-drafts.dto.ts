import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';
import type { SlaPolicyDraftRow } from '../process/sla-policy-draft.repository';
import { draftOf, tierInversions, type PolicyDiff } from './sla-draft-rules';

const DURATION = {
  type: 'object',
  nullable: true,
  properties: {
    amount: { type: 'integer', minimum: 1 },
    unit: { type: 'string', enum: ['hours', 'days', 'workingDays', 'calendarDays'] },
  },
} as const;
const DEADLINES = {
  type: 'object',
  additionalProperties: true,
  description:
    'per step key, per tier (HIGH, MEDIUM, LOW): {amount, unit} (unit hours, days, workingDays or calendarDays) ' +
    'or null where the step has no deadline for the tier',
  example: { REGISTRATION: { HIGH: { amount: 1, unit: 'hours' }, MEDIUM: { amount: 4, unit: 'hours' } } },
} as const;

export class SlaDraftsQueryDto {
  @ApiPropertyOptional({ example: 'Sulawesi Tengah', description: 'only the drafts of this province (ID: national)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  province?: string;
}

export class CreateSlaDraftDto {
  @ApiProperty({
    example: 'Sulawesi Tengah',
    description: 'ID (national) or a province as its offices name it; a head: their own province only',
  })
  @IsString()
  @Length(1, 100)
  province!: string;
}

// The policy fields are checked by checkDraft (sla-draft-rules.ts), which names each field in INVALID_SLA_POLICY.
export class UpdateSlaDraftDto {
  @ApiProperty({ example: 1, description: "the draft's revision this edit was made on; an older one gets 409" })
  @IsInt({ message: 'revision must be the whole number the draft answered with' })
  @Min(1)
  revision!: number;

  @ApiPropertyOptional({
    ...DEADLINES,
    description: `only what changes: ${DEADLINES.description}; the steps and tiers not named keep their duration`,
  })
  @IsOptional()
  @IsObject({ message: 'deadlines must be an object: step -> tier -> duration' })
  deadlines?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [Number],
    example: [50, 80],
    description: 'the reminders to the assignee, in percent of the deadline: strictly increasing, each in (0, 100)',
  })
  @Allow()
  reminderPercents?: unknown;

  @ApiPropertyOptional({
    type: Number,
    example: 200,
    description: 'the level-2 escalation, in percent of the deadline: (100, 1000]',
  })
  @Allow()
  level2Percent?: unknown;

  @ApiPropertyOptional({
    description: 'true: keep a HIGH deadline longer than the MEDIUM one (or MEDIUM than LOW) of the same step',
  })
  @IsOptional()
  @IsBoolean()
  confirmTierInversions?: boolean;
}

export class PublishSlaDraftDto {
  @ApiProperty({ example: 3, description: "the draft's revision the publisher saw; an older one gets 409" })
  @IsInt({ message: 'revision must be the whole number the draft answered with' })
  @Min(1)
  revision!: number;
}

class TierInversionDto {
  @ApiProperty({ example: 'ASSESSMENT' }) step!: string;
  @ApiProperty({ example: 'HIGH' }) higher!: string;
  @ApiProperty({ example: 'MEDIUM' }) lower!: string;
}

export class SlaDraftDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'ID (national) or a province' }) province!: string;
  @ApiProperty({ description: 'the version in force it was copied from' }) baseVersion!: string;
  @ApiProperty({ description: 'bumped by every edit; an edit or publish names the one it was made on' })
  revision!: number;
  @ApiProperty({ ...DEADLINES, description: `every step key: ${DEADLINES.description}` })
  deadlines!: Record<string, unknown>;
  @ApiProperty({ type: [Number], example: [50, 80] }) reminderPercents!: number[];
  @ApiProperty({ example: 200 }) level2Percent!: number;
  @ApiProperty({ type: [TierInversionDto], description: 'the confirmed inversions it holds' })
  tierInversions!: TierInversionDto[];
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the version it became; set: read-only' })
  publishedVersion!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'in force for new cases from' })
  publishedAt!: string | null;
}

class DeadlineChangeDto {
  @ApiProperty({ example: 'SCREENING' }) step!: string;
  @ApiProperty({ enum: ['HIGH', 'MEDIUM', 'LOW'] }) tier!: string;
  @ApiProperty(DURATION) old!: Record<string, unknown> | null;
  @ApiProperty(DURATION) new!: Record<string, unknown> | null;
  @ApiProperty({
    enum: ['longer', 'shorter', 'sameLength', 'added', 'removed'],
    description: 'sameLength: another unit of the same nominal length (a day of any kind counts 24 h)',
  })
  direction!: string;
}

class PercentsChangeDto {
  @ApiProperty({ type: [Number] }) old!: number[];
  @ApiProperty({ type: [Number] }) new!: number[];
  @ApiProperty() changed!: boolean;
}

class PercentChangeDto {
  @ApiProperty() old!: number;
  @ApiProperty() new!: number;
  @ApiProperty() changed!: boolean;
}

export class SlaDraftDiffDto {
  @ApiProperty({ format: 'uuid' }) draftId!: string;
  @ApiProperty() baseVersion!: string;
  @ApiProperty({ description: 'the version compared with: in force now for the province' }) inForceVersion!: string;
  @ApiProperty({ type: [DeadlineChangeDto], description: 'only the steps and tiers that change, in table order' })
  deadlines!: DeadlineChangeDto[];
  @ApiProperty({ type: PercentsChangeDto }) reminderPercents!: PercentsChangeDto;
  @ApiProperty({ type: PercentChangeDto }) level2Percent!: PercentChangeDto;
}

export function mapSlaDraft(r: SlaPolicyDraftRow): SlaDraftDto {
  const policy = draftOf({ version: r.baseVersion, ...r.policy });
  return {
    id: r.id,
    province: r.region,
    baseVersion: r.baseVersion,
    revision: r.revision,
    deadlines: policy.deadlines,
    reminderPercents: policy.reminderPercents,
    level2Percent: policy.level2Percent,
    tierInversions: tierInversions(policy.deadlines).map(({ step, higher, lower }) => ({ step, higher, lower })),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
    publishedVersion: r.publishedVersion,
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

export function mapSlaDraftDiff(draftId: string, baseVersion: string, inForceVersion: string, d: PolicyDiff) {
  return { draftId, baseVersion, inForceVersion, ...d } satisfies SlaDraftDiffDto;
}
