import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app.config';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { SlaPolicyService } from '../process/sla-policy.service';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IDEMPOTENCY_KEY, uuidFrom } from '../common/derived-id';
import { AuditRepository } from '../audit/audit.repository';
import { pageOf, toPage } from '../database/filter-page';
import { DocumentRepository } from '../documents/document.repository';
import { mapDocument } from '../documents/documents.dto';
import { EscalationRepository } from '../escalations/escalation.repository';
import { NotificationDeliveryRepository } from '../partners/notification-delivery.repository';
import { ReferralRepository } from '../referrals/referral.repository';
import { partnerDeadlines } from '../referrals/partner-deadlines';
import type { CaseSnapshot } from '../../workflows/types';
import {
  mapCase,
  toPersonColumns,
  type CaseConsent,
  type CaseListRow,
  type CaseOffice,
  type CaseReferral,
  type CaseNoteDto,
  type CaseResponseDto,
  type CaseRow,
  type CreateCaseDto,
} from './cases.dto';
import type { CaseExportDto, CaseListResponseDto, ListCasesQueryDto, TimelineResponseDto } from './case-api.dto';
import { CaseEventRepository } from './case-event.repository';
import { CaseNotesService, sha256 } from './case-notes.service';
import { verifyChain } from './case-timeline';
import { CaseRepository, type CaseListFilter } from './case.repository';
import { childAt, searchKeys } from './person-rules';
import { CasesException } from './cases.exception';
import { EngineTimeout } from '../temporal/engine-timeout';
import { engineTimeoutError } from '../temporal/update-errors';
import { ConsentRepository } from './consent.repository';
import { TaskRepository } from './task.repository';
import { SlaMigrationRepository } from '../sla-migrations/sla-migration.repository';

@Injectable()
export class CasesService {
  private readonly logger = new Logger(CasesService.name);
  private readonly app: AppConfig;

  constructor(
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly tasks: TaskRepository,
    private readonly escalations: EscalationRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly audit: AuditRepository,
    private readonly documents: DocumentRepository,
    private readonly workflows: CaseWorkflowClient,
    private readonly calendars: HolidayCalendarService,
    private readonly policies: SlaPolicyService,
    private readonly notes: CaseNotesService,
    private readonly migrations: SlaMigrationRepository,
    config: ConfigService,
  ) {
    this.app = config.getOrThrow<AppConfig>('app');
  }

