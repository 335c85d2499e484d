// The query of every report and the one shape of its answer (reports/report-shape.ts), for the OpenAPI document.
// The query's values are checked by the service (report-period.ts), which names the field of a 400.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_CATEGORIES, OFFICE_TIME_ZONES } from '../../workflows/definition';
import { COLUMNS, FIGURES, REPORTS, TABLES, UNITS, type Unit } from './report-definitions';
import { PERIODS } from './report-period';
import { EXPORT_FORMATS } from './report-export';

const text = () => [IsOptional(), IsString(), MaxLength(40)];
function Text(): PropertyDecorator {
  return (target, key) => text().forEach((d) => d(target, key));
}

export class ReportQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the office (a head or supervisor: only their own, the default); an admin without it: the country',
  })
  @Text()
  officeId?: string;

  @ApiPropertyOptional({ enum: PERIODS, default: 'month' })
  @Text()
  period?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'period=month (default: this month)' })
  @Text()
  month?: string;

  @ApiPropertyOptional({ example: '2026-Q4', description: 'period=quarter (default: this quarter)' })
  @Text()
  quarter?: string;

  @ApiPropertyOptional({ example: '2026', description: 'period=year (default: this year)' })
  @Text()
  year?: string;

  @ApiPropertyOptional({ format: 'date', description: 'period=custom: the first day, in the office’s time zone' })
  @Text()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'period=custom: the last day (included), at most two years on' })
  @Text()
  to?: string;

  @ApiPropertyOptional({ enum: CASE_CATEGORIES, description: 'the category of returnee (default: all)' })
  @Text()
  category?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @Text()
  format?: string;

  @ApiPropertyOptional({ description: 'csv and xlsx: one table of the report by its key (csv default: the figures)' })
  @Text()
  table?: string;
}

export class FigureDto {
  @ApiProperty({ enum: Object.keys(FIGURES) }) key!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: nothing to measure in the period' })
  value!: number | null;
  @ApiProperty({ enum: UNITS }) unit!: Unit;
}

export class ColumnDto {
  @ApiProperty({ enum: Object.keys(COLUMNS) }) key!: string;
  @ApiProperty({ enum: UNITS }) unit!: Unit;
}

export class TableDto {
  @ApiProperty({ enum: Object.keys(TABLES) }) key!: string;
  @ApiProperty({ type: [ColumnDto] }) columns!: ColumnDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } },
    description: 'one cell a column, in the order of columns; codes (step, service) as codes',
  })
  rows!: (string | number | null)[][];
}

export class ReportAnswerDto {
  @ApiProperty({ enum: REPORTS }) report!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole country' })
  officeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName!: string | null;
  @ApiProperty({ enum: PERIODS }) period!: string;
  @ApiProperty({ format: 'date', description: 'the first day, in timeZone' }) from!: string;
  @ApiProperty({ format: 'date', description: 'the last day (included), in timeZone' }) to!: string;
  @ApiProperty({ enum: OFFICE_TIME_ZONES, description: 'the office’s; WIB (Asia/Jakarta) for the country' })
  timeZone!: string;
  @ApiProperty({ type: String, enum: CASE_CATEGORIES, nullable: true }) category!: string | null;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [FigureDto] }) figures!: FigureDto[];
  @ApiProperty({ type: [TableDto] }) tables!: TableDto[];
}
