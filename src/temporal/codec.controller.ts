import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Payload } from '@temporalio/common';
import { IsArray, IsObject, IsOptional, IsString, Matches, ValidateNested, ArrayMaxSize } from 'class-validator';
import { Type } from 'class-transformer';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { CodecLinkService } from '../auth/codec-link.service';
import { ApiError } from '../common/api-error';
import { readAppConfig } from '../config/app.config';
import { readPayloadKeys } from '../config/payload-keys.config';
import { EncryptionCodec } from './payload-codec';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class JsonPayloadDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    description: 'metadata values, base64',
  })
  @IsObject()
  metadata!: Record<string, string>;

  @ApiProperty({ format: 'byte', description: 'base64', required: false })
  @IsOptional()
  @IsString()
  @Matches(BASE64, { message: 'data must be base64' })
  data?: string;
}

class CodecRequestDto {
  // The Temporal CLI posts {} for a history event with no payloads: that is an empty list.
  @ApiProperty({ type: [JsonPayloadDto], required: false, description: 'left out: no payloads (an empty list back)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => JsonPayloadDto)
  payloads?: JsonPayloadDto[];
}

// The codec server of the Temporal UI and CLI: decodes (and encodes) payloads with the same keys as the API and
// worker. The payloads are case data, so it is open only to supervisors and heads of office. Two doors:
//   /codec/decode, /codec/encode          with a bearer token (the CLI: --codec-endpoint <api>/codec --codec-auth
//                                         'Bearer <token>'; or a Temporal UI with its own OIDC sign-in passing the
//                                         user's access token, when Rujukan verifies the same provider's tokens)
//   /codec/link/<link>/decode, …/encode   with a personal link from POST /api/v1/codec-links, for a Temporal UI
//                                         without sign-in (the dev server's): pasted into its codec-server setting
// Not under /api/v1 because the Temporal UI appends /decode and /encode to the endpoint it is given.
@ApiTags('operations')
@Controller('codec')
export class CodecController {
  private readonly codec = new EncryptionCodec(readPayloadKeys());

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'decrypt Temporal payloads (the Temporal codec server protocol)' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async decode(@Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return { payloads: (await this.run(() => this.codec.decode((body.payloads ?? []).map(fromJson)))).map(toJson) };
  }

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'encrypt Temporal payloads (the Temporal codec server protocol)' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async encode(@Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return { payloads: (await this.codec.encode((body.payloads ?? []).map(fromJson))).map(toJson) };
  }

  @Post('link/:token/decode')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'token', description: 'the credential of a personal codec link (POST /api/v1/codec-links)' })
  @ApiOperation({ summary: 'decrypt Temporal payloads, for the Temporal UI, through a personal codec link' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async decodeByLink(@Param('token') _token: string, @Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return this.decode(body);
  }

  @Post('link/:token/encode')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'token', description: 'the credential of a personal codec link (POST /api/v1/codec-links)' })
  @ApiOperation({ summary: 'encrypt Temporal payloads, for the Temporal UI, through a personal codec link' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async encodeByLink(@Param('token') _token: string, @Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return this.encode(body);
  }

  private async run(fn: () => Promise<Payload[]>): Promise<Payload[]> {
    try {
      return await fn();
    } catch {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'UNDECODABLE',
        'a payload could not be decrypted with the keys of this deployment',
      );
    }
  }
}

class CodecLinkDto {
  @ApiProperty({
    description:
      "the codec endpoint to paste into the Temporal UI's codec-server setting; " +
      'it is a credential: keep it to yourself',
  })
  endpoint!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/v1/codec-links')
export class CodecLinkController {
  private readonly publicUrl = readAppConfig().publicUrl;

  constructor(private readonly links: CodecLinkService) {}

  @Post()
  @ApiOperation({
    summary: 'a personal codec endpoint for the Temporal UI, valid for CODEC_LINK_TTL_SECONDS (1 h by default)',
  })
  @ApiResponse({ status: 201, type: CodecLinkDto })
  create(@CurrentUser() user: CurrentUserInfo, @Req() req: Request): CodecLinkDto {
    const { token, expiresAt } = this.links.issue(user);
    const base = this.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    return { endpoint: `${base}/codec/link/${token}`, expiresAt: expiresAt.toISOString() };
  }
}

function fromJson(p: JsonPayloadDto): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata)) {
    if (typeof v !== 'string' || !BASE64.test(v))
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `metadata.${k} must be base64`);
    metadata[k] = Buffer.from(v, 'base64');
  }
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): JsonPayloadDto {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}
