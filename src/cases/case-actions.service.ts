import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { ACTION_DOCUMENT_KIND } from '../documents/document-kinds';
import { DocumentRepository } from '../documents/document.repository';
import { measured } from '../metrics/measured';
import { PartnerAgencyRepository } from '../partners/partner-agency.repository';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { sendCaseUpdate } from '../temporal/update-errors';
import { ACTION_RULES, RECEIVING_OFFICE_ACTIONS, type ActionType } from '../../workflows/definition';
import { UserRepository } from '../auth/user.repository';
import { OfficeRepository } from '../offices/office.repository';
import type { CaseAction } from '../../workflows/types';
import { validateActionPayload } from './action-payloads';
import type { ActionRequestDto } from './case-api.dto';
import { mapCase, type CaseResponseDto, type CaseRow } from './cases.dto';
import { CaseNotesService } from './case-notes.service';
import { CaseRepository } from './case.repository';
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
    private readonly cases: CasesService,
    private readonly agencies: PartnerAgencyRepository,
    private readonly documents: DocumentRepository,
    private readonly workflows: CaseWorkflowClient,
    private readonly idempotency: IdempotencyService,
    private readonly notes: CaseNotesService,
    private readonly offices: OfficeRepository,
    private readonly users: UserRepository,
    private readonly caseRows: CaseRepository,
  ) {}

  perform(
    caseId: string,
    dto: ActionRequestDto,
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    return measured(dto.type, () => this.performTimed(caseId, dto, user, idempotencyKey));
  }

  private async performTimed(
    caseId: string,
    dto: ActionRequestDto,
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    this.idempotency.check(idempotencyKey);
    // the one read of the case: its scope and allowed actions now, and what the answer takes from it afterwards
    const found = await this.cases.findReadable(caseId, user, { person: true });
    const rule = ACTION_RULES[dto.type];
    if (!rule.roles.includes(user.role)) {
      const allowedActions = found.allowedActions[user.role] ?? [];
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_ALLOWED',
        `${dto.type} needs the role ${rule.roles.join(' or ')}`,
        { allowedActions },
        { allowedActions },
      );
    }
    const checked = validateActionPayload(dto.type, dto.payload);
    if (!checked.ok) {
      const first = checked.details[0];
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        first ? `${first.field}: ${first.problems[0]}` : 'the payload is not valid',
        checked.details,
      );
    }
    this.checkOffice(found, dto.type, user);
    await this.checkAgencies(checked.payload);
    await this.checkDocument(caseId, dto.type, checked.payload);
    await this.checkHandover(found, dto.type, checked.payload, user);
    const request = { caseId, type: dto.type, payload: checked.payload, expectedStep: dto.expectedStep ?? null };
    const replay = await this.idempotency.replayed(user, idempotencyKey, 'action', request);
    if (replay) return { case: await this.cases.withRelated(found, user), replayed: true };

    const updateId = this.idempotency.updateId('action', user, idempotencyKey);
    // the note's words go to the case file first; the workflow gets the note's id
    const prepared = await this.notes.prepare(caseId, dto.type, checked.payload, user, idempotencyKey);
    const { payload } = prepared;
    const snapshot = await sendCaseUpdate(this.logger, caseId, () =>
      this.workflows.performAction(
        caseId,
        // the payload was validated by the DTO of dto.type, so it is the payload of that type
        {
          type: dto.type,
          payload,
          // the workflow checks the office too: only the office that has the case acts on it
          actor: { userId: user.userId, role: user.role, officeId: user.officeId },
          ...(dto.expectedStep ? { expectedStep: dto.expectedStep } : {}),
        } as CaseAction,
        updateId,
      ),
    ).catch(async (err: unknown) => {
      // refused (409, 422): the note never became part of the case. Unanswered (503): it may have, so it stays
      // PENDING (shown nowhere) until a retry with the same Idempotency-Key records it.
      if (err instanceof ApiError && err.getStatus() < 500) await this.notes.discard(prepared);
      throw err;
    });
    await this.idempotency.remember(user, idempotencyKey, caseId, 'action', request);
    return { case: await this.cases.afterUpdate(found, snapshot, user), replayed: false };
  }

  // The office that has the case acts on it; the office it is being handed to only accepts or returns it; an office
  // it has left only reads it.
  private checkOffice(found: CaseRow, type: ActionType, user: CurrentUserInfo): void {
    const receiving = RECEIVING_OFFICE_ACTIONS.includes(type);
    if (found.officeId === user.officeId && !receiving) return;
    if (receiving && found.transferToOfficeId !== null && found.transferToOfficeId === user.officeId) return;
    const message =
      found.officeId === user.officeId
        ? 'only the office the case is being handed to decides on the handover'
        : 'the case belongs to another office: your office may only read it';
    const allowedActions = mapCase(found, user).allowedActions;
    throw new ApiError(HttpStatus.CONFLICT, 'ACTION_NOT_ALLOWED', message, { allowedActions }, { allowedActions });
  }

  // The office a case is handed to must exist (404); the caseworker who takes it on, be staff of the receiving
  // office; the case a duplicate closes against, another case of this office (404 when there is none).
  private async checkHandover(
    found: CaseRow,
    type: ActionType,
    payload: Record<string, unknown>,
    user: CurrentUserInfo,
  ): Promise<void> {
    if (type === 'transfer-case' && !(await this.offices.exists(String(payload.toOfficeId)))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'OFFICE_NOT_FOUND', 'payload.toOfficeId: no office has that id');
    }
    if (type === 'accept-transfer' && payload.assigneeId !== undefined) {
      if (!(await this.users.isStaffOf(String(payload.assigneeId), user.officeId))) {
        throw invalid('payload.assigneeId', 'no staff member of your office has that id');
      }
    }
    const duplicateOf = payload.duplicateOfCaseId;
    if (type === 'propose-closure' && typeof duplicateOf === 'string') {
      if (duplicateOf === found.id) throw invalid('payload.duplicateOfCaseId', 'a case is not a duplicate of itself');
      const other = await this.caseRows.findRow(duplicateOf);
      if (!other || other.officeId !== found.officeId) {
        throw new ApiError(
          HttpStatus.NOT_FOUND,
          'CASE_NOT_FOUND',
          'payload.duplicateOfCaseId: no case of this office has that id',
        );
      }
    }
  }

  // A signed document an action points at (record-consent, record-refusal, record-handover) must be one of this
  // case's documents, not deleted, and of the action's kind.
  private async checkDocument(caseId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    const id = payload.documentId;
    const kind = ACTION_DOCUMENT_KIND[type];
    if (typeof id !== 'string' || !kind) return;
    const doc = await this.documents.findOnCase(caseId, id);
    const problem = !doc
      ? 'no document of this case has that id'
      : doc.deletedAt
        ? 'that document was deleted'
        : doc.kind !== kind
          ? `that document is a ${doc.kind}, not a ${kind}`
          : null;
    if (problem) throw invalid('payload.documentId', problem);
  }

  // A payload that names a partner agency (send-referral's agencyId, record-consent's recipientAgencyId) must name
  // an active one: a referral to an agency nobody can see would sit unanswered.
  private async checkAgencies(payload: Record<string, unknown>): Promise<void> {
    for (const field of ['agencyId', 'recipientAgencyId'] as const) {
      const id = payload[field];
      if (typeof id !== 'string') continue;
      if (!(await this.agencies.isActive(id)))
        throw invalid(`payload.${field}`, 'no active partner agency has that id');
    }
  }
}

function invalid(field: string, problem: string): ApiError {
  return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `${field}: ${problem}`, [
    { field, problems: [problem] },
  ]);
}
