import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { IDEMPOTENCY_KEY, uuidFrom } from '../common/derived-id';
import { OfficeRepository } from '../offices/office.repository';
import { SlaPolicyRepository } from '../process/sla-policy.repository';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import type { SlaPolicy } from '../../workflows/definition';
import type { SlaMigrationPreview } from '../../workflows/types';
import {
  SlaMigrationRepository,
  type SelectedCase,
  type SlaMigrationRow,
  type SlaMigrationSelection,
} from './sla-migration.repository';
import type {
  SlaMigrationDto,
  SlaMigrationPreviewCaseDto,
  SlaMigrationPreviewDto,
  SlaMigrationPreviewRequestDto,
  SlaMigrationRequestDto,
} from './sla-migrations.dto';

// The largest set one migration takes (a preview asks each case's workflow): narrow the filter beyond it.
export const MAX_MIGRATION_CASES = 2000;
// case workflows asked at once for a preview
const PREVIEW_AT_ONCE = 8;

type Scoped = { officeId: string; policy: SlaPolicy; selection: SlaMigrationSelection; selected: SelectedCase[] };

const fail = (status: HttpStatus, code: string, message: string, field?: string) =>
  new ApiError(status, code, field ? `${field}: ${message}` : message, field ? [{ field, problems: [message] }] : []);

