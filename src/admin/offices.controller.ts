import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../cases/cases.controller';
import { ApiErrors } from './admin.exception';
import { CreateOfficeDto, OfficeDto, UpdateOfficeDto } from './offices.dto';
import { OfficesService } from './offices.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Get()
  @ApiOperation({ summary: 'the BP3MI offices, by code, with their address and time zone' })
  @ApiResponse({ status: 200, type: [OfficeDto] })
  @ApiErrors()
  list(): Promise<OfficeDto[]> {
    return this.offices.list();
  }

  @Post()
  @ApiOperation({ summary: 'add an office' })
  @ApiResponse({ status: 201, type: OfficeDto })
  @ApiErrors([409, 'another office has the code'], [422, 'a field is not valid (timeZone: WIB, WITA or WIT only)'])
  create(@Body() dto: CreateOfficeDto): Promise<OfficeDto> {
    return this.offices.create(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'change the name, address, phone, e-mail or time zone of an office (a new zone applies to cases started ' +
      'and letters printed after the change)',
  })
  @ApiResponse({ status: 200, type: OfficeDto })
  @ApiErrors([400, 'the office id is not a UUID'], [404, 'no such office'], [422, 'a field is not valid'])
  update(@Param('id', new IdPipe('office')) id: string, @Body() dto: UpdateOfficeDto): Promise<OfficeDto> {
    return this.offices.update(id, dto);
  }
}
