// The payload of each action type of POST /cases/{id}/actions: one class-validator DTO per type, implementing the
// payload type the action declares (workflows/definition/actions.ts), which the workflow's handler reads. The request
// DTO can only say "an object", so the service validates the payload here, by its type, before anything is sent to
// Temporal.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema, type ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import {
  ACTION_TYPES,
  CARE_FACILITY_KINDS,
  CLOSURE_REASON_CODES,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  HANDOVER_RECIPIENTS,
  LEGAL_BASES,
  REFUSAL_SIGNERS,
  REVIEW_OUTCOMES,
  RISK_TIERS,
  SHELTER_KINDS,
  SHELTER_MAX_EXTENSION_DAYS,
  SHELTER_MAX_STAY_DAYS,
  SHELTER_STAY_DAYS,
  STEP_IDS,
  TPPO_REPORT_RECIPIENTS,
  TRAFFICKING_INDICATORS,
  type ActionPayload,
  type ActionRequestPayload,
  type ActionType,
  type AssessmentPlan,
  type ClosureReasonCode,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
  type LegalBasis,
  type ReviewOutcome,
  type RiskTier,
  type ScreeningFlags,
  type StepId,
  type TraffickingIndicator,
} from '../../workflows/definition';

const NAME_MAX = 200;
const TEXT_MAX = 2000;
// a note: what was said and seen, in the caseworker's words
export const NOTE_MAX = 5000;
const LIST_MAX = 20;

// Rejects "" and whitespace only; a non-string fails here too, next to the IsString message.
const NOT_BLANK = /\S/;
// A date-time with its time zone: the expiry must not depend on where the server runs.
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

// ---- shared property shapes ---------------------------------------------------------------------------------------

// The words of a note that comes with an action: kept in the case file (PostgreSQL), never sent to the workflow.
function Notes(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      minLength: 1,
      maxLength: NOTE_MAX,
      example: 'berbicara dengan PMI dalam Bahasa Indonesia; tenang',
      description: 'a note for the case file',
    }),
    IsOptional(),
    IsString(),
    Matches(NOT_BLANK, { message: '$property must not be empty' }),
    MaxLength(NOTE_MAX),
  );
}

function RequiredText(max: number, example: string, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, example, ...(description ? { description } : {}) }),
    IsString(),
    Matches(NOT_BLANK, { message: '$property must not be empty' }),
    MaxLength(max),
  );
}

function OptionalText(max: number, example: string, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      minLength: 1,
      maxLength: max,
      example,
      ...(description ? { description } : {}),
    }),
    IsOptional(),
    IsString(),
    Matches(NOT_BLANK, { message: '$property must not be empty' }),
    MaxLength(max),
  );
}

// The uploaded signed document an action records: one of the case's documents, of the action's kind.
function SignedDocumentId(kind: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'uuid',
      description: `a document of this case of kind ${kind} (POST /cases/{id}/documents)`,
    }),
    IsOptional(),
    IsUUID(),
  );
}

// A list of short free-text names (services, data categories): unique, non-empty strings.
function NameList(opts: {
  min: number;
  max: number;
  example: string[];
  description: string;
  optional?: boolean;
}): PropertyDecorator {
  const schema: ApiPropertyOptions = {
    type: [String],
    minItems: opts.min,
    maxItems: opts.max,
    uniqueItems: true,
    example: opts.example,
    description: opts.description,
  };
  return applyDecorators(
    opts.optional ? ApiPropertyOptional(schema) : ApiProperty(schema),
    ...(opts.optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMinSize(opts.min),
    ArrayMaxSize(opts.max),
    ArrayUnique(),
    IsString({ each: true }),
    Matches(NOT_BLANK, { each: true, message: 'each value in $property must be a non-empty string' }),
    MaxLength(NAME_MAX, { each: true }),
  );
}

function OptionalFlag(description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ type: Boolean, example: true, description }), IsOptional(), IsBoolean());
}

// ---- nested objects -----------------------------------------------------------------------------------------------

