import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SlaPolicy } from '../../workflows/definition';

// The SQL of `sla_policies`: versions of the SLA policy, each in force from its active_from.
@Injectable()
export class SlaPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The newest national version whose active_from has passed, if any.
  async inForce(now: Date): Promise<SlaPolicy | null> {
    const rows = (await this.dataSource.query(
      `SELECT policy FROM sla_policies WHERE region = 'ID' AND active_from <= $1 ORDER BY active_from DESC LIMIT 1`,
      [now],
    )) as {
      policy: SlaPolicy;
    }[];
    return rows[0]?.policy ?? null;
  }
}
