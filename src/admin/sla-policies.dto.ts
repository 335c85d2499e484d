import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { SlaPolicyRow } from '../process/sla-policy.repository';

export const POLICY_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DEADLINES = {
  type: 'object',
  additionalProperties: true,
  description:
    'per step key (every one of them), per tier (HIGH, MEDIUM, LOW): {amount, unit} with unit hours, days, ' +
    'workingDays or calendarDays, or null where the step has no deadline for the tier',
  example: { REGISTRATION: { HIGH: { amount: 1, unit: 'hours' }, MEDIUM: { amount: 4, unit: 'hours' }, LOW: null } },
} as const;

export class SlaPoliciesQueryDto {
  @ApiPropertyOptional({ example: 'Sulawesi Tengah', description: 'a province, or ID for the national policy' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  province?: string;
}

export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'Papua', description: 'ID (national) or a province, as its offices name it' })
  @IsString()
  @Length(1, 100)
  province!: string;

  @ApiProperty({ example: 'papua-2027.1', description: 'unique: letters, digits, ".", "_", "-"; up to 64' })
  @Matches(POLICY_VERSION, { message: 'version must be 1 to 64 letters, digits, ".", "_" or "-"' })
  version!: string;

  @ApiProperty(DEADLINES)
  @IsObject({ message: 'deadlines must be an object: step -> tier -> duration' })
  deadlines!: Record<string, unknown>;
}

export class SlaPolicyDto {
  @ApiProperty() version!: string;
  @ApiProperty({ description: 'ID (national) or a province' }) province!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null: not activated' })
  activeFrom!: string | null;
  @ApiProperty({ description: 'the version new cases of the province start with' }) inForce!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(DEADLINES) deadlines!: Record<string, unknown>;
  @ApiPropertyOptional({ type: [Number], description: 'reminders in percent of a deadline; absent: 50 and 80' })
  reminderPercents?: readonly number[];
  @ApiPropertyOptional({ description: 'the level-2 escalation in percent of a deadline; absent: 200' })
  level2Percent?: number;
}

export function mapSlaPolicy(r: SlaPolicyRow, inForce: boolean): SlaPolicyDto {
  return {
    version: r.version,
    province: r.region,
    activeFrom: r.activeFrom?.toISOString() ?? null,
    inForce,
    createdAt: r.createdAt.toISOString(),
    deadlines: r.policy.deadlines,
    // a version published from a draft carries them (sla-drafts.service.ts); an older one reads as the defaults
    ...(r.policy.reminderPercents ? { reminderPercents: r.policy.reminderPercents } : {}),
    ...(r.policy.level2Percent ? { level2Percent: r.policy.level2Percent } : {}),
  };
}
