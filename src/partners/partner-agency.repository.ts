import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationItem } from '../../workflows/types';
import type { Queryable } from '../database/queryable';
import type { PartnerAgencyDto } from './partner-agencies.dto';

export type AgencyRow = {
  id: string;
  name: string;
  kind: string;
  province: string;
  services: string[];
  webhook_url: string | null;
  allowed_fields: string[];
  fallback_contact: PartnerAgencyDto['fallbackContact'];
  active: boolean;
  secret_sealed: string | null;
  previous_secret_until: Date | null;
};

// The columns an update may set, by their SQL names.
export type AgencyChanges = Partial<{
  name: string;
  kind: string;
  province: string;
  services: string;
  webhook_url: string | null;
  allowed_fields: string;
  fallback_contact: string;
  active: boolean;
  secret_sealed: string;
  previous_secret_sealed: string;
  previous_secret_until: Date;
}>;

// The SQL of `partner_agencies`, the registry the admin keeps, and who hears of a case's notifications.
@Injectable()
export class PartnerAgencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(includeInactive: boolean): Promise<AgencyRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM partner_agencies ${includeInactive ? '' : 'WHERE active'} ORDER BY province, name`,
    )) as AgencyRow[];
  }

  async find(id: string, m: Queryable = this.dataSource): Promise<AgencyRow | null> {
    const [row] = (await m.query(`SELECT * FROM partner_agencies WHERE id = $1`, [id])) as AgencyRow[];
    return row ?? null;
  }

  // The row, locked until the caller's transaction ends.
  async lock(m: Queryable, id: string): Promise<AgencyRow | null> {
    const [row] = (await m.query(`SELECT * FROM partner_agencies WHERE id = $1 FOR UPDATE`, [id])) as AgencyRow[];
    return row ?? null;
  }

  async isActive(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM partner_agencies WHERE id = $1 AND active', [
      id,
    ])) as unknown[];
    return rows.length > 0;
  }

  async insert(a: {
    id: string;
    name: string;
    kind: string;
    province: string;
    services: string;
    webhookUrl: string | null;
    secretSealed: string;
    allowedFields: string;
    fallbackContact: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO partner_agencies (id, name, kind, province, services, webhook_url, secret_sealed, allowed_fields,
                                     fallback_contact)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, a.name, a.kind, a.province, a.services, a.webhookUrl, a.secretSealed, a.allowedFields, a.fallbackContact],
    );
  }

  // Sets the given columns (nothing when there are none).
  async update(m: Queryable, id: string, changes: AgencyChanges): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
    await m.query(`UPDATE partner_agencies SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...entries.map(([, value]) => value),
    ]);
  }

  // PROCESS.md "Notifications to partners": who hears of an event that names no agency.
  async recipients(m: Queryable, caseId: string, type: NotificationItem['type']): Promise<string[]> {
    const involved = `SELECT DISTINCT r.agency_id FROM referrals r JOIN partner_agencies a
                         ON a.id = r.agency_id AND a.active
                       WHERE r.case_id = $1 AND r.status IN ('ACKNOWLEDGED', 'ACCEPTED', 'COMPLETED')`;
    const homeOffice = `SELECT a.id FROM partner_agencies a JOIN cases c ON c.id = $1
                        JOIN persons p ON p.id = c.person_id
                         WHERE a.active AND a.kind = 'BP3MI' AND a.province = p.home_province`;
    const sql: Partial<Record<NotificationItem['type'], string>> = {
      // police and the provincial task force of the office's province (UU 21/2007 Pasal 52: the 7-day clock)
      'tppo.identified': `SELECT a.id FROM partner_agencies a JOIN cases c ON c.id = $1
                          JOIN offices o ON o.id = c.office_id
                           WHERE a.active AND a.kind IN ('POLICE', 'TASK_FORCE') AND a.province = o.province`,
      // the BP3MI office of the returnee's home region (Permen P2MI 32/2025 Pasal 13(h))
      'arrival.notice': homeOffice,
      'handover.completed': `${homeOffice} UNION ${involved}`,
      'shelter.extension_requested': `${involved} AND 'SHELTER' = ANY (SELECT jsonb_array_elements_text(r.services))`,
      'case.closed': involved,
      // a level-2 escalation of a TPPO or HIGH case: the task force secretariat of the office's province
      'case.escalated': `SELECT a.id FROM partner_agencies a JOIN cases c ON c.id = $1 JOIN offices o ON o.id = c.office_id
                          WHERE a.active AND a.kind = 'TASK_FORCE' AND a.province = o.province`,
    };
    const text = sql[type];
    if (!text) return [];
    const rows = (await m.query(text, [caseId])) as Record<string, string>[];
    return [...new Set(rows.map((r) => Object.values(r)[0]!))];
  }
}
