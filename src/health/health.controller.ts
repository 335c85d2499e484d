import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatabaseHealth } from '../database/database.health';
import { TemporalHealth } from '../temporal/temporal.health';

type Check = 'up' | 'down';

class LiveDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class ChecksDto {
  @ApiProperty({ enum: ['up', 'down'] }) postgres!: Check;
  @ApiProperty({ enum: ['up', 'down'] }) temporal!: Check;
}

class ReadyDto {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status!: 'ready' | 'not_ready';
  @ApiProperty({ type: ChecksDto }) checks!: ChecksDto;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly postgres: DatabaseHealth,
    private readonly temporal: TemporalHealth,
  ) {}

  // Liveness: the process answers.
  @Get()
  @ApiOkResponse({ type: LiveDto })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  // Readiness: PostgreSQL and Temporal both answer.
  @Get('ready')
  @ApiOkResponse({ type: ReadyDto, description: 'PostgreSQL and Temporal answer' })
  @ApiResponse({ status: 503, type: ReadyDto, description: 'one of them does not' })
  async ready(
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: 'ready' | 'not_ready'; checks: { postgres: Check; temporal: Check } }> {
    const [postgres, temporal] = await Promise.all([this.postgres.isReachable(), this.temporal.isReachable()]);
    const checks = { postgres: postgres ? 'up' : 'down', temporal: temporal ? 'up' : 'down' } as const;
    const ok = postgres && temporal;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ready' : 'not_ready', checks };
  }
}
