import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { timeAction } from '../metrics/metrics';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { updateError } from '../temporal/update-errors';
import { ACTION_RULES } from '../../workflows/definition';
import type { CaseAction, CaseSnapshot } from '../../workflows/types';
import { validateActionPayload } from './action-payloads';
import type { ActionRequestDto, EscalationDto, ResolveEscalationDto } from './case-api.dto';
import { escalationSql } from './case-queries';
import type { CaseResponseDto } from './cases.dto';
import { CasesService } from './cases.service';
import { IdempotencyService } from './idempotency.service';

export type ActionResult = { case: CaseResponseDto; replayed: boolean };

// Changes of a case by staff: each is one Update of the case workflow. The workflow decides (its validator refuses
// what is not allowed now, and nothing is recorded); the API answers after the workflow has written the change to
// the read model, so the case it returns already shows it.
@Injectable()
export class CaseActionsService {
  private readonly logger = new Logger(CaseActionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly workflows: CaseWorkflowClient,
    private readonly idempotency: IdempotencyService,
  ) {}

  perform(caseId: string, dto: ActionRequestDto, user: CurrentUserInfo, idempotencyKey?: string): Promise<ActionResult> {
    return measured(dto.type, () => this.performTimed(caseId, dto, user, idempotencyKey));
  }

  private async performTimed(caseId: string, dto: ActionRequestDto, user: CurrentUserInfo, idempotencyKey?: string): Promise<ActionResult> {
    this.idempotency.check(idempotencyKey);
    const found = await this.cases.findScoped(caseId, user, { person: false });
    const rule = ACTION_RULES[dto.type];
    if (!rule.roles.includes(user.role)) {
      const allowedActions = found.allowedActions[user.role] ?? [];
      throw new ApiError(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', `${dto.type} needs the role ${rule.roles.join(' or ')}`, { allowedActions }, { allowedActions });
    }
    const checked = validateActionPayload(dto.type, dto.payload);
    if (!checked.ok) {
      const first = checked.details[0];
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', first ? `${first.field}: ${first.problems[0]}` : 'the payload is not valid', checked.details);
    }
    await this.checkAgencies(checked.payload);
    const request = { caseId, type: dto.type, payload: checked.payload, expectedStep: dto.expectedStep ?? null };
    const replay = await this.idempotency.replayed(user, idempotencyKey, 'action', request);
    if (replay) return { case: await this.cases.withRelated(await this.cases.findScoped(caseId, user, { person: true }), user), replayed: true };

    const updateId = this.idempotency.updateId('action', user, idempotencyKey);
    await this.update(caseId, () =>
      this.workflows.performAction(
        caseId,
        // the payload was validated by the DTO of dto.type, so it is the payload of that type
        { type: dto.type, payload: checked.payload, actor: { userId: user.userId, role: user.role }, ...(dto.expectedStep ? { expectedStep: dto.expectedStep } : {}) } as CaseAction,
        updateId,
      ),
    );
    await this.idempotency.remember(user, idempotencyKey, caseId, 'action', request);
    return { case: await this.cases.withRelated(await this.cases.findScoped(caseId, user, { person: true }), user), replayed: false };
  }

  // A payload that names a partner agency (send-referral's agencyId, record-consent's recipientAgencyId) must name
  // an active one: a referral to an agency nobody can see would sit unanswered.
  private async checkAgencies(payload: Record<string, unknown>): Promise<void> {
    for (const field of ['agencyId', 'recipientAgencyId'] as const) {
      const id = payload[field];
      if (typeof id !== 'string') continue;
      const rows = (await this.dataSource.query('SELECT 1 FROM partner_agencies WHERE id = $1 AND active', [id])) as unknown[];
      if (rows.length === 0) {
        throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `payload.${field}: no active partner agency has that id`, [
          { field: `payload.${field}`, problems: ['no active partner agency has that id'] },
        ]);
      }
    }
  }

  async findEscalation(id: string, user: CurrentUserInfo): Promise<EscalationDto> {
    const sql = escalationSql(id);
    const rows = (await this.dataSource.query(sql.text, sql.params)) as (EscalationRow & { officeId: string })[];
    const row = rows[0];
    if (!row || row.officeId !== user.officeId) throw new ApiError(HttpStatus.NOT_FOUND, 'ESCALATION_NOT_FOUND', `no escalation with id ${id}`);
    return mapEscalation(row);
  }

