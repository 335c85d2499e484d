import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { IsArray, IsObject, IsOptional, IsString, Matches, ValidateNested, ArrayMaxSize } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiError } from '../common/api-error';
import { readPayloadKeys } from '../config/payload-keys.config';
import { EncryptionCodec } from './payload-codec';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class JsonPayloadDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'byte' }, description: 'metadata values, base64' })
  @IsObject()
  metadata!: Record<string, string>;

  @ApiProperty({ format: 'byte', description: 'base64', required: false })
  @IsOptional()
  @IsString()
  @Matches(BASE64, { message: 'data must be base64' })
  data?: string;
}

class CodecRequestDto {
  @ApiProperty({ type: [JsonPayloadDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => JsonPayloadDto)
  payloads!: JsonPayloadDto[];
}

// The codec server of the Temporal UI and CLI (`--ui-codec-endpoint <api>/codec`): decodes (and encodes) payloads
// with the same keys as the API and worker. Open only to supervisors and heads of office, with a token: the payloads
// are case data. Not under /api/v1 because the Temporal UI appends /decode and /encode to the endpoint it is given.
@ApiTags('operations')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  private readonly codec = new EncryptionCodec(readPayloadKeys());

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'decrypt Temporal payloads (the Temporal codec server protocol)' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async decode(@Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return { payloads: (await this.run(() => this.codec.decode(body.payloads.map(fromJson)))).map(toJson) };
  }

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'encrypt Temporal payloads (the Temporal codec server protocol)' })
  @ApiResponse({ status: 200, type: CodecRequestDto })
  async encode(@Body() body: CodecRequestDto): Promise<CodecRequestDto> {
    return { payloads: (await this.codec.encode(body.payloads.map(fromJson))).map(toJson) };
  }

  private async run(fn: () => Promise<Payload[]>): Promise<Payload[]> {
    try {
      return await fn();
    } catch {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'UNDECODABLE', 'a payload could not be decrypted with the keys of this deployment');
    }
  }
}

function fromJson(p: JsonPayloadDto): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata)) {
    if (typeof v !== 'string' || !BASE64.test(v)) throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `metadata.${k} must be base64`);
    metadata[k] = Buffer.from(v, 'base64');
  }
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): JsonPayloadDto {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}
