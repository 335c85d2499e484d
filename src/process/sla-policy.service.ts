import { Injectable } from '@nestjs/common';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import { SlaPolicyRepository } from './sla-policy.repository';

// The SLA policy in force: the newest row of sla_policies whose active_from has passed. A new version is added as
// a row (no code change); cases started before it keep the version they started with.
@Injectable()
export class SlaPolicyService {
  private cached: { at: number; policy: SlaPolicy } | null = null;

  constructor(private readonly policies: SlaPolicyRepository) {}

  async current(now = new Date()): Promise<SlaPolicy> {
    if (this.cached && now.getTime() - this.cached.at < 60_000) return this.cached.policy;
    const policy = (await this.policies.inForce(now)) ?? DEFAULT_SLA_POLICY;
    this.cached = { at: now.getTime(), policy };
    return policy;
  }
}
