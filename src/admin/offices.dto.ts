import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { OFFICE_TIME_ZONES, type OfficeTimeZone } from '../../workflows/definition';
import type { OfficeRow } from '../offices/office.repository';
import { present, presentNotNull } from './optional-fields';

const ZONE_MESSAGE = `timeZone must be one of ${OFFICE_TIME_ZONES.join(', ')} (WIB, WITA, WIT)`;

export class CreateOfficeDto {
  @ApiProperty({ example: 'PAPUA', description: 'the code in case and letter numbers: 2 to 20 of A-Z, 0-9, "-"' })
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'code must be 2 to 20 capital letters, digits or "-"' })
  code!: string;

  @ApiProperty({ example: 'BP3MI Papua' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Papua', description: 'as SLA policies of the province name it' })
  @IsString()
  @Length(1, 100)
  province!: string;

  @ApiProperty({ example: 'Jayapura' })
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ enum: OFFICE_TIME_ZONES, description: 'where the office is: its working days and letter dates' })
  @IsIn(OFFICE_TIME_ZONES, { message: ZONE_MESSAGE })
  timeZone!: OfficeTimeZone;

  @ApiPropertyOptional({ description: 'the letterhead' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;
}

// null clears an address, phone or e-mail. A new time zone applies to cases started after the change and to the
// letters printed after it; running cases keep counting where they started.
export class UpdateOfficeDto {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: OFFICE_TIME_ZONES })
  @ValidateIf(present)
  @IsIn(OFFICE_TIME_ZONES, { message: ZONE_MESSAGE })
  timeZone?: OfficeTimeZone;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(presentNotNull)
  @IsString()
  @Length(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(presentNotNull)
  @IsString()
  @Length(1, 50)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(presentNotNull)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;
}

export class OfficeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() province!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: OFFICE_TIME_ZONES }) timeZone!: OfficeTimeZone;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the office's WhatsApp/SMS gateway (null: none set); its signing secret is shown once, when set",
  })
  messageGatewayUrl!: string | null;
}

export function mapOffice(o: OfficeRow): OfficeDto {
  return { ...o, createdAt: o.createdAt.toISOString() };
}
