import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readRetentionConfig } from '../config/retention.config';

// Closed cases past the retention period lose the returnee's personal data: the person row keeps only sex, birth
// year and province (for statistics), and the notification bodies sent to partners are dropped. The case, its
// timeline (ids and codes) and the audit log stay. A case on legal hold is left alone.
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async anonymiseExpired(now = new Date()): Promise<{ anonymised: number }> {
    const { retentionDays } = readRetentionConfig();
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT id, person_id FROM cases
          WHERE status = 'CLOSED' AND anonymised_at IS NULL AND NOT legal_hold AND closed_at <= $1::timestamptz - make_interval(days => $2)
          ORDER BY closed_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [now, retentionDays],
      )) as { id: string; person_id: string }[];
      if (rows.length === 0) return { anonymised: 0 };
      const caseIds = rows.map((r) => r.id);
      await m.query(
        `UPDATE persons SET full_name = '[anonymised]', national_id = NULL, phone = NULL, language = NULL, home_regency = '[anonymised]',
                date_of_birth = date_trunc('year', date_of_birth)::date
          WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.person_id)],
      );
      await m.query(`UPDATE notification_deliveries SET body = NULL WHERE case_id = ANY($1::uuid[])`, [caseIds]);
      await m.query(`UPDATE referrals SET summary = NULL WHERE case_id = ANY($1::uuid[]) AND summary IS NOT NULL`, [caseIds]);
      await m.query(`UPDATE consents SET guardian_name = NULL WHERE case_id = ANY($1::uuid[]) AND guardian_name IS NOT NULL`, [caseIds]);
      await m.query(`UPDATE cases SET anonymised_at = $2 WHERE id = ANY($1::uuid[])`, [caseIds, now]);
      this.logger.log({ msg: 'anonymised closed cases past retention', count: rows.length, retentionDays });
      return { anonymised: rows.length };
    });
  }
}
