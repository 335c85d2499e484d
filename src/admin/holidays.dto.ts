import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toBoolean } from '../cases/case-api.dto';
import { HOLIDAY_KINDS, type HolidayKind } from './holiday-file';

export class HolidaysQueryDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class LoadHolidaysQueryDto {
  @ApiPropertyOptional({ description: 'true: answer what the file would change, change nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class HolidayDayDto {
  @ApiProperty({ example: '2027-01-01' }) date!: string;
  @ApiProperty({ example: 'Tahun Baru 2027 Masehi' }) name!: string;
  @ApiProperty({ enum: HOLIDAY_KINDS, description: 'HOLIDAY: libur nasional; CUTI_BERSAMA: collective leave' })
  kind!: HolidayKind;
}

export class HolidayYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'false: no calendar loaded for the year; its deadlines count only weekends' })
  loaded!: boolean;
  @ApiProperty({ type: [HolidayDayDto] }) days!: HolidayDayDto[];
}

class RenamedDayDto {
  @ApiProperty() date!: string;
  @ApiProperty({ type: HolidayDayDto }) before!: HolidayDayDto;
  @ApiProperty({ type: HolidayDayDto }) after!: HolidayDayDto;
}

export class HolidayChangesDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'true: nothing was changed' }) dryRun!: boolean;
  @ApiProperty({ type: [HolidayDayDto] }) added!: HolidayDayDto[];
  @ApiProperty({ type: [HolidayDayDto] }) removed!: HolidayDayDto[];
  @ApiProperty({ type: [RenamedDayDto], description: 'the same date under another name or kind' })
  renamed!: RenamedDayDto[];
  @ApiProperty() unchanged!: number;
}
