// Requests and answers of the case API beyond registration: actions, lists, the timeline, the inbox, export, legal
// hold.
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  ACTION_TYPES,
  ROLES,
  RISK_TIERS,
  STEP_IDS,
  type ActionType,
  type RiskTier,
  type StepId,
} from '../../workflows/definition';
import type { CaseStatus } from '../../workflows/types';
import { DocumentDto } from '../documents/documents.dto';
import { ACTION_PAYLOAD_CLASSES } from './action-payloads';
import { CaseResponseDto } from './cases.dto';

// "true"/"false" in a query string; anything else is left as it is and fails @IsBoolean.
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset?: number;
}

export class ActionRequestDto {
  @ApiProperty({ enum: ACTION_TYPES, example: 'complete-screening' })
  @IsIn(ACTION_TYPES, { message: `type must be one of: ${ACTION_TYPES.join(', ')}` })
  type!: ActionType;

  @ApiPropertyOptional({
    oneOf: Object.values(ACTION_PAYLOAD_CLASSES).map((cls) => ({ $ref: getSchemaPath(cls) })),
    description:
      'the fields of this action type: ' +
      Object.entries(ACTION_PAYLOAD_CLASSES)
        .map(([type, cls]) => `${type} → ${cls.name}`)
        .join(', ') +
      '; {} when it has none',
    example: { indicators: ['DECEPTION'], flags: { medical: true } },
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: STEP_IDS, description: 'refuse the action (409) unless the case is at this step' })
  @IsOptional()
  @IsIn(STEP_IDS, { message: `expectedStep must be a step id: ${STEP_IDS.join(', ')}` })
  expectedStep?: StepId;
}

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 100,
    example: 'siti rahmawati',
    description:
      'search the returnees of your office: a name or alias (partial, any case or accents, a typo or two), ' +
      'a NIK, a passport number, a phone number or a case number; best match first (exact identifiers, ' +
      'then the closest names). Each search is audited as a keyed hash of the query, never the text.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'q must be one search text' })
  @Length(2, 100, { message: 'q must be 2 to 100 characters (after trimming spaces)' })
  q?: string;

  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] })
  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: STEP_IDS })
  @IsOptional()
  @IsIn(STEP_IDS, { message: `step must be a step id: ${STEP_IDS.join(', ')}` })
  step?: StepId;

  @ApiPropertyOptional({ enum: RISK_TIERS })
  @IsOptional()
  @IsIn(RISK_TIERS)
  riskTier?: RiskTier;

  @ApiPropertyOptional({ description: 'true: past their deadline; false: not' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: the cases being handed to the caller's office, waiting for its decision (accept or return)",
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'incoming must be true or false' })
  incoming?: boolean;

  @ApiPropertyOptional({ description: "a user id, or 'me'" })
  @IsOptional()
  @ValidateIf((o: ListCasesQueryDto) => o.assignee !== 'me')
  @IsUUID(undefined, { message: "assignee must be a user id or 'me'" })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "defaults to (and may only be) the caller's office" })
  @IsOptional()
  @IsUUID()
  office?: string;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'recompute the hash chain and report where it breaks' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'verify must be true or false' })
  verify?: boolean;
}

// ---- answers ---------------------------------------------------------------------------------------------------

export class CaseListResponseDto {
  @ApiProperty({ type: [CaseResponseDto] }) items!: CaseResponseDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ description: 'another page follows' }) hasMore!: boolean;
}

export class ActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ enum: [...ROLES, 'SYSTEM'] }) role!: string;
}

export class TimelineNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null once the case is anonymised' }) text!: string | null;
}

export class TimelineEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'screening.completed' }) type!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String }) step!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ description: 'sha256(previous hash + canonical JSON of the event), hex' }) hash!: string;
  @ApiPropertyOptional({
    type: TimelineNoteDto,
    description: 'on note.added: the note (its words are kept apart from the event, which holds their sha256)',
  })
  note?: TimelineNoteDto;
  @ApiPropertyOptional({
    type: TimelineNoteDto,
    description:
      'on sla.policy_migrated: the migration (its id) and its reason, kept apart from the event, which holds the id',
  })
  migration?: TimelineNoteDto;
}

export class ChainBreakDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['SEQUENCE_GAP', 'PREVIOUS_HASH_MISMATCH', 'HASH_MISMATCH', 'NOTE_MISMATCH'] }) reason!: string;
}

export class ChainVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'events checked before the first break (all of them when valid)' })
  checkedEvents!: number;
  @ApiProperty({ type: ChainBreakDto, nullable: true }) brokenAt!: ChainBreakDto | null;
}

export class TimelineResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ type: [TimelineEventDto] }) events!: TimelineEventDto[];
  @ApiPropertyOptional({ type: ChainVerificationDto, description: 'present with ?verify=true' })
  verification?: ChainVerificationDto;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['mine', 'office'],
    default: 'mine',
    description:
      "mine: my open tasks and my office's unassigned ones for my role; office (supervisors and heads): every open " +
      'task of my office, whoever it is assigned to',
  })
  @IsOptional()
  @IsIn(['mine', 'office'], { message: 'scope must be mine or office' })
  scope?: 'mine' | 'office';
}

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: RISK_TIERS, nullable: true }) riskTier!: RiskTier | null;
  @ApiProperty({ enum: ['STEP', 'CONTACT_PARTNER', 'SUPERVISOR_REVIEW', 'APPROVAL'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: STEP_IDS }) step!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the assignee's display name" })
  assigneeName!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ description: 'past its deadline' }) overdue!: boolean;
}

export class InboxResponseDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}

export class LegalHoldDto {
  @ApiProperty({ description: 'true: never anonymise this case while the hold stands' })
  @IsBoolean()
  hold!: boolean;

  @ApiProperty({ example: 'evidence in the TPPO prosecution at PN Palu', maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must say why' })
  @MaxLength(2000)
  reason!: string;
}

export class LegalHoldResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() legalHold!: boolean;
}

export class CaseExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: CaseResponseDto, description: 'the case with the person' }) case!: CaseResponseDto;
  @ApiProperty({ type: [TimelineEventDto] }) timeline!: TimelineEventDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) tasks!: Record<
    string,
    unknown
  >[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) escalations!: Record<
    string,
    unknown
  >[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'every notification, with the exact body each partner received',
  })
  notifications!: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'who read or changed the case',
  })
  accessLog!: Record<string, unknown>[];
  @ApiProperty({
    type: [DocumentDto],
    description: 'the records of the documents of the case (each file is downloaded on its own)',
  })
  documents!: DocumentDto[];
  @ApiProperty() legalHold!: boolean;
  @ApiProperty({ nullable: true, type: String }) legalHoldReason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) anonymisedAt!: string | null;
}
