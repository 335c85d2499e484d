import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SlaPolicy } from '../../workflows/definition';

// A stored version. region: 'ID' (national) or the name of a province, as offices.province spells it.
export type SlaPolicyRow = {
  version: string;
  region: string;
  policy: SlaPolicy;
  activeFrom: Date | null;
  createdAt: Date;
};

const COLUMNS = `version, region, policy, active_from AS "activeFrom", created_at AS "createdAt"`;

// The SQL of `sla_policies`: versions of the SLA policy, each in force from its active_from (NULL: not activated).
@Injectable()
export class SlaPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The newest version of the province whose active_from has passed, else the newest national one, if any.
  async inForce(now: Date, province?: string): Promise<SlaPolicy | null> {
    const rows = (await this.dataSource.query(
      `SELECT policy FROM sla_policies WHERE region IN ('ID', $2) AND active_from <= $1
        ORDER BY region = 'ID', active_from DESC LIMIT 1`,
      [now, province ?? 'ID'],
    )) as {
      policy: SlaPolicy;
    }[];
    return rows[0]?.policy ?? null;
  }

  async list(region?: string): Promise<SlaPolicyRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sla_policies WHERE $1::text IS NULL OR region = $1
        ORDER BY region, active_from DESC NULLS FIRST, created_at DESC`,
      [region ?? null],
    )) as SlaPolicyRow[];
  }

  async find(version: string): Promise<SlaPolicyRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM sla_policies WHERE version = $1`, [
      version,
    ])) as SlaPolicyRow[];
    return rows[0] ?? null;
  }

  // null when the version is taken
  async create(region: string, policy: SlaPolicy): Promise<SlaPolicyRow | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO sla_policies (version, region, policy, active_from) VALUES ($1, $2, $3, NULL)
       ON CONFLICT (version) DO NOTHING RETURNING ${COLUMNS}`,
      [policy.version, region, JSON.stringify(policy)],
    )) as SlaPolicyRow[];
    return rows[0] ?? null;
  }

  // In force for new cases of its region from now on (again, for an older version taken back into force).
  async activate(version: string): Promise<SlaPolicyRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE sla_policies SET active_from = clock_timestamp() WHERE version = $1 RETURNING ${COLUMNS}`,
      [version],
    )) as [SlaPolicyRow[], number];
    return rows[0][0] ?? null;
  }
}