  async create(
    dto: CreateCaseDto,
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; case: CaseResponseDto }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new CasesException(
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 printable ASCII characters',
      );
    }
    const officeId = dto.officeId ?? user.officeId;
    if (!officeId)
      throw new CasesException('OFFICE_REQUIRED', 'officeId is required', [
        { field: 'officeId', problems: ['officeId is required'] },
      ]);
    // staff belong to an existing office (users.office_id is a foreign key), so this also refuses unknown offices
    if (officeId !== user.officeId)
      throw new CasesException('OTHER_OFFICE', 'you may register cases only for your own office');

    // the key is scoped to the caller: two users' keys never name the same case
    const caseId = idempotencyKey ? uuidFrom(`case:${user.userId}:${idempotencyKey}`) : randomUUID();
    const personId = idempotencyKey ? uuidFrom(`person:${user.userId}:${idempotencyKey}`) : randomUUID();
    const existing = await this.cases.findWithPerson(caseId);
    if (existing) return { created: false, case: await this.withRelated(existing, user) };

    await this.cases.insertPerson({
      nationalId: null,
      phone: null,
      language: null,
      passportNumber: null,
      aliases: [],
      disability: null,
      safetyNotes: null,
      contacts: [],
      ...toPersonColumns(dto.person),
      id: personId,
      fullName: dto.person.fullName,
      sex: dto.person.sex,
      dateOfBirth: dto.person.dateOfBirth,
      homeProvince: dto.person.homeRegion.province,
      homeRegency: dto.person.homeRegion.regency,
    });
    const arrivedAt = new Date(dto.arrival.arrivedAt);

    const policy = await this.policies.current(new Date(), officeId);
    try {
      await this.workflows.startCase({
        caseId,
        officeId,
        personId,
        category: dto.category,
        arrival: {
          point: dto.arrival.point,
          arrivedAt: arrivedAt.toISOString(),
          fromCountry: dto.arrival.fromCountry,
        },
        policyVersion: policy.version,
        policy,
        calendar: await this.calendars.current(),
        timeZone: await this.calendars.timeZoneOf(officeId),
        slaTimeScale: this.app.slaTimeScale,
        continueAfterEvents: this.app.caseContinueAfterEvents,
        registeredBy: { userId: user.userId, role: user.role },
        registeredAt: new Date().toISOString(),
        // the workflow learns only whether the returnee is a child, never the date of birth
        childByBirth: childAt(dto.person.dateOfBirth, arrivedAt),
      });
    } catch (err) {
      // Past the engine deadline the workflow may have started (or may yet): its registration needs the person,
      // and a retry with the same Idempotency-Key attaches to it.
      if (err instanceof EngineTimeout) {
        this.logger.warn({ msg: 'case registration timed out in the engine', caseId, accepted: err.accepted });
        throw engineTimeoutError(err);
      }
      // Nothing was started: leave no orphan person behind, and tell the client it may retry.
      if (!(await this.cases.findWithPerson(caseId))) await this.cases.deletePerson(personId);
      this.logger.error({ msg: 'case workflow could not be started', caseId, error: (err as Error).name });
      throw new CasesException('ENGINE_UNAVAILABLE', 'the workflow engine did not accept the case; retry shortly');
    }

    const created = await this.cases.findWithPerson(caseId);
    if (!created) throw new Error(`case ${caseId} registered but not in the read model`);
    return { created: true, case: await this.withRelated(created, user) };
  }

  // A case of another office answers as if it did not exist: its existence is itself information.
  async get(id: string, user: CurrentUserInfo): Promise<CaseResponseDto> {
    const found = await this.findReadable(id, user, { person: true });
    return this.withRelated(found, user);
  }

  // The case as the caller may see it, with its referrals and consents: what GET /cases/{id} and every action answer.
  async withRelated(c: CaseRow, user: CurrentUserInfo): Promise<CaseResponseDto> {
    return mapCase(c, user, await this.related(c));
  }

  // The case as an Update of its workflow left it, from the Update's snapshot and the row read before it (the one
  // read of the case an action makes). The snapshot holds what the workflow decides, exactly as its activity has
  // just projected it into the row: status, step, tier, deadline, SLA state, escalation level, assignee, allowed
  // actions. The row read before holds what no action changes: number, office, category, arrival, the policy
  // version the case started with (the row's, as GET shows it), the person. Read again, because the snapshot is not
  // the same truth there: updated_at (the read model's own clock), the referrals (the referral workflow writes the
  // partner's answers, reason and summary to them, and the case workflow's copy can lag behind) and the consents
  // (retention drops a guardian's name in PostgreSQL only; the workflow keeps it); both are listed in PostgreSQL's
  // order of time and id.
  async afterUpdate(before: CaseRow, s: CaseSnapshot, user: CurrentUserInfo): Promise<CaseResponseDto> {
    const [row, related] = await Promise.all([
      this.cases.findRow(before.id),
      this.related({ ...before, riskTier: s.riskTier }),
    ]);
    if (!row) throw new Error(`case ${before.id} is not in the read model`);
    const now: CaseRow = {
      ...before,
      // the office, the pending handover and the closure's reason as the activity wrote them with the change
      officeId: row.officeId,
      transferToOfficeId: row.transferToOfficeId,
      transferRequestedAt: row.transferRequestedAt,
      closureReasonCode: row.closureReasonCode,
      duplicateOfCaseId: row.duplicateOfCaseId,
      status: s.status,
      currentStep: s.currentStep,
      riskTier: s.riskTier,
      assigneeId: s.assigneeId,
      dueAt: s.dueAt === null ? null : new Date(s.dueAt),
      slaState: s.slaState,
      escalationLevel: s.escalationLevel,
      allowedActions: s.allowedActions,
      updatedAt: row.updatedAt,
    };
    return mapCase(now, user, related);
  }

  private async related(c: Pick<CaseRow, 'id' | 'riskTier' | 'policyVersion'>): Promise<{
    referrals: CaseReferral[];
    consents: CaseConsent[];
    notes: CaseNoteDto[];
    offices: CaseOffice[];
    duplicatedBy: string[];
  }> {
    const caseId = c.id;
    const [referrals, consents, notes, offices, duplicatedBy, policy, calendar] = await Promise.all([
      this.referrals.forCase(caseId),
      this.consents.forCase(caseId),
      this.notes.forCase(caseId),
      this.cases.officesOf(caseId),
      this.cases.duplicatesOf(caseId),
      this.policies.ofVersion(c.policyVersion),
      this.calendars.current(),
    ]);
    const basis = { tier: c.riskTier, policy, calendar, slaTimeScale: this.app.slaTimeScale };
    return {
      notes,
      offices,
      duplicatedBy,
      referrals: referrals.map(({ acknowledgedAt, decidedAt, ...r }) => ({
        ...r,
        sentAt: r.sentAt.toISOString(),
        partnerDeadlines: partnerDeadlines({ ...r, acknowledgedAt, decidedAt }, basis),
      })),
      consents: consents.map((x) => ({
        ...x,
        expiresAt: x.expiresAt.toISOString(),
        withdrawnAt: x.withdrawnAt ? x.withdrawnAt.toISOString() : null,
        recordedAt: x.recordedAt.toISOString(),
      })),
    };
  }

  async list(q: ListCasesQueryDto, user: CurrentUserInfo): Promise<CaseListResponseDto> {
    const officeId = this.ownOffice(user);
    if (q.office !== undefined && q.office !== officeId) {
      throw new CasesException('OTHER_OFFICE', 'you may list only the cases of your own office');
    }
    const page = pageOf(q);
    const filter: CaseListFilter = {
      ...page,
      officeId,
      status: q.status,
      step: q.step,
      riskTier: q.riskTier,
      assigneeId: q.assignee === 'me' ? user.userId : q.assignee,
      overdue: q.overdue,
      incoming: q.incoming,
    };
    if (q.q !== undefined) {
      // a search names the returnee in each result, or the caseworker could not tell the results apart
      const found = await this.cases.search(filter, searchKeys(q.q), new Date());
      return toPage(found, page, (r) => ({
        ...listed(r, user),
        match: { fullName: r.matchName, matchedOn: r.matchedOn, score: Math.round(r.score * 1000) / 1000 },
      }));
    }
    const rows = await this.cases.list(filter, new Date());
    return toPage(rows, page, (r) => listed(r, user));
  }

  async timeline(id: string, user: CurrentUserInfo, verify: boolean): Promise<TimelineResponseDto> {
    const found = await this.findReadable(id, user, { person: false });
    const [events, notes] = await Promise.all([this.events.timeline(id), this.notes.forCase(id)]);
    const byId = new Map(notes.map((n) => [n.id, n]));
    const moved = events.filter((e) => e.type === 'sla.policy_migrated').map((e) => String(e.data.migrationId));
    const reasons = await this.migrations.reasons(moved);
    return {
      caseId: id,
      caseNumber: found.caseNumber,
      events: events.map((e) => {
        const note = e.type === 'note.added' ? byId.get(String(e.data.noteId)) : undefined;
        return {
          seq: e.seq,
          type: e.type,
          actor: { userId: e.actorId, role: e.actorRole },
          step: e.step,
          occurredAt: e.occurredAt.toISOString(),
          data: e.data,
          hash: e.hash,
          ...(note ? { note: { id: note.id, text: note.text } } : {}),
          ...(e.type === 'sla.policy_migrated' ? migrationOf(String(e.data.migrationId), reasons) : {}),
        };
      }),
      ...(verify
        ? {
            verification: verifyChain(
              events,
              new Map(notes.map((n) => [n.id, n.text === null ? null : sha256(n.text)])),
            ),
          }
        : {}),
    };
  }

  // Everything held about the returnee of a case (UU 27/2022 PDP: the data subject's right of access).
  async export(id: string, user: CurrentUserInfo): Promise<CaseExportDto> {
    const found = await this.findScoped(id, user, { person: true });
    const [timeline, tasks, escalations, notifications, accessLog, documents, f] = await Promise.all([
      this.timeline(id, user, false),
      this.tasks.forCase(id),
      this.escalations.forCase(id),
      this.deliveries.forCase(id),
      this.audit.forCase(id),
      this.documents.forCase(id),
      this.cases.retentionState(id),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      case: await this.withRelated(found, user),
      timeline: timeline.events,
      tasks,
      escalations,
      notifications,
      accessLog,
      documents: documents.map(mapDocument),
      legalHold: f.legalHold,
      legalHoldReason: f.legalHoldReason,
      anonymisedAt: f.anonymisedAt ? f.anonymisedAt.toISOString() : null,
    };
  }

  async setLegalHold(
    id: string,
    hold: boolean,
    reason: string,
    user: CurrentUserInfo,
  ): Promise<{ caseId: string; legalHold: boolean }> {
    await this.findScoped(id, user, { person: false });
    await this.cases.setLegalHold(id, hold, reason);
    return { caseId: id, legalHold: hold };
  }

  // The case, if it exists and belongs to the caller's office; 404 otherwise.
  async findScoped(id: string, user: CurrentUserInfo, opts: { person: boolean }): Promise<CaseRow> {
    const found = opts.person ? await this.cases.findWithPerson(id) : await this.cases.findRow(id);
    if (!found || found.officeId !== user.officeId) throw new CasesException('CASE_NOT_FOUND', `no case with id ${id}`);
    return found;
  }

  // The case, if the caller's office may read it: the office that has it, the office it is being handed to, and
  // every office it has belonged to (what they did stays theirs to see); 404 otherwise. Only reads and the actions
  // (which the office decides further) use it: every other change of a case is for its own office (findScoped).
  async findReadable(id: string, user: CurrentUserInfo, opts: { person: boolean }): Promise<CaseRow> {
    const found = opts.person ? await this.cases.findWithPerson(id) : await this.cases.findRow(id);
    const office = user.officeId;
    const readable =
      found !== null &&
      office !== null &&
      (found.officeId === office ||
        found.transferToOfficeId === office ||
        (await this.cases.hasBeenAt(found.id, office)));
    if (!readable) throw new CasesException('CASE_NOT_FOUND', `no case with id ${id}`);
    return found;
  }

  private ownOffice(user: CurrentUserInfo): string {
    if (!user.officeId) throw new CasesException('OTHER_OFFICE', 'only staff of an office work with cases');
    return user.officeId;
  }
}

// A case as a list shows it: without the file, with whom it is about.
function listed(r: CaseListRow, user: CurrentUserInfo): CaseResponseDto {
  return { ...mapCase(r, user), returnee: { fullName: r.returneeName, dateOfBirth: r.returneeBirth } };
}

// The reason of a move to another SLA policy version, beside its event (the event holds the migration's id only).
function migrationOf(id: string, reasons: ReadonlyMap<string, string>) {
  return { migration: { id, text: reasons.get(id) ?? null } };
}
