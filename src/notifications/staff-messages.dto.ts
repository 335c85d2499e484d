import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';
import { MESSAGE_CHANNELS, MESSAGE_KINDS } from './kinds';

export class FailedMessagesQueryDto {
  @ApiPropertyOptional({ enum: ['FAILED'], default: 'FAILED', description: 'the messages given up on (only these)' })
  @IsOptional()
  @IsIn(['FAILED'], { message: 'status must be FAILED' })
  status?: 'FAILED';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be 1 to 100' })
  @Max(100, { message: 'limit must be 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be 0 or more' })
  offset?: number;
}

export class FailedMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: string;
  @ApiProperty({ enum: MESSAGE_CHANNELS }) channel!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ description: 'the recipient (a staff member)' }) userName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'why the last attempt failed' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt!: string | null;
  @ApiProperty({ description: 'how many times an administrator has sent it again' }) resends!: number;
}

export class FailedMessagesPageDto {
  @ApiProperty({ type: [FailedMessageDto] }) items!: FailedMessageDto[];
  @ApiProperty() total!: number;
}

export class MessageResentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['PENDING'] }) status!: 'PENDING';
  @ApiProperty({ description: 'the round of sending again (1 for the first resend)' }) round!: number;
}

export class MessageGatewayDto {
  @ApiProperty({
    example: 'https://gateway.bp3mi-sulteng.example/rujukan',
    description: 'where the signed POSTs of WhatsApp/SMS messages go (https, or http for a gateway on the same host)',
  })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  url!: string;
}

export class MessageGatewaySetDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'the new signing secret: shown this once, never again' }) signingSecret!: string;
}