  resolveEscalation(id: string, dto: ResolveEscalationDto, user: CurrentUserInfo, idempotencyKey?: string): Promise<{ escalation: EscalationDto; case: CaseResponseDto; replayed: boolean }> {
    return measured(`resolve-escalation:${dto.resolution}`, () => this.resolveTimed(id, dto, user, idempotencyKey));
  }

  private async resolveTimed(id: string, dto: ResolveEscalationDto, user: CurrentUserInfo, idempotencyKey?: string) {
    this.idempotency.check(idempotencyKey);
    const escalation = await this.findEscalation(id, user);
    if (escalation.level === 2 && user.role !== 'HEAD') {
      throw new ApiError(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'a level-2 escalation is resolved by the head of office');
    }
    if (dto.resolution === 'REASSIGN') {
      const staff = (await this.dataSource.query(
        `SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD')`,
        [dto.assigneeId, user.officeId],
      )) as unknown[];
      if (staff.length === 0) {
        throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'assigneeId: no staff member of your office has that id', [
          { field: 'assigneeId', problems: ['no staff member of your office has that id'] },
        ]);
      }
    }
    if (dto.resolution === 'EXTEND' && !(Date.parse(dto.newDueAt!) > Date.now())) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'newDueAt: must be in the future', [{ field: 'newDueAt', problems: ['must be in the future'] }]);
    }
    const request = { escalationId: id, ...dto };
    const replay = await this.idempotency.replayed(user, idempotencyKey, 'resolve-escalation', request);
    if (!replay) {
      const updateId = this.idempotency.updateId('resolve', user, idempotencyKey);
      await this.update(escalation.caseId, () =>
        this.workflows.resolveEscalation(
          escalation.caseId,
          {
            escalationId: id,
            resolution: dto.resolution,
            reason: dto.reason,
            ...(dto.assigneeId ? { assigneeId: dto.assigneeId } : {}),
            ...(dto.newDueAt ? { newDueAt: new Date(dto.newDueAt).toISOString() } : {}),
            actor: { userId: user.userId, role: user.role },
          },
          updateId,
        ),
      );
      await this.idempotency.remember(user, idempotencyKey, escalation.caseId, 'resolve-escalation', request);
    }
    const found = await this.cases.findScoped(escalation.caseId, user, { person: true });
    return { escalation: await this.findEscalation(id, user), case: await this.cases.withRelated(found, user), replayed: replay };
  }

  private async update(caseId: string, send: () => Promise<CaseSnapshot>): Promise<void> {
    try {
      await send();
    } catch (err) {
      const { outcome, error } = updateError(err);
      if (outcome === 'unavailable') this.logger.warn({ msg: 'case update failed in the engine', caseId, error: (err as Error).name });
      throw error;
    }
  }
}

type EscalationRow = Omit<EscalationDto, 'openedAt' | 'resolvedAt'> & { openedAt: Date; resolvedAt: Date | null };

export function mapEscalation(r: EscalationRow): EscalationDto {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    riskTier: r.riskTier,
    level: Number(r.level) as 1 | 2,
    kind: r.kind,
    reason: r.reason,
    step: r.step,
    assignedRole: r.assignedRole,
    notifyTaskForce: r.notifyTaskForce,
    status: r.status,
    openedAt: r.openedAt.toISOString(),
    resolution: r.resolution,
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    resolvedBy: r.resolvedBy,
  };
}



// Counts and times one request in /metrics under its type and outcome.
export async function measured<T extends object>(type: string, run: () => Promise<T>): Promise<T> {
  const done = timeAction(type);
  try {
    const result = await run();
    done((result as { replayed?: boolean }).replayed ? 'replayed' : 'ok');
    return result;
  } catch (err) {
    done(outcomeOf(err));
    throw err;
  }
}

function outcomeOf(err: unknown): string {
  const status = err instanceof ApiError ? err.getStatus() : 500;
  const code = err instanceof ApiError ? (err.getResponse() as { error?: string }).error : undefined;
  if (code === 'ACTION_NOT_ALLOWED') return 'not_allowed';
  if (code === 'CASE_ARCHIVED') return 'gone';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}
