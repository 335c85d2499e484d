import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { DEFAULT_SLA_POLICY } from '../../workflows/definition';
import type { CurrentUserInfo } from '../auth/auth.types';
import { CaseEntity } from './case.entity';
import { mapCase, type CaseResponseDto, type CreateCaseDto } from './cases.dto';
import { CasesException } from './cases.exception';
import { PersonEntity } from './person.entity';

// A UUID (v8 layout) derived from a string, so the same Idempotency-Key always names the same case and person.
function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@Injectable()
export class CasesService {
  private readonly logger = new Logger(CasesService.name);
  private readonly app: AppConfig;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: CaseWorkflowClient,
    private readonly calendars: HolidayCalendarService,
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
    if (existing) return { created: false, case: mapCase(existing, user.role) };

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
        policyVersion: DEFAULT_SLA_POLICY.version,
        policy: DEFAULT_SLA_POLICY,
        calendar: await this.calendars.current(),
        slaTimeScale: this.app.slaTimeScale,
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
    return { created: true, case: mapCase(created, user.role) };
  }

  // A case of another office answers as if it did not exist: its existence is itself information.
  async get(id: string, user: CurrentUserInfo): Promise<CaseResponseDto> {
    const found = await this.findEntity(id);
    if (!found || found.officeId !== user.officeId) throw new CasesException('CASE_NOT_FOUND', `no case with id ${id}`);
    return mapCase(found, user.role);
  }

  private findEntity(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { id }, relations: { person: true } });
  }
}