@ApiSchema({ description: 'What the screening found (PROCESS.md "Risk tiers"); a flag left out is false.' })
export class ScreeningFlagsDto implements ScreeningFlags {
  @OptionalFlag('medical emergency or severe mental disorder (HIGH)') medical?: boolean;
  @OptionalFlag('threat from a perpetrator or syndicate (HIGH)') safety?: boolean;
  @OptionalFlag('a child, above all unaccompanied (HIGH)') child?: boolean;
  @OptionalFlag('a pregnant woman (HIGH)') pregnant?: boolean;
  @OptionalFlag('disability without a carer (HIGH)') disability?: boolean;
  @OptionalFlag('no family and unable to cope (HIGH)') noFamily?: boolean;
  @OptionalFlag('elderly (MEDIUM)') elderly?: boolean;
  @OptionalFlag('a woman travelling with children (MEDIUM)') withChildren?: boolean;
  @OptionalFlag('distress without danger (MEDIUM)') distress?: boolean;
  @OptionalFlag('unpaid wages or a rights claim with vulnerability (MEDIUM)') rightsClaim?: boolean;
  @OptionalFlag('a deportee after detention (MEDIUM)') afterDetention?: boolean;
  @OptionalFlag('non-emergency illness or injury (MEDIUM)') illness?: boolean;
  @OptionalFlag('needs a temporary shelter') needsShelter?: boolean;
  @OptionalFlag('goes straight home: no shelter step') goesStraightHome?: boolean;
}

@ApiSchema({
  description: 'The parent or guardian who gives consent for the returnee (for a child, UU 27/2022 Pasal 25).',
})
export class ConsentGuardianDto implements NonNullable<ActionPayload<'record-consent'>['guardian']> {
  @RequiredText(NAME_MAX, 'Hasanah binti Ahmad')
  name!: string;

  @RequiredText(100, 'mother')
  relationship!: string;
}

@ApiSchema({ description: 'The intervention plan of the assessment: which of the later steps the case takes.' })
export class AssessmentPlanDto implements AssessmentPlan {
  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'the case goes through rehabilitation (step 8); left out: by the risk tier (all but LOW)',
  })
  @IsOptional()
  @IsBoolean()
  rehabilitation?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'the case goes through reintegration (step 10); left out: by the risk tier (all but LOW)',
  })
  @IsOptional()
  @IsBoolean()
  reintegration?: boolean;

  @NameList({
    min: 0,
    max: LIST_MAX,
    example: ['PSYCHOSOCIAL', 'MEDICAL'],
    description: 'services the plan calls for',
    optional: true,
  })
  services?: string[];
}

// ---- one payload per action type ----------------------------------------------------------------------------------

@ApiSchema({ description: 'complete-registration: the registration is complete.' })
export class CompleteRegistrationPayload implements ActionRequestPayload<'complete-registration'> {
  @Notes() notes?: string;
}

@ApiSchema({
  description:
    'complete-screening: the findings; the risk tier is computed from them (PROCESS.md), ' +
    'an explicit riskTier may raise it and only a supervisor may set it lower.',
})
export class CompleteScreeningPayload implements ActionRequestPayload<'complete-screening'> {
  @ApiProperty({
    enum: TRAFFICKING_INDICATORS,
    isArray: true,
    uniqueItems: true,
    example: ['DECEPTION', 'CONFISCATED_DOCUMENTS'],
    description: 'trafficking indicators found; [] when none',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(TRAFFICKING_INDICATORS, {
    each: true,
    message: `each value in indicators must be one of: ${TRAFFICKING_INDICATORS.join(', ')}`,
  })
  indicators!: TraffickingIndicator[];

  @ApiProperty({ type: ScreeningFlagsDto, example: { medical: true, safety: false } })
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningFlagsDto)
  flags!: ScreeningFlagsDto;

  @ApiPropertyOptional({
    enum: RISK_TIERS,
    example: 'HIGH',
    description: 'overrides the computed tier: raising it is open to staff, lowering it to a supervisor',
  })
  @IsOptional()
  @IsIn(RISK_TIERS)
  riskTier?: RiskTier;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'record-emergency-care: the returnee was taken to emergency care (step 3).' })
export class RecordEmergencyCarePayload implements ActionRequestPayload<'record-emergency-care'> {
  @ApiPropertyOptional({ enum: CARE_FACILITY_KINDS, example: 'HOSPITAL' })
  @IsOptional()
  @IsIn(CARE_FACILITY_KINDS)
  facilityKind?: (typeof CARE_FACILITY_KINDS)[number];

