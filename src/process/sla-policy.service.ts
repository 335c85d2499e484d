import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';

// The SLA policy in force: the newest row of sla_policies whose active_from has passed. A new version is added as
// a row (no code change); cases started before it keep the version they started with.
@Injectable()
export class SlaPolicyService {
  private cached: { at: number; policy: SlaPolicy } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(now = new Date()): Promise<SlaPolicy> {
    if (this.cached && now.getTime() - this.cached.at < 60_000) return this.cached.policy;
    const rows: { policy: SlaPolicy }[] = await this.dataSource.query(
      `SELECT policy FROM sla_policies WHERE region = 'ID' AND active_from <= $1 ORDER BY active_from DESC LIMIT 1`,
      [now],
    );
    const policy = rows[0]?.policy ?? DEFAULT_SLA_POLICY;
    this.cached = { at: now.getTime(), policy };
    return policy;
  }
}
