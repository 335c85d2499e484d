import { Injectable } from '@nestjs/common';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import { OfficeRepository } from '../offices/office.repository';
import { SlaPolicyRepository } from './sla-policy.repository';

// The SLA policy in force: the newest activated version of the office's province, else the newest national one.
// A new version is added and activated as data (the administration API); cases started before it keep the version
// they started with.
@Injectable()
export class SlaPolicyService {
  // per province ('' for national), for a minute: another API replica sees an activation within that time
  private readonly cached = new Map<string, { at: number; policy: SlaPolicy }>();
  private readonly versions = new Map<string, SlaPolicy>();

  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly offices: OfficeRepository,
  ) {}

  async current(now = new Date(), officeId?: string): Promise<SlaPolicy> {
    const province = officeId ? (await this.offices.find(officeId))?.province : undefined;
    const key = province ?? '';
    const hit = this.cached.get(key);
    if (hit && now.getTime() - hit.at < 60_000) return hit.policy;
    const policy = (await this.policies.inForce(now, province)) ?? DEFAULT_SLA_POLICY;
    this.cached.set(key, { at: now.getTime(), policy });
    return policy;
  }

  // The version a case started with (a version never changes once stored); the default when it is not stored.
  async ofVersion(version: string): Promise<SlaPolicy> {
    const hit = this.versions.get(version);
    if (hit) return hit;
    const policy = (await this.policies.find(version))?.policy ?? DEFAULT_SLA_POLICY;
    this.versions.set(version, policy);
    return policy;
  }

  // an activation takes effect at once in this process
  forget(): void {
    this.cached.clear();
  }
}
