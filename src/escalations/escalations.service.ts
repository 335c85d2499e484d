import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { UserRepository } from '../auth/user.repository';
import { CasesService } from '../cases/cases.service';
import type { CaseResponseDto } from '../cases/cases.dto';
import { IdempotencyService } from '../cases/idempotency.service';
import { staffOffice } from '../cases/inbox.service';
import { ApiError } from '../common/api-error';
import { pageOf, toPage } from '../database/filter-page';
import { measured } from '../metrics/measured';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { sendCaseUpdate } from '../temporal/update-errors';
import { EscalationRepository } from './escalation.repository';
import {
  mapEscalation,
  type EscalationDto,
  type EscalationListResponseDto,
  type EscalationsQueryDto,
  type ResolveEscalationDto,
} from './escalations.dto';

// The office's escalation queue, for supervisors and heads: the list, and resolving one, which is an Update of
// the case workflow (the workflow re-arms or reassigns, and writes the resolution to the read model).
@Injectable()
export class EscalationsService {
  private readonly logger = new Logger(EscalationsService.name);

  constructor(
    private readonly escalations: EscalationRepository,
    private readonly users: UserRepository,
    private readonly cases: CasesService,
    private readonly workflows: CaseWorkflowClient,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(q: EscalationsQueryDto, user: CurrentUserInfo): Promise<EscalationListResponseDto> {
    const page = pageOf(q);
    const rows = await this.escalations.list({
      ...page,
      officeId: staffOffice(user),
      status: q.status ?? 'OPEN',
      level: q.level,
    });
    return toPage(rows, page, mapEscalation);
  }

  // An escalation of another office answers as if it did not exist.
  async find(id: string, user: CurrentUserInfo): Promise<EscalationDto> {
    const row = await this.escalations.find(id);
    if (!row || row.officeId !== user.officeId)
      throw new ApiError(HttpStatus.NOT_FOUND, 'ESCALATION_NOT_FOUND', `no escalation with id ${id}`);
    return mapEscalation(row);
  }

  resolve(
    id: string,
    dto: ResolveEscalationDto,
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<{ escalation: EscalationDto; case: CaseResponseDto; replayed: boolean }> {
    return measured(`resolve-escalation:${dto.resolution}`, () => this.resolveTimed(id, dto, user, idempotencyKey));
  }

  private async resolveTimed(id: string, dto: ResolveEscalationDto, user: CurrentUserInfo, idempotencyKey?: string) {
    this.idempotency.check(idempotencyKey);
    const escalation = await this.find(id, user);
    if (escalation.level === 2 && user.role !== 'HEAD') {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_ALLOWED',
        'a level-2 escalation is resolved by the head of office',
      );
    }
    if (dto.resolution === 'REASSIGN' && !(await this.users.isStaffOf(dto.assigneeId, user.officeId))) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        'assigneeId: no staff member of your office has that id',
        [{ field: 'assigneeId', problems: ['no staff member of your office has that id'] }],
      );
    }
    // a handover's overdue decision is the receiving office's: it is decided by accept-transfer or return-transfer,
    // and the case's own work is not the receiving office's to reassign or take over
    if (escalation.kind === 'TRANSFER_APPROVAL' && (dto.resolution === 'REASSIGN' || dto.resolution === 'TAKE_OVER')) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        'resolution: a handover waiting for a decision is extended or acknowledged',
        [{ field: 'resolution', problems: ['a handover waiting for a decision is extended or acknowledged'] }],
      );
    }
    if (dto.resolution === 'EXTEND' && !(Date.parse(dto.newDueAt!) > Date.now())) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'newDueAt: must be in the future', [
        { field: 'newDueAt', problems: ['must be in the future'] },
      ]);
    }
    const request = { escalationId: id, ...dto };
    const replayed = await this.idempotency.replayed(user, idempotencyKey, 'resolve-escalation', request);
    // the one read of the case, for the answer (the escalation's office is the case's, or the office the case is
    // being handed to: either may read it)
    const found = await this.cases.findReadable(escalation.caseId, user, { person: true });
    let answered: CaseResponseDto;
    if (replayed) {
      answered = await this.cases.withRelated(found, user);
    } else {
      const updateId = this.idempotency.updateId('resolve', user, idempotencyKey);
      const snapshot = await sendCaseUpdate(this.logger, escalation.caseId, () =>
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
      answered = await this.cases.afterUpdate(found, snapshot, user);
    }
    // read again: the resolution, its time and who resolved it are the activity's writes, not in the snapshot
    return { escalation: await this.find(id, user), case: answered, replayed };
  }
}
