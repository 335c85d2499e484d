import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from './temporal.tokens';

@Injectable()
export class TemporalHealth {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async isReachable(timeoutMs = 2000): Promise<boolean> {
    try {
      await this.client.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.client.connection.workflowService.getSystemInfo({}),
      );
      return true;
    } catch {
      return false;
    }
  }
}
