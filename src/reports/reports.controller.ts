import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { REPORTS } from './report-definitions';
import { ReportAnswerDto, ReportQueryDto } from './reports.dto';
import { ReportsService, type ReportFile } from './reports.service';
import type { ReportAnswer } from './report-shape';

const BAD_QUERY = {
  status: 400,
  description: 'a query parameter names no period, date, office, category, format or table (details names it)',
} as const;
const OTHER_OFFICE = { status: 403, description: 'your role may not see reports, or not of that office' } as const;

function file(f: ReportFile): StreamableFile {
  return new StreamableFile(f.body, {
    type: f.type,
    disposition: `attachment; filename="${f.filename}"`,
    length: f.body.length,
  });
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ReportAnswerDto)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  // before :report, which would take "pdf"
  @Get('pdf/office')
  @ApiOperation({
    summary: "the office's report for the period as a PDF in Bahasa Indonesia (every report, with definitions)",
  })
  @ApiResponse({
    status: 200,
    description: 'A4, letterhead of the office, signed by its head',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse(BAD_QUERY)
  @ApiResponse(OTHER_OFFICE)
  async officePdf(@Query() q: ReportQueryDto, @CurrentUser() user: CurrentUserInfo): Promise<StreamableFile> {
    return file(await this.reports.officePdf(q, user));
  }

  @Get(':report')
  @ApiOperation({
    summary: 'a KPI report of an office (or the country) for a period: figures and tables; or one as CSV or XLSX',
  })
  @ApiParam({ name: 'report', enum: REPORTS })
  @ApiResponse({
    status: 200,
    description: 'format=json (the default); csv: the figures or ?table=; xlsx: every table a sheet, or ?table=',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportAnswerDto) } },
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiResponse(BAD_QUERY)
  @ApiResponse(OTHER_OFFICE)
  @ApiResponse({ status: 404, description: 'no report of that name' })
  async report(
    @Param('report') report: string,
    @Query() q: ReportQueryDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<ReportAnswer | StreamableFile> {
    const answer = await this.reports.report(report, q, user);
    return 'json' in answer ? answer.json : file(answer.file);
  }
}