  @Notes() notes?: string;
}

@ApiSchema({ description: 'file-tppo-report: trafficking was reported (step 4); tells the police and the task force.' })
export class FileTppoReportPayload implements ActionRequestPayload<'file-tppo-report'> {
  @ApiPropertyOptional({
    enum: TPPO_REPORT_RECIPIENTS,
    isArray: true,
    uniqueItems: true,
    minItems: 1,
    example: ['POLICE', 'TASK_FORCE'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TPPO_REPORT_RECIPIENTS, {
    each: true,
    message: `each value in reportedTo must be one of: ${TPPO_REPORT_RECIPIENTS.join(', ')}`,
  })
  reportedTo?: (typeof TPPO_REPORT_RECIPIENTS)[number][];

  @Notes() notes?: string;
}

@ApiSchema({
  description:
    'record-consent: a consent to share data with one agency for a referral; ' +
    'the case lists it under consents with its id.',
})
export class RecordConsentPayload implements ActionRequestPayload<'record-consent'> {
  @ApiProperty({
    enum: CONSENT_GIVERS,
    example: 'SELF',
    description: 'the returnee, or a parent or guardian (required for a child)',
  })
  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @ApiPropertyOptional({ type: ConsentGuardianDto, description: 'required when givenBy is GUARDIAN' })
  @ValidateIf((o: RecordConsentPayload) => o.givenBy === 'GUARDIAN' || o.guardian !== undefined)
  @IsDefined({ message: 'guardian is required when givenBy is GUARDIAN' })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentGuardianDto)
  guardian?: ConsentGuardianDto;

  @ApiProperty({ enum: CONSENT_METHODS, example: 'WRITTEN' })
  @IsIn(CONSENT_METHODS)
  method!: ConsentMethod;

  @ApiProperty({ enum: CONSENT_PURPOSES, example: 'REFERRAL' })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({
    format: 'uuid',
    example: '3f1c2a9e-7b4d-4c8e-9a51-2d6f0b8e4c17',
    description: 'the partner agency the consent covers',
  })
  @IsUUID()
  recipientAgencyId!: string;

  @NameList({
    min: 1,
    max: 30,
    example: ['IDENTITY', 'HEALTH'],
    description: 'the categories of personal data that may be shared',
  })
  dataCategories!: string[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2027-06-01T00:00:00Z',
    description: 'ISO 8601 date-time with a time zone; must be in the future',
  })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  @Matches(DATE_TIME_WITH_ZONE, {
    message: 'expiresAt must be a date-time with a time zone, such as 2027-06-01T00:00:00Z',
  })
  expiresAt!: string;

  @SignedDocumentId('SIGNED_CONSENT') documentId?: string;
}

@ApiSchema({ description: 'send-referral: refers the returnee to a partner agency.' })
export class SendReferralPayload implements ActionRequestPayload<'send-referral'> {
  @ApiProperty({ format: 'uuid', example: '3f1c2a9e-7b4d-4c8e-9a51-2d6f0b8e4c17' })
  @IsUUID()
  agencyId!: string;

  @NameList({
    min: 1,
    max: LIST_MAX,
    example: ['SHELTER', 'COUNSELLING'],
    description: 'the services requested of the agency',
  })
  services!: string[];

  @ApiProperty({
    enum: LEGAL_BASES,
    example: 'CONSENT',
    description: 'VITAL_INTEREST: supervisor only, HIGH cases only',
  })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '9b2e6d41-0c3a-4f7e-8d15-6a4c2b9f1e03',
    description: 'a consent of this case covering the agency; required when legalBasis is CONSENT',
  })
  @ValidateIf((o: SendReferralPayload) => o.legalBasis === 'CONSENT' || o.consentId !== undefined)
  @IsUUID(undefined, {
    message: 'consentId must be the id of a consent of this case (required when legalBasis is CONSENT)',
  })
  consentId?: string;
}

@ApiSchema({ description: 'start-shelter: the returnee is placed in a temporary shelter (step 6).' })
export class StartShelterPayload implements ActionRequestPayload<'start-shelter'> {
  @ApiPropertyOptional({ enum: SHELTER_KINDS, example: 'RUMAH_AMAN' })
  @IsOptional()
  @IsIn(SHELTER_KINDS)
  shelterKind?: (typeof SHELTER_KINDS)[number];

