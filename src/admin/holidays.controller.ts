import { Body, Controller, Get, Headers, Param, type PipeTransform, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AdminException, ApiErrors } from './admin.exception';
import {
  HolidayChangesDto,
  HolidayDayDto,
  HolidaysQueryDto,
  HolidayYearDto,
  LoadHolidaysQueryDto,
} from './holidays.dto';
import { HolidaysService } from './holidays.service';

class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100))
      throw new AdminException('INVALID_YEAR', 'the year must be a whole number from 2000 to 2100');
    return year;
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@ApiExtraModels(HolidayDayDto)
@Controller('api/v1/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({ summary: 'the national holidays and collective leave (cuti bersama) of a year' })
  @ApiResponse({ status: 200, type: HolidayYearDto })
  @ApiErrors([422, 'year is missing or not a whole number from 2000 to 2100'])
  get(@Query() q: HolidaysQueryDto): Promise<HolidayYearDto> {
    return this.holidays.year(q.year);
  }

  @Put(':year')
  @ApiOperation({
    summary:
      "load a year's calendar from the SKB file, replacing the year's days (dryRun=true: only answer what would " +
      'change); cases already running keep the calendar they started with',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description: 'JSON: a list of days; or text/csv: lines "date,name[,kind]", a header line optional',
    schema: { type: 'array', items: { $ref: getSchemaPath(HolidayDayDto) } },
  })
  @ApiResponse({ status: 200, type: HolidayChangesDto })
  @ApiErrors(
    [400, 'the year is not a whole number from 2000 to 2100, or the body is not readable'],
    [415, 'the body is neither application/json nor text/csv'],
    [422, 'a row is not valid (a date not in the year, not a real date, listed twice; no name; an unknown kind)'],
  )
  load(
    @Param('year', YearPipe) year: number,
    @Query() q: LoadHolidaysQueryDto,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<HolidayChangesDto> {
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'text/csv')
      throw new AdminException('UNSUPPORTED_MEDIA_TYPE', 'send the file as application/json or text/csv');
    return this.holidays.load(year, body, q.dryRun ?? false);
  }
}
