import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { TemporalHealth } from '../temporal/temporal.health';

type Check = 'up' | 'down';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalHealth,
  ) {}

  // Liveness: the process answers.
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  // Readiness: PostgreSQL and Temporal both answer.
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ready' | 'not_ready'; checks: { postgres: Check; temporal: Check } }> {
    const [postgres, temporal] = await Promise.all([this.postgresUp(), this.temporal.isReachable()]);
    const checks = { postgres: postgres ? 'up' : 'down', temporal: temporal ? 'up' : 'down' } as const;
    const ok = postgres && temporal;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ready' : 'not_ready', checks };
  }

  private async postgresUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
