import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PROFILE_FIELD_NAMES } from './notification-payload';

export const AGENCY_KINDS = [
  'UPTD_PPA',
  'HOSPITAL',
  'SOCIAL_SERVICE',
  'POLICE',
  'TASK_FORCE',
  'BP3MI',
  'OTHER',
] as const;

export class FallbackContactDto {
  @ApiProperty({ example: 'Piket UPTD PPA' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: '+62451421234' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional({ example: 'piket@uptdppa.sultengprov.go.id' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;
}

export class CreatePartnerAgencyDto {
  @ApiProperty({ example: 'UPTD PPA Kota Palu' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: AGENCY_KINDS }) @IsIn(AGENCY_KINDS) kind!: (typeof AGENCY_KINDS)[number];
  @ApiProperty({ example: 'Sulawesi Tengah', description: 'the province it serves' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @ApiProperty({ type: [String], example: ['SHELTER', 'COUNSELLING'] })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  services!: string[];

  @ApiPropertyOptional({ example: 'https://uptdppa.example.go.id/rujukan/webhook', description: 'http(s) only' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'webhookUrl must be an http(s) URL' },
  )
  @MaxLength(2000)
  webhookUrl?: string;

  @ApiPropertyOptional({
    enum: PROFILE_FIELD_NAMES,
    isArray: true,
    description: 'the returnee fields it may receive; names and contacts also need the consent to cover them',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PROFILE_FIELD_NAMES, {
    each: true,
    message: `each value in allowedFields must be one of: ${PROFILE_FIELD_NAMES.join(', ')}`,
  })
  allowedFields?: string[];

  @ApiPropertyOptional({ type: FallbackContactDto, description: 'who to call when the webhook fails' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FallbackContactDto)
  fallbackContact?: FallbackContactDto;
}

export class UpdatePartnerAgencyDto extends PartialType(CreatePartnerAgencyDto) {
  @ApiPropertyOptional({
    description: 'issue a new signing secret; the old one keeps signing beside it for the grace period',
  })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;

  @ApiPropertyOptional({ description: 'false: no more referrals or notifications to it' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PartnerAgencyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind!: string;
  @ApiProperty() province!: string;
  @ApiProperty({ type: [String] }) services!: string[];
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty({ type: [String] }) allowedFields!: string[];
  @ApiProperty({ type: FallbackContactDto, nullable: true }) fallbackContact!: FallbackContactDto | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'a signing secret is set (it is never shown again)' }) hasSigningSecret!: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'the previous secret still signs until then',
  })
  previousSecretValidUntil!: string | null;
}

export class PartnerAgencyWithSecretDto extends PartnerAgencyDto {
  @ApiPropertyOptional({ description: 'the new signing secret: shown once, on creation and rotation; store it now' })
  signingSecret?: string;
}
