import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../admin/admin.exception';
import { IdPipe } from '../cases/cases.controller';
import {
  FailedMessagesPageDto,
  FailedMessagesQueryDto,
  MessageGatewayDto,
  MessageGatewaySetDto,
  MessageResentDto,
} from './staff-messages.dto';
import { StaffMessagesAdminService } from './staff-messages-admin.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1')
export class StaffMessagesController {
  constructor(private readonly admin: StaffMessagesAdminService) {}

  @Get('staff-messages')
  @ApiOperation({ summary: 'the emails and gateway messages to staff given up on after their retry budget' })
  @ApiResponse({ status: 200, type: FailedMessagesPageDto })
  @ApiErrors([422, 'a query parameter is not valid'])
  failed(@Query() q: FailedMessagesQueryDto): Promise<FailedMessagesPageDto> {
    return this.admin.failed(q.limit ?? 50, q.offset ?? 0);
  }

  @Post('staff-messages/:id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'send a failed message again (a new round of attempts, recorded like the first)' })
  @ApiResponse({ status: 202, type: MessageResentDto })
  @ApiErrors([400, 'the id is not a UUID'], [404, 'no such message'], [409, 'the message has not failed'])
  resend(@Param('id', new IdPipe('message')) id: string): Promise<MessageResentDto> {
    return this.admin.resend(id);
  }

  @Put('offices/:id/message-gateway')
  @ApiOperation({
    summary: "set the office's WhatsApp/SMS gateway; a new signing secret is made each time and shown once",
  })
  @ApiResponse({ status: 200, type: MessageGatewaySetDto })
  @ApiErrors([400, 'the office id is not a UUID'], [404, 'no such office'], [422, 'url is not an http(s) URL'])
  setGateway(
    @Param('id', new IdPipe('office')) id: string,
    @Body() dto: MessageGatewayDto,
  ): Promise<MessageGatewaySetDto> {
    return this.admin.setGateway(id, dto.url);
  }

  @Delete('offices/:id/message-gateway')
  @HttpCode(204)
  @ApiOperation({ summary: "turn the office's WhatsApp/SMS gateway off" })
  @ApiResponse({ status: 204 })
  @ApiErrors([400, 'the office id is not a UUID'], [404, 'no such office'])
  async removeGateway(@Param('id', new IdPipe('office')) id: string): Promise<void> {
    await this.admin.setGateway(id, null);
  }
}