// Moving running cases to another SLA policy version (issue 20): the preview asks each case's workflow what the
// move would do (the same code the move runs); the move is a migration row and a fan-out workflow that sends each
// case one Update.
@Injectable()
export class SlaMigrationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaMigrationsService.name);

  constructor(
    private readonly migrations: SlaMigrationRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly offices: OfficeRepository,
    private readonly temporal: CaseWorkflowClient,
  ) {}

  // A migration whose fan-out never started (the API stopped between the row and the start) starts now; one that
  // runs is left as it is (the workflow id is the migration's).
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const id of await this.migrations.running()) await this.temporal.startSlaMigration(id);
    } catch (err) {
      this.logger.warn({ msg: 'could not resume the SLA migrations left running', error: (err as Error).message });
    }
  }

  async preview(version: string, dto: SlaMigrationPreviewRequestDto, user: CurrentUserInfo) {
    const s = await this.scoped(version, dto, user);
    const open = s.selected.filter((c) => c.status === 'OPEN');
    const previews: (SlaMigrationPreview | null)[] = [];
    for (let i = 0; i < open.length; i += PREVIEW_AT_ONCE) {
      previews.push(
        ...(await Promise.all(
          open.slice(i, i + PREVIEW_AT_ONCE).map((c) => this.temporal.previewSlaPolicy(c.caseId, s.policy)),
        )),
      );
    }
    const cases: SlaMigrationPreviewCaseDto[] = [];
    const skippedClosed = s.selected.filter((c) => c.status !== 'OPEN').map((c) => c.caseId);
    open.forEach((c, i) => {
      const p = previews[i];
      if (!p || p.status !== 'OPEN') return void skippedClosed.push(c.caseId);
      const lateNow = p.clocks.some((k) => k.lateNow);
      cases.push({ caseId: c.caseId, caseNumber: c.caseNumber, ...p, lateNow });
    });
    const answer: SlaMigrationPreviewDto = {
      officeId: s.officeId,
      toVersion: s.policy.version,
      total: cases.length,
      lateNow: cases.filter((c) => c.lateNow).length,
      cases,
      skippedClosed,
    };
    return answer;
  }

  // Under an Idempotency-Key the migration's id is derived from the caller and the key: the same request again (a
  // double click, a retry after a lost answer) answers the migration it started, and never starts a second one.
  async start(
    version: string,
    dto: SlaMigrationRequestDto,
    user: CurrentUserInfo,
    key?: string,
  ): Promise<SlaMigrationDto> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw fail(
        HttpStatus.BAD_REQUEST,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 printable ASCII characters',
      );
    const reason = dto.reason.trim();
    if (!reason)
      throw fail(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'give the reason of the move', 'reason');
    const id = key ? uuidFrom(`sla-migration:${user.userId}:${key}`) : randomUUID();
    const earlier = key ? await this.migrations.find(id) : null;
    if (earlier) return this.again(earlier, version, reason, user);
    const s = await this.scoped(version, dto, user);
    const open = s.selected.filter((c) => c.status === 'OPEN').map((c) => c.caseId);
    if (open.length === 0)
      throw fail(HttpStatus.UNPROCESSABLE_ENTITY, 'NO_CASES_TO_MOVE', 'the set holds no open case', 'filter');
    const made = await this.migrations.create(
      {
        id,
        officeId: s.officeId,
        toVersion: s.policy.version,
        reason,
        selection: s.selection,
        createdBy: user.userId,
        createdByRole: user.role,
      },
      open,
    );
    // the same key at the same moment: the other request made it
    if (!made) return this.again((await this.migrations.find(id))!, version, reason, user);
    await this.temporal.startSlaMigration(id);
    return this.get(version, id, user);
  }

  // The migration an earlier request under the same key started; its fan-out started again in case that request
  // stopped before starting it (a no-op while it runs). Another request under the key is refused.
  private async again(m: SlaMigrationRow, version: string, reason: string, user: CurrentUserInfo) {
    if (m.toVersion !== version || m.reason !== reason)
      throw fail(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for another request',
      );
    if (m.status === 'RUNNING') await this.temporal.startSlaMigration(m.id);
    return this.get(version, m.id, user);
  }

  async get(version: string, id: string, user: CurrentUserInfo): Promise<SlaMigrationDto> {
    const m = await this.migrations.find(id);
    // another office's migration is answered as none (the office scope), as is one under another version
    if (!m || m.toVersion !== version || (user.role !== 'ADMIN' && m.officeId !== user.officeId))
      throw fail(HttpStatus.NOT_FOUND, 'SLA_MIGRATION_NOT_FOUND', 'no such migration of that version in your office');
    return mapMigration(m, await this.migrations.cases(id));
  }

  // The office (a supervisor's or head's own; an admin names one), the target version (stored, activated, of the
  // office's province or national) and the cases the selection names.
  private async scoped(version: string, dto: SlaMigrationPreviewRequestDto, user: CurrentUserInfo): Promise<Scoped> {
    let officeId = dto.officeId;
    if (user.role !== 'ADMIN') {
      if (officeId !== undefined && officeId !== user.officeId)
        throw fail(HttpStatus.FORBIDDEN, 'OFFICE_FORBIDDEN', 'you may move the cases of your own office only');
      officeId = user.officeId ?? undefined;
    }
    if (!officeId)
      throw fail(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'an administrator names the office', 'officeId');
    const office = await this.offices.find(officeId);
    if (!office) throw fail(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'no such office', 'officeId');
    const target = await this.policies.find(version);
    if (!target) throw fail(HttpStatus.NOT_FOUND, 'SLA_POLICY_NOT_FOUND', `no SLA policy has the version ${version}`);
    if (target.region !== 'ID' && target.region !== office.province)
      throw fail(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'SLA_POLICY_NOT_FOR_OFFICE',
        `the version is ${target.region}'s, not of ${office.province} or national`,
        'version',
      );
    if (!target.activeFrom)
      throw fail(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'SLA_POLICY_NOT_ACTIVE',
        'the version was never activated',
        'version',
      );
    const f = dto.filter ?? {};
    const selection = Object.fromEntries(
      Object.entries({ steps: f.steps, tiers: f.tiers, categories: f.categories, caseIds: f.caseIds }).filter(
        ([, v]) => v !== undefined,
      ),
    ) as SlaMigrationSelection;
    const selected = await this.migrations.select(officeId, selection, MAX_MIGRATION_CASES + 1);
    if (selected.length > MAX_MIGRATION_CASES)
      throw fail(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'TOO_MANY_CASES',
        `the set holds more than ${MAX_MIGRATION_CASES} cases: narrow it by step, tier or category`,
        'filter',
      );
    return { officeId, policy: target.policy, selection, selected };
  }
}

function mapMigration(m: SlaMigrationRow, cases: Awaited<ReturnType<SlaMigrationRepository['cases']>>) {
  const count = (status: string) => cases.filter((c) => c.status === status).length;
  const dto: SlaMigrationDto = {
    id: m.id,
    officeId: m.officeId,
    toVersion: m.toVersion,
    reason: m.reason,
    selection: m.selection,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    status: m.status,
    finishedAt: m.finishedAt?.toISOString() ?? null,
    total: cases.length,
    done: count('MOVED') + count('CLOSED'),
    moved: count('MOVED'),
    closed: count('CLOSED'),
    failed: count('FAILED'),
    pending: count('PENDING'),
    cases,
  };
  return dto;
}
