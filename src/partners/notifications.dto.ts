import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../cases/case-api.dto';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'NO_ENDPOINT'] as const;

export class NotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
}

export class NotificationAttemptDto {
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'the HTTP status, or null when there was no answer' })
  statusCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class NotificationDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the Rujukan-Event-Id' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ example: 'referral.sent' }) type!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId!: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() replays!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt!: string | null;
  @ApiProperty({
    type: [NotificationAttemptDto],
    description: 'every attempt (in GET /notifications/{id} and replay answers)',
  })
  attemptLog!: NotificationAttemptDto[];
}

// named apart in the OpenAPI document: the bell's list (me-notifications.dto.ts) has a class of the same name, and
// Swagger keeps one schema per name, so the document gave this route the bell's list
@ApiSchema({ name: 'DeliveryListDto' })
export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}