  @Notes() notes?: string;
}

@ApiSchema({ description: 'request-shelter-extension: asks a supervisor to extend the shelter stay.' })
export class RequestShelterExtensionPayload implements ActionRequestPayload<'request-shelter-extension'> {
  @ApiProperty({
    type: Number,
    minimum: 1,
    maximum: SHELTER_MAX_EXTENSION_DAYS,
    example: 7,
    description:
      `a stay lasts at most ${SHELTER_MAX_STAY_DAYS} days in all (${SHELTER_STAY_DAYS} and extensions); ` +
      `a case started before that rule may be extended by up to ${SHELTER_MAX_EXTENSION_DAYS} days in all`,
  })
  @IsInt()
  @Min(1)
  @Max(SHELTER_MAX_EXTENSION_DAYS)
  days!: number;

  @RequiredText(TEXT_MAX, 'waiting for the family to be traced')
  reason!: string;
}

@ApiSchema({ description: 'approve-shelter-extension: a supervisor approves the pending extension.' })
export class ApproveShelterExtensionPayload implements ActionRequestPayload<'approve-shelter-extension'> {
  @Notes() notes?: string;
}

@ApiSchema({
  description: 'reject-shelter-extension: a supervisor refuses the pending extension; the stay ends as set.',
})
export class RejectShelterExtensionPayload implements ActionRequestPayload<'reject-shelter-extension'> {
  @RequiredText(TEXT_MAX, 'keluarga sudah ditemukan dan siap menjemput')
  reason!: string;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'complete-assessment: the biopsychosocial assessment and its intervention plan (step 7).' })
export class CompleteAssessmentPayload implements ActionRequestPayload<'complete-assessment'> {
  @ApiProperty({ type: AssessmentPlanDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentPlanDto)
  plan!: AssessmentPlanDto;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'start-rehabilitation: rehabilitation starts (step 8); reviews are due every 30 days.' })
export class StartRehabilitationPayload implements ActionRequestPayload<'start-rehabilitation'> {
  @NameList({
    min: 0,
    max: LIST_MAX,
    example: ['MEDICAL', 'PSYCHOSOCIAL'],
    description: 'the rehabilitation services started',
    optional: true,
  })
  services?: string[];

  @Notes() notes?: string;
}

@ApiSchema({ description: 'record-rehabilitation-review: the 30-day review of the rehabilitation took place.' })
export class RecordRehabilitationReviewPayload implements ActionRequestPayload<'record-rehabilitation-review'> {
  @Notes() notes?: string;
}

@ApiSchema({ description: 'complete-rehabilitation: rehabilitation is finished.' })
export class CompleteRehabilitationPayload implements ActionRequestPayload<'complete-rehabilitation'> {
  @Notes() notes?: string;
}

@ApiSchema({
  description:
    'record-refusal: a signed refusal of rehabilitation (surat pernyataan penolakan); ' +
    'the case moves on to return home.',
})
export class RecordRefusalPayload implements ActionRequestPayload<'record-refusal'> {
  @ApiProperty({ enum: REFUSAL_SIGNERS, example: 'SELF', description: 'FAMILY for someone not legally competent' })
  @IsIn(REFUSAL_SIGNERS)
  signedBy!: (typeof REFUSAL_SIGNERS)[number];

  @Notes() notes?: string;

  @SignedDocumentId('SIGNED_REFUSAL') documentId?: string;
}

// When a step-9 event happened (record-arrival-home, record-fit-to-travel): not in the future; left out, now.
function HappenedAt(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'date-time',
      example: '2026-03-02T08:30:00+08:00',
      description: 'when it happened, ISO 8601 with a time zone, not in the future; left out: now',
    }),
    IsOptional(),
    IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO 8601 date-time' }),
    Matches(DATE_TIME_WITH_ZONE, { message: 'at must be a date-time with a time zone, such as 2026-03-02T08:30:00Z' }),
  );
}

