import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReferralRecord } from '../../workflows/types';
import { pagedSql, SqlFilter, type Page } from '../database/filter-page';
import type { Queryable } from '../database/queryable';
import { SENT_STATUSES, type ReferralViewDto } from './referrals.dto';

// The first of these events of a referral in its case's timeline (read through case_events' unique (case_id, seq)).
const FIRST_ANSWER = (types: string) => `(SELECT min(e.occurred_at) FROM case_events e
   WHERE e.case_id = r.case_id AND e.type IN (${types}) AND e.data->>'referralId' = r.id::text)`;
// when the partner first answered (deciding acknowledges too) and when it decided
const ANSWER_TIMES = `${FIRST_ANSWER(`'referral.acknowledged', 'referral.accepted', 'referral.declined'`)} AS "acknowledgedAt",
  ${FIRST_ANSWER(`'referral.accepted', 'referral.declined'`)} AS "decidedAt"`;

const VIEW_COLUMNS = `r.id, r.case_id AS "caseId", c.case_number AS "caseNumber", r.agency_id AS "agencyId", r.status,
  r.services, r.legal_basis AS "legalBasis", r.consent_id AS "consentId", c.risk_tier AS "riskTier", p.sex,
  date_part('year', age(p.date_of_birth))::int AS age, p.language, r.sent_at AS "sentAt", r.reason, r.summary,
  a.allowed_fields AS "allowedFields", p.full_name AS "fullName", k.data_categories AS "consentCategories",
  c.policy_version AS "policyVersion", ${ANSWER_TIMES}`;
// the referral's consent while it holds (as the webhook and the letter read it): what a name needs besides the list
const VIEW_FROM = `referrals r JOIN cases c ON c.id = r.case_id JOIN persons p ON p.id = c.person_id
                   JOIN partner_agencies a ON a.id = r.agency_id
                   LEFT JOIN consents k ON k.id = r.consent_id AND k.withdrawn_at IS NULL AND k.expires_at > now()`;

// A referral as the referral API shows it, before the agency's allow-list is applied.
export type ReferralViewRow = Omit<ReferralViewDto, 'sentAt' | 'returneeName' | 'partnerDeadlines'> & {
  sentAt: Date;
  officeId: string;
  allowedFields: string[];
  fullName: string;
  // null without a consent that still holds
  consentCategories: string[] | null;
  policyVersion: string;
  acknowledgedAt: Date | null;
  decidedAt: Date | null;
};

// A referral of a case as the case answer lists it.
export type CaseReferralRow = Omit<ReferralRecord, 'sentAt' | 'review' | 'reviewClockId'> & {
  sentAt: Date;
  summary: string | null;
  // when the partner first answered (deciding acknowledges too) and when it decided, from the case's timeline
  acknowledgedAt: Date | null;
  decidedAt: Date | null;
};

// Whose referrals a list shows: a partner agency's, or an office's cases'.
export type ReferralListFilter = Page &
  ({ agencyId: string | null } | { officeId: string | null }) & { status?: string };

// The SQL of `referrals`: written by the case workflow (sent, revoked) and the referral workflow (the partner's
// answers, its summary), read by the referral API and with each case.
@Injectable()
export class ReferralRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Newest first.
  async list(f: ReferralListFilter): Promise<ReferralViewRow[]> {
    // a partner's list: only what was sent to it (not a referral waiting for, or refused, a supervisor's approval)
    const where =
      'agencyId' in f
        ? new SqlFilter()
            .where((n) => `r.agency_id = ${n}`, f.agencyId)
            .where((n) => `r.status = ANY(${n}::text[])`, [...SENT_STATUSES])
        : new SqlFilter().where((n) => `c.office_id = ${n}`, f.officeId);
    if (f.status) where.where((n) => `r.status = ${n}`, f.status);
    const sql = pagedSql(`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM}`, where, 'r.sent_at DESC, r.id', f);
    return (await this.dataSource.query(sql.text, sql.params)) as ReferralViewRow[];
  }

  async findView(id: string): Promise<ReferralViewRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS}, c.office_id AS "officeId" FROM ${VIEW_FROM} WHERE r.id = $1`,
      [id],
    )) as ReferralViewRow[];
    return rows[0] ?? null;
  }

  // In the order they were sent.
  async forCase(caseId: string): Promise<CaseReferralRow[]> {
    return (await this.dataSource.query(
      `SELECT r.id, r.agency_id AS "agencyId", r.services, r.legal_basis AS "legalBasis", r.consent_id AS "consentId",
              r.status, r.sent_at AS "sentAt", r.reason, r.summary,
              ${ANSWER_TIMES}
         FROM referrals r WHERE r.case_id = $1 ORDER BY r.sent_at, r.id`,
      [caseId],
    )) as CaseReferralRow[];
  }

  // Keyed by id and moved forward only by a higher version; a summary once given stays.
  async upsert(m: Queryable, caseId: string, r: ReferralRecord, version: number): Promise<void> {
    await m.query(
      `INSERT INTO referrals (id, case_id, agency_id, services, legal_basis, consent_id, status, reason, sent_at,
                             version, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, version = EXCLUDED.version,
                                      sent_at = EXCLUDED.sent_at,
                                      updated_at = now(), summary = COALESCE(EXCLUDED.summary, referrals.summary)
       WHERE referrals.version < EXCLUDED.version`,
      [
        r.id,
        caseId,
        r.agencyId,
        JSON.stringify(r.services),
        r.legalBasis,
        r.consentId,
        r.status,
        r.reason,
        r.sentAt,
        version,
        r.summary ?? null,
      ],
    );
  }

  async dropSummaries(m: Queryable, caseIds: string[]): Promise<void> {
    await m.query(`UPDATE referrals SET summary = NULL WHERE case_id = ANY($1::uuid[]) AND summary IS NOT NULL`, [
      caseIds,
    ]);
  }
}
