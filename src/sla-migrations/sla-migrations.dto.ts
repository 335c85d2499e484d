import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { CASE_CATEGORIES, RISK_TIERS, STEP_IDS } from '../../workflows/definition';

export class SlaMigrationFilterDto {
  @ApiPropertyOptional({ type: [String], enum: STEP_IDS, description: 'only cases at one of these steps' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(STEP_IDS, { each: true })
  steps?: string[];

  @ApiPropertyOptional({ type: [String], enum: RISK_TIERS, description: 'only cases of one of these tiers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(RISK_TIERS, { each: true })
  tiers?: string[];

  @ApiPropertyOptional({ type: [String], enum: CASE_CATEGORIES, description: 'only cases of these categories' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CASE_CATEGORIES, { each: true })
  categories?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'only these cases (closed ones among them are reported, not moved)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  caseIds?: string[];
}

export class SlaMigrationPreviewRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "the office whose cases move: a supervisor's or head's own (the default); an admin must name it",
  })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ type: SlaMigrationFilterDto, description: 'none: all open cases of the office' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaMigrationFilterDto)
  filter?: SlaMigrationFilterDto;
}

export class SlaMigrationRequestDto extends SlaMigrationPreviewRequestDto {
  @ApiProperty({ example: 'Perubahan SOP provinsi 2027', description: 'why the cases move (kept with the migration)' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class SlaMigrationClockDto {
  @ApiProperty() clockId!: string;
  @ApiProperty({ enum: STEP_IDS }) step!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) oldDueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: no deadline any more' })
  newDueAt!: string | null;
  @ApiProperty({ description: 'past its new deadline now: it breaches and escalates at once' }) lateNow!: boolean;
}

export class SlaKeptClockDto {
  @ApiProperty() clockId!: string;
  @ApiProperty({ enum: STEP_IDS }) step!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class SlaMigrationPreviewCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ enum: STEP_IDS }) step!: string;
  @ApiProperty({ enum: RISK_TIERS }) tier!: string;
  @ApiProperty() fromVersion!: string;
  @ApiProperty({ type: [SlaMigrationClockDto], description: 'the clocks the policy sets, old and new deadline' })
  clocks!: SlaMigrationClockDto[];
  @ApiProperty({
    type: [SlaKeptClockDto],
    description: 'open clocks that keep their deadline: extended by a supervisor, or set by a rule',
  })
  kept!: SlaKeptClockDto[];
  @ApiProperty({ description: 'a clock would be late at once' }) lateNow!: boolean;
}

export class SlaMigrationPreviewDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() toVersion!: string;
  @ApiProperty({ description: 'the open cases that would move' }) total!: number;
  @ApiProperty({ description: 'of them, late at once under the new version' }) lateNow!: number;
  @ApiProperty({ type: [SlaMigrationPreviewCaseDto] }) cases!: SlaMigrationPreviewCaseDto[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'closed cases of the set: not moved' })
  skippedClosed!: string[];
}

export class SlaMigrationCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: ['PENDING', 'MOVED', 'CLOSED', 'FAILED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) fromVersion!: string | null;
  @ApiProperty({ type: [SlaMigrationClockDto], nullable: true }) clocks!: SlaMigrationClockDto[] | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the workflow refused the move' })
  error!: string | null;
}

export class SlaMigrationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() toVersion!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: SlaMigrationFilterDto }) selection!: SlaMigrationFilterDto;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE'] }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ description: 'cases in the set' }) total!: number;
  @ApiProperty({ description: 'moved, or found closed: nothing left to do' }) done!: number;
  @ApiProperty() moved!: number;
  @ApiProperty({ description: 'closed when their turn came: not moved' }) closed!: number;
  @ApiProperty({ description: 'refused by the workflow (see each case)' }) failed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ type: [SlaMigrationCaseDto] }) cases!: SlaMigrationCaseDto[];
}
