import { Injectable } from '@nestjs/common';
import type { SlaPolicy } from '../../workflows/definition';
import { OfficeRepository } from '../offices/office.repository';
import { SlaPolicyRepository, type SlaPolicyRow } from '../process/sla-policy.repository';
import { SlaPolicyService } from '../process/sla-policy.service';
import { AdminException } from './admin.exception';
import { mapSlaPolicy, type CreateSlaPolicyDto, type SlaPolicyDto } from './sla-policies.dto';
import { checkSlaDeadlines } from './sla-policy-check';

const NATIONAL = 'ID';

// SLA policy versions per province (admin): stored checked, then activated for the new cases of the province.
// A case keeps the version it started with (a later issue lets a supervisor move it).
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly offices: OfficeRepository,
    private readonly inForce: SlaPolicyService,
  ) {}

  async list(province?: string): Promise<SlaPolicyDto[]> {
    return withInForce(await this.policies.list(province));
  }

  async get(version: string): Promise<SlaPolicyDto> {
    const row = await this.policies.find(version);
    if (!row) throw notFound(version);
    return (await this.list(row.region)).find((p) => p.version === version)!;
  }

  async create(dto: CreateSlaPolicyDto): Promise<SlaPolicyDto> {
    if (dto.province !== NATIONAL && !(await this.offices.provinces()).includes(dto.province))
      throw AdminException.field(
        'INVALID_SLA_POLICY',
        'province',
        `no office is in the province ${dto.province}: give ID (national) or the province as its offices name it`,
      );
    const checked = checkSlaDeadlines(dto.deadlines);
    if ('problems' in checked)
      throw new AdminException('INVALID_SLA_POLICY', 'the policy is not valid', checked.problems);
    const policy: SlaPolicy = { version: dto.version, deadlines: checked.deadlines };
    const created = await this.policies.create(dto.province, policy);
    if (!created)
      throw AdminException.field('SLA_POLICY_VERSION_TAKEN', 'version', `the version ${dto.version} exists`);
    return mapSlaPolicy(created, false);
  }

  async activate(version: string): Promise<SlaPolicyDto> {
    const row = await this.policies.activate(version);
    if (!row) throw notFound(version);
    this.inForce.forget();
    return this.get(version);
  }
}

// In force, per province: the newest version whose activeFrom has passed.
function withInForce(rows: readonly SlaPolicyRow[]): SlaPolicyDto[] {
  const now = Date.now();
  const current = new Map<string, SlaPolicyRow>();
  for (const r of rows) {
    const best = current.get(r.region);
    if (r.activeFrom && r.activeFrom.getTime() <= now && (!best || r.activeFrom > best.activeFrom!))
      current.set(r.region, r);
  }
  return rows.map((r) => mapSlaPolicy(r, current.get(r.region) === r));
}

function notFound(version: string): AdminException {
  return new AdminException('SLA_POLICY_NOT_FOUND', `no SLA policy has the version ${version}`);
}
