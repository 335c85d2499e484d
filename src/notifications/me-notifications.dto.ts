// A person's own notifications (the in-app list behind the console's bell) and their settings: the language of
// their messages, their phone for WhatsApp/SMS, and which kinds reach them by e-mail or by the gateway.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { STEP_IDS, type StepId } from '../../workflows/definition';
import { toBoolean } from '../cases/case-api.dto';
import {
  IN_APP_KINDS,
  MESSAGE_CHANNELS,
  MESSAGE_LANGUAGES,
  NOTIFICATION_KINDS,
  normalisePhone,
  type InAppKind,
  type NotificationKind,
} from './notification-rules';

// An Indonesian mobile number as people write it ("" too: it removes the number); the administration's account
// forms check a phone the same way.
export function IsIndonesianMobile(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'phone must be a text' }),
    MaxLength(32, { message: 'phone must be an Indonesian mobile number, e.g. 0812-3456-7890' }),
    ValidateBy({
      name: 'isIndonesianMobile',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && (v.trim() === '' || normalisePhone(v) !== null),
        defaultMessage: () => 'phone must be an Indonesian mobile number, e.g. 0812-3456-7890 or +62 812 3456 7890',
      },
    }),
  );
}

export class NotificationsQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: unread only; false: read only; absent: both' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number from 0 to 100000' })
  @Min(0, { message: 'offset must be a whole number from 0 to 100000' })
  @Max(100000, { message: 'offset must be a whole number from 0 to 100000' })
  offset?: number;
}

export class NotificationItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IN_APP_KINDS }) kind!: InAppKind;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'BP3MI-ST-2026-000123' }) caseNumber!: string;
  @ApiProperty({ enum: STEP_IDS, description: 'the step the event was about' }) step!: StepId;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 99,
    description: 'REMINDER only: how much of the step’s time had gone, in percent (a point of the case’s SLA policy)',
  })
  percent?: number;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationItemDto], description: 'unread first, then newest first' })
  items!: NotificationItemDto[];
  @ApiProperty({ description: 'how many match the filter' }) total!: number;
  @ApiProperty({ description: 'how many of all the caller’s notifications are unread' }) unread!: number;
}

export class UnreadCountDto {
  @ApiProperty() unread!: number;
}

export class ChannelSwitchDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty() email!: boolean;
  @ApiProperty({ description: 'WhatsApp/SMS through the office’s gateway' }) gateway!: boolean;
  @ApiProperty({ description: 'true: e-mail cannot be switched off (an escalation, for a supervisor or head)' })
  locked!: boolean;
}

export class NotificationSettingsDto {
  @ApiProperty({ enum: MESSAGE_LANGUAGES, description: 'the language of e-mails and gateway messages' })
  language!: (typeof MESSAGE_LANGUAGES)[number];
  @ApiProperty({ nullable: true, type: String, description: 'set by the administration' }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '+6281234567890' }) phone!: string | null;
  @ApiProperty({ type: [ChannelSwitchDto], description: 'every kind; in-app is always on' })
  channels!: ChannelSwitchDto[];
}

export class ChannelChangeDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS, { message: `kind must be one of: ${NOTIFICATION_KINDS.join(', ')}` })
  kind!: NotificationKind;

  @ApiProperty({ enum: MESSAGE_CHANNELS })
  @IsIn(MESSAGE_CHANNELS, { message: `channel must be one of: ${MESSAGE_CHANNELS.join(', ')}` })
  channel!: (typeof MESSAGE_CHANNELS)[number];

  @ApiProperty()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled!: boolean;
}

export class NotificationSettingsChangeDto {
  @ApiPropertyOptional({ enum: MESSAGE_LANGUAGES })
  @IsOptional()
  @IsIn(MESSAGE_LANGUAGES, { message: `language must be one of: ${MESSAGE_LANGUAGES.join(', ')}` })
  language?: (typeof MESSAGE_LANGUAGES)[number];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '0812-3456-7890',
    description: 'an Indonesian mobile number (0812…, +62 812…), stored as +62…; null or "" removes it',
  })
  @IsOptional()
  @IsIndonesianMobile()
  phone?: string | null;

  @ApiPropertyOptional({ type: [ChannelChangeDto] })
  @IsOptional()
  @IsArray({ message: 'channels must be a list' })
  @ArrayMaxSize(2 * NOTIFICATION_KINDS.length, { message: 'channels lists each kind and channel at most once' })
  @ValidateNested({ each: true })
  @Type(() => ChannelChangeDto)
  channels?: ChannelChangeDto[];
}