@ApiSchema({
  description: 'record-arrival-home: the returnee arrived home (step 9); a HIGH handover is due within 24 h of it.',
})
export class RecordArrivalHomePayload implements ActionRequestPayload<'record-arrival-home'> {
  @HappenedAt() at?: string;

  @Notes() notes?: string;
}

@ApiSchema({
  description:
    'record-fit-to-travel: the returnee was declared fit to travel (step 9); a MEDIUM handover is due ' +
    '3 working days after it.',
})
export class RecordFitToTravelPayload implements ActionRequestPayload<'record-fit-to-travel'> {
  @HappenedAt() at?: string;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'record-handover: the returnee was handed over (step 9), with a berita acara.' })
export class RecordHandoverPayload implements ActionRequestPayload<'record-handover'> {
  @ApiProperty({ enum: HANDOVER_RECIPIENTS, example: 'FAMILY', description: 'KEMENSOS when there is no family' })
  @IsIn(HANDOVER_RECIPIENTS)
  handedTo!: (typeof HANDOVER_RECIPIENTS)[number];

  @OptionalText(NAME_MAX, 'Kepala Desa Towale', 'the local-government witness of the berita acara')
  witnessedBy?: string;

  @Notes() notes?: string;

  @SignedDocumentId('HANDOVER_RECORD') documentId?: string;
}

@ApiSchema({
  description: 'enrol-reintegration: the returnee is enrolled in a reintegration or empowerment programme (step 10).',
})
export class EnrolReintegrationPayload implements ActionRequestPayload<'enrol-reintegration'> {
  @OptionalText(NAME_MAX, 'DESMIGRATIF')
  programme?: string;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'record-follow-up: a monitoring follow-up; reached false records a failed attempt.' })
export class RecordFollowUpPayload implements ActionRequestPayload<'record-follow-up'> {
  @ApiProperty({ type: Boolean, example: true, description: 'the returnee was reached' })
  @IsBoolean()
  reached!: boolean;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'change-risk-tier: sets the risk tier; lowering it is for a supervisor.' })
export class ChangeRiskTierPayload implements ActionRequestPayload<'change-risk-tier'> {
  @ApiProperty({ enum: RISK_TIERS, example: 'HIGH' })
  @IsIn(RISK_TIERS)
  riskTier!: RiskTier;

  @RequiredText(TEXT_MAX, 'threat from the recruiter')
  reason!: string;
}

@ApiSchema({
  description:
    'propose-closure: the caseworker proposes to close the case, at step CLOSURE (COMPLETED) or early at any open ' +
    'step with a reason code; a supervisor approves or rejects.',
})
export class ProposeClosurePayload implements ActionRequestPayload<'propose-closure'> {
  @ApiPropertyOptional({
    enum: CLOSURE_REASON_CODES,
    example: 'COMPLETED',
    default: 'COMPLETED',
    description:
      'COMPLETED: at step CLOSURE. DIED, MIGRATED_AGAIN: at any open step. UNREACHABLE: after the failed ' +
      'follow-ups that escalate. DUPLICATE: with duplicateOfCaseId, another case of this office. INFORMATION_ONLY: ' +
      'a LOW case at step REFERRAL with no referral under way.',
  })
  @IsOptional()
  @IsIn(CLOSURE_REASON_CODES, { message: `reasonCode must be one of: ${CLOSURE_REASON_CODES.join(', ')}` })
  reasonCode?: ClosureReasonCode;

  @OptionalText(TEXT_MAX, 'plan completed; returnee working in the home village')
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'DUPLICATE only: the other case of this office, kept open' })
  @ValidateIf((o: ProposeClosurePayload) => o.duplicateOfCaseId !== undefined || o.reasonCode === 'DUPLICATE')
  @IsUUID(undefined, { message: 'duplicateOfCaseId must be the id of another case of this office' })
  duplicateOfCaseId?: string;
}

@ApiSchema({ description: 'approve-closure: a supervisor closes the case.' })
export class ApproveClosurePayload implements ActionRequestPayload<'approve-closure'> {
  @Notes() notes?: string;
}

@ApiSchema({ description: 'reject-closure: a supervisor sends the case back to the caseworker.' })
export class RejectClosurePayload implements ActionRequestPayload<'reject-closure'> {
  @OptionalText(TEXT_MAX, 'follow-up notes missing')
  reason?: string;
}

