// The office's staff as a supervisor sees them: who a case may be handed to. Names and roles only, never a
// username, an e-mail or anything of the sign-in.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../auth/user.repository';
import { toBoolean } from '../cases/case-api.dto';

export class StaffQueryDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES, { message: `role must be one of: ${STAFF_ROLES.join(', ')}` })
  role?: StaffRole;

  @ApiPropertyOptional({ default: false, description: 'true: deactivated accounts too (active: false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeInactive must be true or false' })
  includeInactive?: boolean;
}

export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Andi Mappanyukki' }) displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty({ description: 'false: deactivated, no longer to be given work' }) active!: boolean;
}

export class StaffListDto {
  @ApiProperty({ type: [StaffMemberDto], description: 'by display name' }) items!: StaffMemberDto[];
}
