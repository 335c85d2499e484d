import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../cases/case-api.dto';
import { PartnerDeadlinesDto } from '../cases/cases.dto';
import { REFERRAL_STATUSES } from './referral-statuses';

export { REFERRAL_STATUSES, SENT_STATUSES } from './referral-statuses';

export class ListReferralsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: (typeof REFERRAL_STATUSES)[number];
}

export class EmptyAnswerDto {}

export class ReasonDto {
  @ApiProperty({ example: 'no shelter capacity this week', maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'reason must say why' })
  @MaxLength(2000)
  reason!: string;
}

export class CompleteReferralDto {
  @ApiPropertyOptional({ example: 'counselling sessions completed; returned to family', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  summary?: string;
}

// The minimum necessary (PROCESS.md "Referrals and consent"): no name, no contact details, no narrative.
export class ReferralViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ type: [String] }) services!: string[];
  @ApiProperty({ enum: ['CONSENT', 'VITAL_INTEREST', 'LEGAL_OBLIGATION'] }) legalBasis!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the consent reference' }) consentId!:
    string | null;
  @ApiProperty({
    enum: ['HIGH', 'MEDIUM', 'LOW'],
    nullable: true,
    description: 'null until screening, or for a partner whose allow-list leaves it out',
  })
  riskTier!: string | null;
  @ApiProperty({
    enum: ['F', 'M'],
    nullable: true,
    type: String,
    description: 'null for a partner whose allow-list leaves it out',
  })
  sex!: string | null;
  @ApiProperty({
    description: 'age in whole years at the time of reading; null for a partner whose allow-list leaves it out',
    nullable: true,
    type: Number,
  })
  age!: number | null;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'why it was declined or revoked' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the partner's summary when it completed the referral" })
  summary!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "the returnee's full name: for a partner only when both its agency's allow-list (fullName) and the referral's " +
      'consent, while it holds (IDENTITY), allow it; null otherwise',
  })
  returneeName!: string | null;
  @ApiProperty({
    type: PartnerDeadlinesDto,
    description: "the partner's deadlines by the case's SLA policy and risk tier, and when it answered",
  })
  partnerDeadlines!: PartnerDeadlinesDto;
}

export class ReferralListResponseDto {
  @ApiProperty({ type: [ReferralViewDto] }) items!: ReferralViewDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}