@ApiSchema({ description: 'reopen: a supervisor reopens a closed case, at MONITORING unless a step is given.' })
export class ReopenPayload implements ActionRequestPayload<'reopen'> {
  @RequiredText(TEXT_MAX, 'returnee asked for help again')
  reason!: string;

  @ApiPropertyOptional({ enum: STEP_IDS, example: 'MONITORING', default: 'MONITORING' })
  @IsOptional()
  @IsIn(STEP_IDS, { message: `step must be a step id: ${STEP_IDS.join(', ')}` })
  step?: StepId;
}

@ApiSchema({
  description:
    'withdraw-consent: the returnee (or guardian) withdraws a consent; the referrals it covered are revoked and ' +
    'their partners told.',
})
export class WithdrawConsentPayload implements ActionRequestPayload<'withdraw-consent'> {
  @ApiProperty({ format: 'uuid', description: "the id of a consent of this case (see the case's consents)" })
  @IsUUID(undefined, { message: 'consentId must be the id of a consent of this case' })
  consentId!: string;

  @RequiredText(TEXT_MAX, 'the returnee no longer wants the shelter to hold her data')
  reason!: string;
}

@ApiSchema({
  description:
    'review-referral (supervisor): the review that a referral made without consent (vital interest) opens, ' +
    'due within 24 h. UPHELD keeps the referral; REVOKED revokes it and tells the partner.',
})
export class ReviewReferralPayload implements ActionRequestPayload<'review-referral'> {
  @ApiProperty({
    format: 'uuid',
    description: "the id of a vital-interest referral of this case (see the case's referrals)",
  })
  @IsUUID(undefined, { message: 'referralId must be the id of a referral of this case' })
  referralId!: string;

  @ApiProperty({ enum: REVIEW_OUTCOMES, example: 'UPHELD' })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @RequiredText(NOTE_MAX, 'the returnee was unconscious on arrival; consent to be asked once she can answer')
  notes!: string;
}

@ApiSchema({
  description: 'add-note: a note for the case file at any step (what was said or seen); it does not move the case.',
})
export class AddNotePayload implements ActionRequestPayload<'add-note'> {
  @RequiredText(NOTE_MAX, 'keluarga di Donggala sudah dihubungi; ibunya siap menjemput di Pelabuhan Pantoloan')
  text!: string;
}

@ApiSchema({
  description:
    'transfer-case: the office that has the case hands it to another BP3MI office (the home region); a supervisor ' +
    'there accepts or returns it.',
})
export class TransferCasePayload implements ActionRequestPayload<'transfer-case'> {
  @ApiProperty({ format: 'uuid', description: 'the receiving office (GET /offices)' })
  @IsUUID(undefined, { message: 'toOfficeId must be the id of an office' })
  toOfficeId!: string;

  @OptionalText(TEXT_MAX, 'returnee goes home to Surabaya; steps 9 to 11 by BP3MI Jawa Timur')
  reason?: string;
}

@ApiSchema({
  description:
    'accept-transfer (supervisor of the receiving office): the office takes the case over, with its tasks, ' +
    'deadlines and escalations.',
})
export class AcceptTransferPayload implements ActionRequestPayload<'accept-transfer'> {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "a caseworker of the receiving office who takes the case (left out: the office's queue)",
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'assigneeId must be the id of a user of the receiving office' })
  assigneeId?: string;

  @Notes() notes?: string;
}

@ApiSchema({
  description:
    'approve-referral (supervisor): sends a referral a caseworker prepared for a child, or without consent ' +
    '(status PENDING_APPROVAL): its partner is told now.',
})
export class ApproveReferralPayload implements ActionRequestPayload<'approve-referral'> {
  @ApiProperty({ format: 'uuid', description: 'the id of a referral of this case waiting for approval' })
  @IsUUID(undefined, { message: 'referralId must be the id of a referral of this case' })
  referralId!: string;

  @Notes() notes?: string;
}

@ApiSchema({ description: 'return-transfer (supervisor of the receiving office): the office refuses the case.' })
export class ReturnTransferPayload implements ActionRequestPayload<'return-transfer'> {
  @RequiredText(TEXT_MAX, 'returnee lives in Kabupaten Malang: BP3MI Jawa Timur, not this office')
  reason!: string;
}

