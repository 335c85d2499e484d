import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsObject,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CASE_CATEGORIES,
  CLOSURE_REASON_CODES,
  RECEIVING_OFFICE_ACTIONS,
  STEP_IDS,
  type CaseCategory,
  type ClosureReasonCode,
  type RiskTier,
  type StepId,
} from '../../workflows/definition';
import type { CaseStatus } from '../../workflows/types';
import type { CaseEntity, SlaState } from './case.entity';
import type { ConsentRecord, ReferralRecord } from '../../workflows/types';
import type { PersonEntity } from './person.entity';
import { childAt } from './person-rules';
import { REFERRAL_STATUSES } from '../referrals/referral-statuses';

const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export class HomeRegionDto {
  @ApiProperty({ example: 'Sulawesi Tengah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @ApiProperty({ example: 'Kabupaten Donggala' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  regency!: string;
}

export class PersonContactDto {
  @ApiProperty({ example: 'Wa Ode Hasanah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'ibu kandung', description: 'who the contact is to the returnee' })
  @IsString({ message: 'relationship is required: who the contact is to the returnee' })
  @IsNotEmpty({ message: 'relationship is required: who the contact is to the returnee' })
  @MaxLength(100)
  relationship!: string;

  @ApiPropertyOptional({ example: '+6285298765432' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'Desa Towale, Kecamatan Banawa Tengah, Kabupaten Donggala' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

// The fields of a returnee's file beyond those registration requires; all optional, the same at registration
// (POST /cases) and in a later change (PATCH /cases/{id}/person).
export class PersonFileDto {
  @ApiPropertyOptional({ example: 'C1234567', description: 'as printed in the passport' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{5,20}$/, { message: 'passportNumber must be 5 to 20 letters and digits' })
  passportNumber?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Siti Rahmawati binti Abdullah'],
    description: 'other names the returnee is known by',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ example: 'tuna rungu (deaf); communicates in writing' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  disability?: string;

  @ApiPropertyOptional({ example: 'the recruiter lives in the same village; do not disclose the shelter address' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  safetyNotes?: string;

  @ApiPropertyOptional({ type: [PersonContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonContactDto)
  contacts?: PersonContactDto[];
}

export class PersonDto extends PersonFileDto {
  @ApiProperty({ example: 'Siti Aminah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ enum: ['F', 'M'] })
  @IsIn(['F', 'M'])
  sex!: 'F' | 'M';

  @ApiProperty({ example: '1994-05-17', description: 'YYYY-MM-DD' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiPropertyOptional({ description: 'NIK, 16 digits' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nationalId must be 16 digits' })
  nationalId?: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'id' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  language?: string;

  @ApiProperty({ type: HomeRegionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HomeRegionDto)
  homeRegion!: HomeRegionDto;
}

// PATCH /cases/{id}/person: any of the fields of the file; those not sent stay as they are. The optional ones
// are cleared with null (an empty list for aliases and contacts).
export class UpdatePersonDto extends PartialType(PersonDto) {}

export class ArrivalDto {
  @ApiProperty({ example: 'Bandara Mutiara SIS Al-Jufri, Palu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  point!: string;

  @ApiProperty({ example: '2026-11-27T08:30:00+08:00' })
  @IsISO8601({ strict: true })
  arrivedAt!: string;

  @ApiProperty({ example: 'MY', description: 'ISO 3166 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'fromCountry must be an ISO 3166 alpha-2 code such as MY' })
  fromCountry!: string;
}

export class CreateCaseDto {
  @ApiProperty({ type: PersonDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;

  @ApiProperty({ type: ArrivalDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ArrivalDto)
  arrival!: ArrivalDto;

  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @ApiPropertyOptional({ format: 'uuid', description: "defaults to the caller's office" })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}

export class PersonResponseDto {
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ['F', 'M'] }) sex!: 'F' | 'M';
  @ApiProperty() dateOfBirth!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nationalId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ type: HomeRegionDto }) homeRegion!: HomeRegionDto;
  @ApiProperty({ nullable: true, type: String }) passportNumber!: string | null;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiProperty({ nullable: true, type: String }) disability!: string | null;
  @ApiProperty({ nullable: true, type: String }) safetyNotes!: string | null;
  @ApiProperty({ type: [PersonContactDto] }) contacts!: PersonContactDto[];
  @ApiProperty({
    description: 'under 18 on the day of arrival, by the date of birth: handled as a child whatever the screening says',
  })
  childByBirth!: boolean;
}

export class PartnerDeadlineDto {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when the partner must answer; null before its clock starts, or when the policy sets none',
  })
  dueAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it did; null while it has not' })
  answeredAt!: string | null;
}

export class PartnerDeadlinesDto {
  @ApiProperty({ type: PartnerDeadlineDto, description: 'PROCESS.md 5b: acknowledging, counted from the sending' })
  acknowledge!: PartnerDeadlineDto;
  @ApiProperty({
    type: PartnerDeadlineDto,
    description: 'PROCESS.md 5c: accepting or declining, counted from the acknowledgement',
  })
  decide!: PartnerDeadlineDto;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ type: [String] }) services!: string[];
  @ApiProperty({ enum: ['CONSENT', 'VITAL_INTEREST', 'LEGAL_OBLIGATION'] }) legalBasis!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consentId!: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'why it was declined or revoked' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the partner's summary when it completed the referral" })
  summary!: string | null;
  @ApiProperty({
    type: PartnerDeadlinesDto,
    nullable: true,
    description:
      "the partner's deadlines by the case's SLA policy and risk tier, and when it answered; null for a referral " +
      "never sent (waiting for or refused a supervisor's approval). A supervisor's extension is not counted here",
  })
  partnerDeadlines!: PartnerDeadlinesDto | null;
}

export class CaseNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the words of the note; null once the case is anonymised' })
  text!: string | null;
  @ApiProperty({ example: 'complete-screening', description: 'the action it came with (add-note: on its own)' })
  action!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SCREENING', description: 'the step the case was at' }) step!:
    string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId!: string | null;
  @ApiProperty({ enum: ['CASEWORKER', 'SUPERVISOR', 'HEAD'] }) authorRole!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'the seq of its note.added event in the timeline' }) eventSeq!: number;
}

export class ConsentGuardianViewDto {
  @ApiProperty({ nullable: true, type: String, description: 'null once the case is anonymised' }) name!: string | null;
  @ApiProperty({ example: 'mother' }) relationship!: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['SELF', 'GUARDIAN'] }) givenBy!: string;
  @ApiProperty({ enum: ['WRITTEN', 'RECORDED', 'E_SIGNATURE'] }) method!: string;
  @ApiProperty({ enum: ['REFERRAL'] }) purpose!: string;
  @ApiProperty({ format: 'uuid' }) recipientAgencyId!: string;
  @ApiProperty({ type: [String] }) dataCategories!: string[];
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({
    type: () => ConsentGuardianViewDto,
    nullable: true,
    description: 'the parent or guardian who gave it (givenBy GUARDIAN)',
  })
  guardian!: ConsentGuardianViewDto | null;
}

export class ReturneeNameDto {
  @ApiProperty({ example: 'Siti Aminah' }) fullName!: string;
  @ApiProperty({ example: '1994-05-17', description: 'YYYY-MM-DD' }) dateOfBirth!: string;
}

export class SearchMatchDto {
  @ApiProperty({ description: "the returnee's name, so the caseworker can tell the results apart" }) fullName!: string;
  @ApiProperty({
    enum: ['caseNumber', 'nationalId', 'passportNumber', 'phone', 'name'],
    description: 'what the query matched',
  })
  matchedOn!: string;
  @ApiProperty({ description: '1 for an exact identifier; otherwise how close the name or an alias is (0 to 1)' })
  score!: number;
}

export class CaseTransferDto {
  @ApiProperty({ format: 'uuid', description: 'the office the case is being handed to' }) toOfficeId!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class CaseOfficeDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'date-time', description: 'since when the case belonged to it' }) since!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: the current office' })
  until!: string | null;
}

export class CaseClosureDto {
  @ApiProperty({ enum: CLOSURE_REASON_CODES }) reasonCode!: ClosureReasonCode;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'DUPLICATE: the case this one duplicates' })
  duplicateOfCaseId!: string | null;
}

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SULTENG-2026-000001' }) caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: CaseStatus;
  @ApiProperty({ enum: STEP_IDS }) currentStep!: StepId;
  @ApiProperty({ enum: ['HIGH', 'MEDIUM', 'LOW'], nullable: true }) riskTier!: RiskTier | null;
  @ApiProperty({ enum: ['PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM'] }) category!: CaseCategory;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ enum: ['ON_TIME', 'AT_RISK', 'OVERDUE'] }) slaState!: SlaState;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: 0 | 1 | 2;
  @ApiProperty() arrival!: ArrivalDto;
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ type: [ReferralDto], description: 'in GET /cases/{id} and action answers; empty in lists' })
  referrals!: ReferralDto[];
  @ApiProperty({ type: [ConsentDto], description: 'in GET /cases/{id} and action answers; empty in lists' })
  consents!: ConsentDto[];
  @ApiProperty({
    type: [CaseNoteDto],
    description: "the case file's notes, oldest first; in GET /cases/{id} and action answers; empty in lists",
  })
  notes!: CaseNoteDto[];
  @ApiProperty({
    type: CaseTransferDto,
    nullable: true,
    description: 'a handover to another office waiting for its decision',
  })
  transfer!: CaseTransferDto | null;
  @ApiProperty({
    type: [CaseOfficeDto],
    description:
      'the offices the case has belonged to, first to last; each keeps read access. In GET /cases/{id} and ' +
      'action answers; empty in lists',
  })
  offices!: CaseOfficeDto[];
  @ApiProperty({ type: CaseClosureDto, nullable: true, description: 'why the case closed; null while open' })
  closure!: CaseClosureDto | null;
  @ApiProperty({
    type: [String],
    description: 'the cases closed as duplicates of this one; in GET /cases/{id} and action answers; empty in lists',
  })
  duplicatedBy!: string[];
  @ApiProperty({
    type: [String],
    description:
      'what the caller may do now: the office that has the case acts; the office it is being handed to may only ' +
      'accept or return it; an office it has left only reads',
  })
  allowedActions!: string[];
  @ApiPropertyOptional({ type: PersonResponseDto }) person?: PersonResponseDto;
  @ApiPropertyOptional({
    type: ReturneeNameDto,
    description: "in lists (GET /cases) only: the returnee's name and date of birth, so a row can be told apart",
  })
  returnee?: ReturneeNameDto;
  @ApiPropertyOptional({ type: SearchMatchDto, description: 'in search results (GET /cases?q=) only' })
  match?: SearchMatchDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PersonChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'phone' }) field!: string;
}

export class UpdatePersonResponseDto {
  @ApiProperty({
    type: [PersonChangeDto],
    description:
      'one per field that changed (the old and new values are kept in PostgreSQL); empty when nothing differed',
  })
  changes!: PersonChangeDto[];
  @ApiProperty({ type: CaseResponseDto, description: 'the case with the person as it now is' }) case!: CaseResponseDto;
}

export function mapPerson(p: PersonEntity, arrivedAt: Date): PersonResponseDto {
  return {
    fullName: p.fullName,
    sex: p.sex,
    dateOfBirth: p.dateOfBirth,
    nationalId: p.nationalId,
    phone: p.phone,
    language: p.language,
    homeRegion: { province: p.homeProvince, regency: p.homeRegency },
    passportNumber: p.passportNumber,
    aliases: p.aliases,
    disability: p.disability,
    safetyNotes: p.safetyNotes,
    contacts: p.contacts.map((c) => ({
      name: c.name,
      relationship: c.relationship,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.address ? { address: c.address } : {}),
    })),
    childByBirth: childAt(p.dateOfBirth, arrivedAt),
  };
}

// The columns of a person's file from what a client sent (registration, or the fields of a change): optional
// fields sent as null are cleared; fields not sent are absent.
export function toPersonColumns(p: UpdatePersonDto): Partial<Omit<PersonEntity, 'id' | 'createdAt'>> {
  const out: Partial<Omit<PersonEntity, 'id' | 'createdAt'>> = {};
  if (p.fullName !== undefined) out.fullName = p.fullName;
  if (p.sex !== undefined) out.sex = p.sex;
  if (p.dateOfBirth !== undefined) out.dateOfBirth = p.dateOfBirth;
  if (p.homeRegion !== undefined) {
    out.homeProvince = p.homeRegion.province;
    out.homeRegency = p.homeRegion.regency;
  }
  if (p.nationalId !== undefined) out.nationalId = p.nationalId ?? null;
  if (p.phone !== undefined) out.phone = p.phone ?? null;
  if (p.language !== undefined) out.language = p.language ?? null;
  if (p.passportNumber !== undefined) out.passportNumber = p.passportNumber ?? null;
  if (p.disability !== undefined) out.disability = p.disability ?? null;
  if (p.safetyNotes !== undefined) out.safetyNotes = p.safetyNotes ?? null;
  if (p.aliases !== undefined) out.aliases = p.aliases ?? [];
  if (p.contacts !== undefined) {
    out.contacts = (p.contacts ?? []).map((c) => ({
      name: c.name,
      relationship: c.relationship,
      phone: c.phone ?? null,
      address: c.address ?? null,
    }));
  }
  return out;
}

// A case row as the read model holds it (an entity, or a raw row selected under the entity's property names).
export type CaseRow = Omit<CaseEntity, 'person'> & { person?: PersonEntity | null };

// A consent as the case shows it: the guardian's name is gone once the case is anonymised.
export type CaseConsent = Omit<ConsentRecord, 'guardian'> & {
  guardian?: { name: string | null; relationship: string } | null;
};

// A referral as the case shows it, with the partner's deadlines.
export type CaseReferral = ReferralRecord & { partnerDeadlines: PartnerDeadlinesDto | null };

// A case row of a list, with whom it is about.
export type CaseListRow = CaseRow & { returneeName: string; returneeBirth: string };

export type CaseOffice = { officeId: string; since: Date; until: Date | null };

// Who looks at a case: what they may do depends on their role and on their office.
export type CaseViewer = { role: string; officeId: string | null };

// The workflow lists what each role may do; the office decides which of it is the caller's: the office that has
// the case everything but deciding on its own handover, the office it is being handed to only that decision.
function allowedFor(c: CaseRow, viewer: CaseViewer): string[] {
  const all = c.allowedActions[viewer.role] ?? [];
  const receiving = (a: string) => (RECEIVING_OFFICE_ACTIONS as readonly string[]).includes(a);
  if (viewer.officeId === c.officeId) return all.filter((a) => !receiving(a));
  if (c.transferToOfficeId && viewer.officeId === c.transferToOfficeId) return all.filter(receiving);
  return [];
}

export function mapCase(
  c: CaseRow,
  viewer: CaseViewer,
  related: {
    referrals?: CaseReferral[];
    consents?: CaseConsent[];
    notes?: CaseNoteDto[];
    offices?: CaseOffice[];
    duplicatedBy?: string[];
  } = {},
): CaseResponseDto {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    officeId: c.officeId,
    status: c.status,
    currentStep: c.currentStep,
    riskTier: c.riskTier,
    category: c.category,
    assigneeId: c.assigneeId,
    dueAt: c.dueAt ? c.dueAt.toISOString() : null,
    slaState: c.slaState,
    escalationLevel: c.escalationLevel,
    arrival: { point: c.arrivalPoint, arrivedAt: c.arrivedAt.toISOString(), fromCountry: c.fromCountry },
    policyVersion: c.policyVersion,
    referrals: (related.referrals ?? []).map((r) => ({ ...r, summary: r.summary ?? null })),
    consents: (related.consents ?? []).map((x) => ({ ...x, guardian: x.guardian ?? null })),
    notes: related.notes ?? [],
    transfer:
      c.transferToOfficeId && c.transferRequestedAt
        ? { toOfficeId: c.transferToOfficeId, requestedAt: c.transferRequestedAt.toISOString() }
        : null,
    offices: (related.offices ?? []).map((o) => ({
      officeId: o.officeId,
      since: o.since.toISOString(),
      until: o.until ? o.until.toISOString() : null,
    })),
    closure: c.closureReasonCode
      ? { reasonCode: c.closureReasonCode, duplicateOfCaseId: c.duplicateOfCaseId ?? null }
      : null,
    duplicatedBy: related.duplicatedBy ?? [],
    // what the caller may do now, as the workflow last computed it for the role, by the caller's office
    allowedActions: allowedFor(c, viewer),
    ...(c.person ? { person: mapPerson(c.person, c.arrivedAt) } : {}),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
