import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConsentRecord } from '../../workflows/types';
import type { Queryable } from '../database/queryable';

// The consent's ISO times as PostgreSQL gives them back (Date).
export type ConsentRow = Omit<ConsentRecord, 'expiresAt' | 'withdrawnAt' | 'recordedAt' | 'guardian'> & {
  expiresAt: Date;
  withdrawnAt: Date | null;
  recordedAt: Date;
  guardian: { name: string | null; relationship: string } | null;
};

// The SQL of `consents`, recorded by record-consent and withdrawn by withdraw-consent.
@Injectable()
export class ConsentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Oldest first; the guardian's name is null once the case is anonymised.
  async forCase(caseId: string): Promise<ConsentRow[]> {
    return (await this.dataSource.query(
      `SELECT id, given_by AS "givenBy", method, purpose, recipient_agency_id AS "recipientAgencyId",
              data_categories AS "dataCategories",
              expires_at AS "expiresAt", withdrawn_at AS "withdrawnAt", recorded_at AS "recordedAt",
              CASE WHEN guardian_relationship IS NULL THEN NULL
                   ELSE json_build_object('name', guardian_name, 'relationship', guardian_relationship) END AS guardian
         FROM consents WHERE case_id = $1 ORDER BY recorded_at, id`,
      [caseId],
    )) as ConsentRow[];
  }

  // The consent a webhook's body is filtered by: the referral's (when the event is about one), otherwise the
  // case's newest valid consent for the agency. Only one that is still valid counts.
  async validForWebhook(
    where: { referralId: string } | { caseId: string; agencyId: string | null },
  ): Promise<{ id: string; data_categories: string[] } | null> {
    const rows = (await ('referralId' in where
      ? this.dataSource.query(
          `SELECT k.id, k.data_categories FROM referrals r JOIN consents k ON k.id = r.consent_id
            WHERE r.id = $1 AND k.withdrawn_at IS NULL AND k.expires_at > now()`,
          [where.referralId],
        )
      : this.dataSource.query(
          `SELECT id, data_categories FROM consents WHERE case_id = $1 AND recipient_agency_id = $2
             AND withdrawn_at IS NULL AND expires_at > now()
            ORDER BY recorded_at DESC LIMIT 1`,
          [where.caseId, where.agencyId],
        ))) as { id: string; data_categories: string[] }[];
    return rows[0] ?? null;
  }

  // validForWebhook of many referrals at once (a round of an agency's queue): by referral id, the valid ones.
  async validForWebhooks(
    referralIds: readonly string[],
  ): Promise<Map<string, { id: string; data_categories: string[] }>> {
    if (referralIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT r.id::text AS referral_id, k.id, k.data_categories FROM referrals r JOIN consents k ON k.id = r.consent_id
        WHERE r.id = ANY($1::uuid[]) AND k.withdrawn_at IS NULL AND k.expires_at > now()`,
      [referralIds],
    )) as { referral_id: string; id: string; data_categories: string[] }[];
    return new Map(rows.map((r) => [r.referral_id, { id: r.id, data_categories: r.data_categories }]));
  }

  // Keyed by id; only a withdrawal changes a recorded consent.
  async upsert(m: Queryable, caseId: string, c: ConsentRecord): Promise<void> {
    await m.query(
      `INSERT INTO consents (id, case_id, given_by, method, purpose, recipient_agency_id, data_categories, expires_at,
                             withdrawn_at, recorded_at,
                             guardian_name, guardian_relationship)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
      [
        c.id,
        caseId,
        c.givenBy,
        c.method,
        c.purpose,
        c.recipientAgencyId,
        JSON.stringify(c.dataCategories),
        c.expiresAt,
        c.withdrawnAt,
        c.recordedAt,
        c.guardian?.name ?? null,
        c.guardian?.relationship ?? null,
      ],
    );
  }

  async dropGuardianNames(m: Queryable, caseIds: string[]): Promise<void> {
    await m.query(
      `UPDATE consents SET guardian_name = NULL WHERE case_id = ANY($1::uuid[]) AND guardian_name IS NOT NULL`,
      [caseIds],
    );
  }
}