@ApiSchema({
  description:
    'reject-referral (supervisor): sends a referral waiting for approval back to the caseworker, with a reason; ' +
    'the partner is never told.',
})
export class RejectReferralPayload implements ActionRequestPayload<'reject-referral'> {
  @ApiProperty({ format: 'uuid', description: 'the id of a referral of this case waiting for approval' })
  @IsUUID(undefined, { message: 'referralId must be the id of a referral of this case' })
  referralId!: string;

  @RequiredText(TEXT_MAX, 'choose the UPTD PPA of the home regency, it has a bed for a child')
  reason!: string;
}

@ApiSchema({
  description:
    'approve-tppo-report (supervisor): confirms the TPPO report a caseworker filed; it goes out to the police and ' +
    'task force (tppo.identified) and the 7-day service clock starts.',
})
export class ApproveTppoReportPayload implements ActionRequestPayload<'approve-tppo-report'> {
  @Notes() notes?: string;
}

// one DTO per action, the payload a client sends for it: the compiler refuses a missing or a wrong one
export const ACTION_PAYLOAD_CLASSES: { [K in ActionType]: new () => ActionRequestPayload<K> } = {
  'complete-registration': CompleteRegistrationPayload,
  'complete-screening': CompleteScreeningPayload,
  'record-emergency-care': RecordEmergencyCarePayload,
  'file-tppo-report': FileTppoReportPayload,
  'record-consent': RecordConsentPayload,
  'send-referral': SendReferralPayload,
  'start-shelter': StartShelterPayload,
  'request-shelter-extension': RequestShelterExtensionPayload,
  'approve-shelter-extension': ApproveShelterExtensionPayload,
  'reject-shelter-extension': RejectShelterExtensionPayload,
  'complete-assessment': CompleteAssessmentPayload,
  'start-rehabilitation': StartRehabilitationPayload,
  'record-rehabilitation-review': RecordRehabilitationReviewPayload,
  'complete-rehabilitation': CompleteRehabilitationPayload,
  'record-refusal': RecordRefusalPayload,
  'record-arrival-home': RecordArrivalHomePayload,
  'record-fit-to-travel': RecordFitToTravelPayload,
  'record-handover': RecordHandoverPayload,
  'enrol-reintegration': EnrolReintegrationPayload,
  'record-follow-up': RecordFollowUpPayload,
  'change-risk-tier': ChangeRiskTierPayload,
  'propose-closure': ProposeClosurePayload,
  'approve-closure': ApproveClosurePayload,
  'reject-closure': RejectClosurePayload,
  reopen: ReopenPayload,
  'withdraw-consent': WithdrawConsentPayload,
  'review-referral': ReviewReferralPayload,
  'add-note': AddNotePayload,
  'transfer-case': TransferCasePayload,
  'accept-transfer': AcceptTransferPayload,
  'return-transfer': ReturnTransferPayload,
  'approve-referral': ApproveReferralPayload,
  'reject-referral': RejectReferralPayload,
  'approve-tppo-report': ApproveTppoReportPayload,
};

// ---- validating ---------------------------------------------------------------------------------------------------

export type FieldError = { field: string; problems: string[] };

// As the global validation pipe does, with each field named from the request body: payload.flags.medical.
function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function validateActionPayload<K extends ActionType>(
  type: K,
  payload: unknown,
): { ok: true; payload: ActionRequestPayload<K> } | { ok: false; details: FieldError[] } {
  const cls = (ACTION_PAYLOAD_CLASSES as Partial<Record<string, new () => object>>)[type];
  if (!cls)
    return { ok: false, details: [{ field: 'type', problems: [`type must be one of: ${ACTION_TYPES.join(', ')}`] }] };
  const plain = payload === undefined ? {} : payload;
  if (!isPlainObject(plain))
    return { ok: false, details: [{ field: 'payload', problems: ['payload must be an object'] }] };
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, details: flatten(errors, 'payload') };
  // A JSON round trip: a plain object for Temporal's payload converter, with the fields left out dropped. It is the
  // DTO just validated, so it has the payload type of its action.
  return { ok: true, payload: JSON.parse(JSON.stringify(instance)) as ActionRequestPayload<K> };
}
