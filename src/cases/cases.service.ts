import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { SlaPolicyService } from '../process/sla-policy.service';
import type { CurrentUserInfo } from '../auth/auth.types';
import { CaseEntity } from './case.entity';
import { mapCase, type CaseResponseDto, type CaseRow, type CreateCaseDto } from './cases.dto';
import type { CaseExportDto, CaseListResponseDto, ListCasesQueryDto, TimelineResponseDto } from './case-api.dto';
import { CASE_COLUMNS, listCasesSql, timelineSql } from './case-queries';
import { verifyChain, type StoredCaseEvent } from './case-timeline';
import type { ConsentRecord, ReferralRecord } from '../../workflows/types';
import { CasesException } from './cases.exception';
import { PersonEntity } from './person.entity';

// A UUID (v8 layout) derived from a string, so the same Idempotency-Key always names the same case and person.
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const DEFAULT_PAGE = 50;

@Injectable()
export class CasesService {
  private readonly logger = new Logger(CasesService.name);
  private readonly app: AppConfig;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: CaseWorkflowClient,
    private readonly calendars: HolidayCalendarService,
    private readonly policies: SlaPolicyService,
    config: ConfigService,
  ) {
    this.app = config.getOrThrow<AppConfig>('app');
  }

  async create(dto: CreateCaseDto, user: CurrentUserInfo, idempotencyKey?: string): Promise<{ created: boolean; case: CaseResponseDto }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new CasesException('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 printable ASCII characters');
    }
    const officeId = dto.officeId ?? user.officeId;
    if (!officeId) throw new CasesException('OFFICE_REQUIRED', 'officeId is required', [{ field: 'officeId', problems: ['officeId is required'] }]);
    // staff belong to an existing office (users.office_id is a foreign key), so this also refuses unknown offices
    if (officeId !== user.officeId) throw new CasesException('OTHER_OFFICE', 'you may register cases only for your own office');

    // the key is scoped to the caller: two users' keys never name the same case
    const caseId = idempotencyKey ? uuidFrom(`case:${user.userId}:${idempotencyKey}`) : randomUUID();
    const personId = idempotencyKey ? uuidFrom(`person:${user.userId}:${idempotencyKey}`) : randomUUID();
    const existing = await this.findEntity(caseId);
    if (existing) return { created: false, case: await this.withRelated(existing, user) };

    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PersonEntity)
      .values({
        id: personId,
        fullName: dto.person.fullName,
        sex: dto.person.sex,
        dateOfBirth: dto.person.dateOfBirth,
        nationalId: dto.person.nationalId ?? null,
        phone: dto.person.phone ?? null,
        language: dto.person.language ?? null,
        homeProvince: dto.person.homeRegion.province,
        homeRegency: dto.person.homeRegion.regency,
      })
      .orIgnore()
      .execute();

    const policy = await this.policies.current();
    try {
      await this.workflows.startCase({
        caseId,
        officeId,
        personId,
        category: dto.category,
        arrival: {
          point: dto.arrival.point,
          arrivedAt: new Date(dto.arrival.arrivedAt).toISOString(),
          fromCountry: dto.arrival.fromCountry,
        },
        policyVersion: policy.version,
        policy,
        calendar: await this.calendars.current(),
        slaTimeScale: this.app.slaTimeScale,
        continueAfterEvents: this.app.caseContinueAfterEvents,
        registeredBy: { userId: user.userId, role: user.role },
        registeredAt: new Date().toISOString(),
      });
    } catch (err) {
      // Nothing was started: leave no orphan person behind, and tell the client it may retry.
      if (!(await this.findEntity(caseId))) {
        await this.dataSource.getRepository(PersonEntity).delete({ id: personId });
      }
      this.logger.error({ msg: 'case workflow could not be started', caseId, error: (err as Error).name });
      throw new CasesException('ENGINE_UNAVAILABLE', 'the workflow engine did not accept the case; retry shortly');
    }

    const created = await this.findEntity(caseId);
    if (!created) throw new Error(`case ${caseId} registered but not in the read model`);
    return { created: true, case: await this.withRelated(created, user) };
  }

  // A case of another office answers as if it did not exist: its existence is itself information.
  async get(id: string, user: CurrentUserInfo): Promise<CaseResponseDto> {
    const found = await this.findScoped(id, user, { person: true });
    return this.withRelated(found, user);
  }

  // The case as the caller may see it, with its referrals and consents: what GET /cases/{id} and every action answer.
  async withRelated(c: CaseRow, user: CurrentUserInfo): Promise<CaseResponseDto> {
    const [referrals, consents] = await Promise.all([
      this.dataSource.query(
        `SELECT id, agency_id AS "agencyId", services, legal_basis AS "legalBasis", consent_id AS "consentId", status, sent_at AS "sentAt", reason, summary
           FROM referrals WHERE case_id = $1 ORDER BY sent_at, id`,
        [c.id],
      ) as Promise<Array<Omit<ReferralRecord, 'sentAt'> & { sentAt: Date }>>,
      this.dataSource.query(
        `SELECT id, given_by AS "givenBy", method, purpose, recipient_agency_id AS "recipientAgencyId", data_categories AS "dataCategories",
                expires_at AS "expiresAt", withdrawn_at AS "withdrawnAt", recorded_at AS "recordedAt",
                CASE WHEN guardian_relationship IS NULL THEN NULL
                     ELSE json_build_object('name', guardian_name, 'relationship', guardian_relationship) END AS guardian
           FROM consents WHERE case_id = $1 ORDER BY recorded_at, id`,
        [c.id],
      ) as Promise<Array<Omit<ConsentRecord, 'expiresAt' | 'withdrawnAt' | 'recordedAt'> & { expiresAt: Date; withdrawnAt: Date | null; recordedAt: Date }>>,
    ]);
    return mapCase(c, user.role, {
      referrals: referrals.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
      consents: consents.map((x) => ({
        ...x,
        expiresAt: x.expiresAt.toISOString(),
        withdrawnAt: x.withdrawnAt ? x.withdrawnAt.toISOString() : null,
        recordedAt: x.recordedAt.toISOString(),
      })),
    });
  }

  async list(q: ListCasesQueryDto, user: CurrentUserInfo): Promise<CaseListResponseDto> {
    const officeId = this.ownOffice(user);
    if (q.office !== undefined && q.office !== officeId) {
      throw new CasesException('OTHER_OFFICE', 'you may list only the cases of your own office');
    }
    const limit = q.limit ?? DEFAULT_PAGE;
    const offset = q.offset ?? 0;
    const sql = listCasesSql(
      {
        officeId,
        status: q.status,
        step: q.step,
        riskTier: q.riskTier,
        assigneeId: q.assignee === 'me' ? user.userId : q.assignee,
        overdue: q.overdue,
        limit,
        offset,
      },
      new Date(),
    );
    const rows = (await this.dataSource.query(sql.text, sql.params)) as CaseRow[];
    return { items: rows.slice(0, limit).map((r) => mapCase(r, user.role)), limit, offset, hasMore: rows.length > limit };
  }

  async timeline(id: string, user: CurrentUserInfo, verify: boolean): Promise<TimelineResponseDto> {
    const found = await this.findScoped(id, user, { person: false });
    const sql = timelineSql(id);
    const events = (await this.dataSource.query(sql.text, sql.params)) as StoredCaseEvent[];
    return {
      caseId: id,
      caseNumber: found.caseNumber,
      events: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        actor: { userId: e.actorId, role: e.actorRole },
        step: e.step,
        occurredAt: e.occurredAt.toISOString(),
        data: e.data,
        hash: e.hash,
      })),
      ...(verify ? { verification: verifyChain(events) } : {}),
    };
  }

  // Everything held about the returnee of a case (UU 27/2022 PDP: the data subject's right of access).
  async export(id: string, user: CurrentUserInfo): Promise<CaseExportDto> {
    const found = await this.findScoped(id, user, { person: true });
    const q = (sql: string) => this.dataSource.query(sql, [id]) as Promise<Record<string, unknown>[]>;
    const [timeline, tasks, escalations, notifications, accessLog, flags] = await Promise.all([
      this.timeline(id, user, false),
      q(`SELECT id, kind, title, step, role, assignee_id AS "assigneeId", due_at AS "dueAt", status, created_at AS "createdAt" FROM tasks WHERE case_id = $1 ORDER BY created_at, id`),
      q(`SELECT id, level, kind, reason, step, status, opened_at AS "openedAt", resolution, resolved_at AS "resolvedAt", resolved_by AS "resolvedBy" FROM escalations WHERE case_id = $1 ORDER BY opened_at, id`),
      q(`SELECT id::text AS id, event_id AS "eventId", type, agency_id AS "agencyId", status, attempts, body, created_at AS "createdAt", delivered_at AS "deliveredAt" FROM notification_deliveries WHERE case_id = $1 ORDER BY created_at, id`),
      q(`SELECT at, username, role, action, method, route, status, ip FROM audit_log WHERE case_id = $1 ORDER BY at, id`),
      q(`SELECT legal_hold AS "legalHold", legal_hold_reason AS "legalHoldReason", anonymised_at AS "anonymisedAt" FROM cases WHERE id = $1`),
    ]);
    const f = flags[0] as { legalHold: boolean; legalHoldReason: string | null; anonymisedAt: Date | null };
    return {
      exportedAt: new Date().toISOString(),
      case: await this.withRelated(found, user),
      timeline: timeline.events,
      tasks,
      escalations,
      notifications,
      accessLog,
      legalHold: f.legalHold,
      legalHoldReason: f.legalHoldReason,
      anonymisedAt: f.anonymisedAt ? f.anonymisedAt.toISOString() : null,
    };
  }

  async setLegalHold(id: string, hold: boolean, reason: string, user: CurrentUserInfo): Promise<{ caseId: string; legalHold: boolean }> {
    await this.findScoped(id, user, { person: false });
    await this.dataSource.query(`UPDATE cases SET legal_hold = $2, legal_hold_reason = $3 WHERE id = $1`, [id, hold, reason]);
    return { caseId: id, legalHold: hold };
  }

  // The case, if it exists and belongs to the caller's office; 404 otherwise.
  async findScoped(id: string, user: CurrentUserInfo, opts: { person: boolean }): Promise<CaseRow> {
    const found = opts.person ? await this.findEntity(id) : await this.findRow(id);
    if (!found || found.officeId !== user.officeId) throw new CasesException('CASE_NOT_FOUND', `no case with id ${id}`);
    return found;
  }

  private ownOffice(user: CurrentUserInfo): string {
    if (!user.officeId) throw new CasesException('OTHER_OFFICE', 'only staff of an office work with cases');
    return user.officeId;
  }

  private async findRow(id: string): Promise<CaseRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [id])) as CaseRow[];
    return rows[0] ?? null;
  }

  private findEntity(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { id }, relations: { person: true } });
  }
}
