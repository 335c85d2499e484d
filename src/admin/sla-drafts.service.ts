import { Injectable } from '@nestjs/common';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import type { CurrentUserInfo } from '../auth/auth.types';
import { OfficeRepository } from '../offices/office.repository';
import {
  SlaPolicyDraftRepository,
  type DraftWriteRefusal,
  type SlaPolicyDraftRow,
} from '../process/sla-policy-draft.repository';
import { SlaPolicyRepository } from '../process/sla-policy.repository';
import { SlaPolicyService } from '../process/sla-policy.service';
import { AdminException } from './admin.exception';
import { checkDraft, diffPolicies, draftOf, publishedVersionName, type DraftPolicy } from './sla-draft-rules';
import {
  mapSlaDraft,
  mapSlaDraftDiff,
  type SlaDraftDiffDto,
  type SlaDraftDto,
  type UpdateSlaDraftDto,
} from './sla-drafts.dto';
import { SlaDraftException } from './sla-drafts.exception';

const NATIONAL = 'ID';

// Drafts of a province's SLA policy: copied from the version in force, edited under checks and an optimistic
// revision, compared with the version in force, then published as a new version in force for the province's new
// cases. An administrator reaches every province (and the national policy); a head their own province only.
@Injectable()
export class SlaDraftsService {
  constructor(
    private readonly drafts: SlaPolicyDraftRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly offices: OfficeRepository,
    private readonly inForce: SlaPolicyService,
  ) {}

  async list(caller: CurrentUserInfo, province?: string): Promise<SlaDraftDto[]> {
    const own = await this.provinceOf(caller);
    if (own !== null && province !== undefined && province !== own) throw otherProvince(own);
    const regions = own !== null ? [own] : province !== undefined ? [province] : null;
    return (await this.drafts.list(regions)).map(mapSlaDraft);
  }

  async create(caller: CurrentUserInfo, province: string): Promise<SlaDraftDto> {
    await this.mayReach(caller, province);
    if (province !== NATIONAL && !(await this.offices.provinces()).includes(province))
      throw AdminException.field(
        'INVALID_SLA_POLICY',
        'province',
        `no office is in the province ${province}: give ID (national) or the province as its offices name it`,
      );
    const base = await this.inForceFor(province);
    const { version, ...content } = { ...base, ...draftOf(base) };
    return mapSlaDraft(await this.drafts.create(province, version, content, caller.username));
  }

  async get(caller: CurrentUserInfo, id: string): Promise<SlaDraftDto> {
    return mapSlaDraft(await this.reachable(caller, id));
  }

  // The fields sent replace the draft's (deadlines step by step and tier by tier); the whole result is checked.
  async update(caller: CurrentUserInfo, id: string, dto: UpdateSlaDraftDto): Promise<SlaDraftDto> {
    const row = await this.reachable(caller, id);
    // read-only or stale says more than a field error on it; the UPDATE checks both again against a race
    if (row.publishedVersion) written('PUBLISHED', id);
    if (row.revision !== dto.revision) written({ stale: row.revision }, id);
    const current = draftOf({ version: row.baseVersion, ...row.policy });
    const checked = checkDraft(
      {
        deadlines: dto.deadlines === undefined ? current.deadlines : merged(current.deadlines, dto.deadlines),
        reminderPercents: dto.reminderPercents === undefined ? current.reminderPercents : dto.reminderPercents,
        level2Percent: dto.level2Percent === undefined ? current.level2Percent : dto.level2Percent,
      },
      dto.confirmTierInversions === true,
    );
    if ('problems' in checked)
      throw new AdminException('INVALID_SLA_POLICY', 'the draft is not valid', checked.problems);
    return mapSlaDraft(written(await this.drafts.update(id, dto.revision, checked.policy, caller.username), id));
  }

  async delete(caller: CurrentUserInfo, id: string): Promise<void> {
    await this.reachable(caller, id);
    written(await this.drafts.delete(id), id);
  }

  async diff(caller: CurrentUserInfo, id: string): Promise<SlaDraftDiffDto> {
    const row = await this.reachable(caller, id);
    const now = await this.inForceFor(row.region);
    const draft: DraftPolicy = draftOf({ version: row.baseVersion, ...row.policy });
    return mapSlaDraftDiff(row.id, row.baseVersion, now.version, diffPolicies(now, draft));
  }

  // In force for the province's new cases from now; running cases keep the version they started with.
  async publish(caller: CurrentUserInfo, id: string, revision: number): Promise<SlaDraftDto> {
    const row = await this.reachable(caller, id);
    if (row.publishedVersion) written('PUBLISHED', id);
    // checked again: the rules may have tightened since the draft was stored (inversions were confirmed then)
    const checked = checkDraft(draftOf({ version: row.baseVersion, ...row.policy }), true);
    if ('problems' in checked)
      throw new AdminException('INVALID_SLA_POLICY', 'the draft is not valid', checked.problems);
    const year = new Date().getUTCFullYear();
    const published = written(
      await this.drafts.publish(id, revision, (taken) => publishedVersionName(row.region, year, taken)),
      id,
    );
    this.inForce.forget();
    return mapSlaDraft(published);
  }

  private async inForceFor(province: string): Promise<SlaPolicy> {
    return (
      (await this.policies.inForce(new Date(), province === NATIONAL ? undefined : province)) ?? DEFAULT_SLA_POLICY
    );
  }

  private async reachable(caller: CurrentUserInfo, id: string): Promise<SlaPolicyDraftRow> {
    const row = await this.drafts.find(id);
    if (!row) throw notFound(id);
    await this.mayReach(caller, row.region);
    return row;
  }

  private async mayReach(caller: CurrentUserInfo, province: string): Promise<void> {
    const own = await this.provinceOf(caller);
    if (own !== null && own !== province) throw otherProvince(own);
  }

  // null: no limit (an administrator); a head's office's province
  private async provinceOf(caller: CurrentUserInfo): Promise<string | null> {
    if (caller.role === 'ADMIN') return null;
    const office = caller.officeId ? await this.offices.find(caller.officeId) : null;
    // a head without an office reaches nothing: '' is no province
    return office?.province ?? '';
  }
}

// step by step, tier by tier; what is not a step or a tier is kept for checkDraft to name
function merged(current: DraftPolicy['deadlines'], patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [step, byTier] of Object.entries(patch)) {
    const before = out[step];
    out[step] =
      isRecord(byTier) && isRecord(before) && Object.hasOwn(current, step) ? { ...before, ...byTier } : byTier;
  }
  return out;
}

function written<T>(result: T | DraftWriteRefusal, id: string): T {
  if (result === 'NOT_FOUND') throw notFound(id);
  if (result === 'PUBLISHED')
    throw new SlaDraftException('SLA_DRAFT_PUBLISHED', 'the draft is published: it is read-only; make a new draft');
  if (isRecord(result) && 'stale' in result && typeof result.stale === 'number' && Object.keys(result).length === 1)
    throw new SlaDraftException(
      'SLA_DRAFT_STALE',
      `the draft was changed since the revision you sent: it is at revision ${result.stale}; read it again`,
      { revision: result.stale },
    );
  return result as T;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function notFound(id: string): SlaDraftException {
  return new SlaDraftException('SLA_DRAFT_NOT_FOUND', `no SLA policy draft has the id ${id}`);
}

function otherProvince(own: string): SlaDraftException {
  return new SlaDraftException('OTHER_PROVINCE', `a head drafts the policy of their own province (${own}) only`);
}
