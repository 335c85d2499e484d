import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../workflows/definition';
import type { AccountRow } from '../auth/user.repository';
import { PageQueryDto, toBoolean } from '../cases/case-api.dto';
import { IsIndonesianMobile } from '../notifications/me-notifications.dto';
import { present, presentNotNull } from './optional-fields';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export class UsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'officeId must be a UUID' })
  officeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'true: active accounts only; false: deactivated ones only' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'cw2.palu', description: 'lower case letters, digits, ".", "_" or "-"; 3 to 64' })
  @Matches(USERNAME, { message: 'username must be 3 to 64 lower case letters, digits, ".", "_" or "-"' })
  username!: string;

  @ApiProperty({ example: 'Andi Mappanyukki' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional({ example: 'andi@bp3mi-sulteng.example' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: '0812-3456-7890', description: 'an Indonesian mobile number, stored as +62…' })
  @IsOptional()
  @IsIndonesianMobile()
  phone?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'the office of a caseworker, supervisor or head' })
  @IsOptional()
  @IsUUID('all', { message: 'officeId must be a UUID' })
  officeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the agency of a partner user' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({ description: 'the initial password (12 to 200 characters); left out: one is generated' })
  @IsOptional()
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password?: string;
}

// null clears the e-mail; a role of another kind needs the officeId or agencyId it goes with.
export class UpdateUserDto {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(presentNotNull)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'an Indonesian mobile number; null or "" removes it',
  })
  @ValidateIf(presentNotNull)
  @IsIndonesianMobile()
  phone?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @ValidateIf(present)
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(present)
  @IsUUID('all', { message: 'officeId must be a UUID' })
  officeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(present)
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '+6281234567890' }) phone!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) officeId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
  @ApiProperty({ description: 'false: deactivated, cannot sign in, tokens refused' }) active!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deactivatedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'the generated password, shown this once (absent when one was given)' })
  initialPassword?: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'the new password, shown this once; tell it to the person in person' })
  password!: string;
}

export function mapUser(a: AccountRow): UserDto {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    email: a.email,
    phone: a.phone,
    role: a.role,
    officeId: a.officeId,
    agencyId: a.agencyId,
    active: a.deactivatedAt === null,
    deactivatedAt: a.deactivatedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
