import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdempotencyService } from '../cases/idempotency.service';
import { ApiError } from '../common/api-error';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import type { AppConfig } from '../config/app.config';
import { pageOf, toPage } from '../database/filter-page';
import { measured } from '../metrics/measured';
import { permittedFields } from '../partners/notification-payload';
import { SlaPolicyService } from '../process/sla-policy.service';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { updateError } from '../temporal/update-errors';
import { isPartnerRole, type RiskTier } from '../../workflows/definition';
import type { ReferralAnswer } from '../../workflows/messages';
import { partnerDeadlines, type PartnerDeadlines } from './partner-deadlines';
import { ReferralRepository, type ReferralViewRow } from './referral.repository';
import {
  SENT_STATUSES,
  type ListReferralsQueryDto,
  type ReferralListResponseDto,
  type ReferralViewDto,
} from './referrals.dto';

export type AnswerType = ReferralAnswer['type'];
// a referral the partner is shown was sent, so it has deadlines; this stands for none all the same
const NO_DEADLINES: PartnerDeadlines = {
  acknowledge: { dueAt: null, answeredAt: null },
  decide: { dueAt: null, answeredAt: null },
};
const LIVE: ReadonlySet<string> = new Set(['SENT', 'ACKNOWLEDGED', 'ACCEPTED']);

// The referral handshake over the API. A partner sees and answers only the referrals sent to its own agency, and
// only the minimum necessary fields; staff see and revoke those of their office's cases.
@Injectable()
export class ReferralsService {
  private readonly slaTimeScale: number;

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly workflows: CaseWorkflowClient,
    private readonly idempotency: IdempotencyService,
    private readonly calendars: HolidayCalendarService,
    private readonly policies: SlaPolicyService,
    config: ConfigService,
  ) {
    this.slaTimeScale = config.getOrThrow<AppConfig>('app').slaTimeScale;
  }

  async list(q: ListReferralsQueryDto, user: CurrentUserInfo): Promise<ReferralListResponseDto> {
    const page = pageOf(q);
    const whose = isPartnerRole(user.role) ? { agencyId: user.agencyId } : { officeId: user.officeId };
    const rows = await this.referrals.list({ ...page, ...whose, status: q.status });
    const deadlines = await this.deadlines(rows);
    return toPage(rows, page, (r) => view(r, user, deadlines.get(r.id) ?? NO_DEADLINES));
  }

  // Each referral's deadlines as the case page shows them (PROCESS.md 5b, 5c), by its case's policy and risk tier.
  private async deadlines(rows: ReferralViewRow[]): Promise<Map<string, PartnerDeadlines>> {
    const calendar = await this.calendars.current();
    const each = rows.map(async (r): Promise<[string, PartnerDeadlines]> => {
      const policy = await this.policies.ofVersion(r.policyVersion);
      const basis = { tier: r.riskTier as RiskTier | null, calendar, policy, slaTimeScale: this.slaTimeScale };
      return [r.id, partnerDeadlines(r, basis) ?? NO_DEADLINES];
    });
    return new Map(await Promise.all(each));
  }

  answer(
    id: string,
    type: AnswerType,
    body: { reason?: string; summary?: string },
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<ReferralViewDto> {
    return measured(`referral:${type}`, () => this.answerTimed(id, type, body, user, idempotencyKey));
  }

  private async answerTimed(
    id: string,
    type: AnswerType,
    body: { reason?: string; summary?: string },
    user: CurrentUserInfo,
    idempotencyKey?: string,
  ): Promise<ReferralViewDto> {
    this.idempotency.check(idempotencyKey);
    const current = await this.find(id, user);
    const request = { referralId: id, type, ...body };
    if (await this.idempotency.replayed(user, idempotencyKey, 'referral-answer', request)) return current;
    // A referral that has ended, or was never sent (waiting for approval, refused one), has no workflow to answer.
    if (!LIVE.has(current.status)) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'ACTION_NOT_ALLOWED',
        `cannot ${type} a referral that is ${current.status}`,
        { allowedActions: [] },
        { allowedActions: [] },
      );
    }
    const actor = { userId: user.userId, role: user.role };
    const answer: ReferralAnswer =
      type === 'decline' || type === 'revoke'
        ? { type, actor, reason: body.reason! }
        : type === 'complete'
          ? { type, actor, ...(body.summary ? { summary: body.summary } : {}) }
          : { type, actor };
    const updateId = this.idempotency.updateId('referral', user, idempotencyKey);
    try {
      await this.workflows.answerReferral(id, answer, updateId);
    } catch (err) {
      const { outcome, error } = updateError(err);
      if (outcome === 'gone') {
        const now = await this.find(id, user);
        throw new ApiError(
          HttpStatus.CONFLICT,
          'ACTION_NOT_ALLOWED',
          `cannot ${type} a referral that is ${now.status}`,
          { allowedActions: [] },
          { allowedActions: [] },
        );
      }
      throw error;
    }
    await this.idempotency.remember(user, idempotencyKey, current.caseId, 'referral-answer', request);
    return this.find(id, user);
  }

  get(id: string, user: CurrentUserInfo): Promise<ReferralViewDto> {
    return this.find(id, user);
  }

  // The referral if the caller may see it: a partner, one sent to its agency; staff, one of their office's cases.
  // Anything else answers as if it did not exist.
  private async find(id: string, user: CurrentUserInfo): Promise<ReferralViewDto> {
    const row = await this.referrals.findView(id);
    const visible = row && (isPartnerRole(user.role) ? sentTo(row, user.agencyId) : row.officeId === user.officeId);
    if (!visible) throw new ApiError(HttpStatus.NOT_FOUND, 'REFERRAL_NOT_FOUND', `no referral with id ${id}`);
    return view(row, user, (await this.deadlines([row])).get(row.id) ?? NO_DEADLINES);
  }
}

// A referral the partner may see: sent to its agency (one waiting for a supervisor's approval was not sent).
export function sentTo(r: Pick<ReferralViewRow, 'agencyId' | 'status'>, agencyId: string | null): boolean {
  return agencyId !== null && r.agencyId === agencyId && (SENT_STATUSES as readonly string[]).includes(r.status);
}

// A partner gets the minimum fields only where its agency's allow-list has them (null otherwise); staff get them all.
// The name needs the consent besides the allow-list, as in the webhook and the printed letter.
function view(r: ReferralViewRow, user: CurrentUserInfo, deadlines: PartnerDeadlines): ReferralViewDto {
  const partner = isPartnerRole(user.role);
  const shown = <T>(field: 'age' | 'sex' | 'language' | 'riskTier', value: T): T | null =>
    !partner || r.allowedFields.includes(field) ? value : null;
  const named = !partner || permittedFields(r.allowedFields, r.consentCategories).includes('fullName');
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    agencyId: r.agencyId,
    status: r.status,
    services: r.services,
    legalBasis: r.legalBasis,
    consentId: r.consentId,
    riskTier: shown('riskTier', r.riskTier),
    sex: shown('sex', r.sex),
    age: shown('age', r.age),
    language: shown('language', r.language),
    sentAt: r.sentAt.toISOString(),
    reason: r.reason,
    summary: r.summary,
    returneeName: named ? r.fullName : null,
    partnerDeadlines: deadlines,
  };
}
