import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OfficeTimeZone } from '../../workflows/definition';
import { assignments, SqlFilter } from '../database/filter-page';

export type Letterhead = {
  code: string;
  name: string;
  province: string;
  city: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  // where the office is: the date a letter bears
  timeZone: OfficeTimeZone;
};

// messageGatewayUrl: where the office's WhatsApp/SMS messages go (null: none); its secret is never read back
export type OfficeRow = Letterhead & { id: string; createdAt: Date; messageGatewayUrl: string | null };
export type OfficeChange = Partial<Pick<OfficeRow, 'name' | 'address' | 'phone' | 'email' | 'timeZone'>>;

const COLUMNS = `id, code, name, province, city, address, phone, email, time_zone AS "timeZone",
  created_at AS "createdAt", message_gateway_url AS "messageGatewayUrl"`;
const CHANGE_COLUMNS: Record<keyof OfficeChange, string> = {
  name: 'name',
  address: 'address',
  phone: 'phone',
  email: 'email',
  timeZone: 'time_zone',
};

// The SQL of `offices`.
@Injectable()
export class OfficeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async letterhead(id: string): Promise<Letterhead | null> {
    return this.find(id);
  }

  async find(id: string): Promise<OfficeRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM offices WHERE id = $1`, [id])) as OfficeRow[];
    return rows[0] ?? null;
  }

  async list(): Promise<OfficeRow[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM offices ORDER BY code`)) as OfficeRow[];
  }

  async provinces(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT DISTINCT province FROM offices`)) as { province: string }[];
    return rows.map((r) => r.province);
  }

  // null when the code is taken
  async create(o: Omit<OfficeRow, 'createdAt' | 'messageGatewayUrl'>): Promise<OfficeRow | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO offices (id, code, name, province, city, address, phone, email, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [o.id, o.code, o.name, o.province, o.city, o.address, o.phone, o.email, o.timeZone],
    )) as OfficeRow[];
    return rows[0] ?? null;
  }

  async update(id: string, change: OfficeChange): Promise<OfficeRow | null> {
    const filter = new SqlFilter();
    const sets = assignments(change, CHANGE_COLUMNS, filter);
    if (sets.length === 0) return this.find(id);
    const rows = (await this.dataSource.query(
      `UPDATE offices SET ${sets.join(', ')} WHERE id = ${filter.bind(id)} RETURNING ${COLUMNS}`,
      filter.params,
    )) as [OfficeRow[], number];
    return rows[0][0] ?? null;
  }

  // The office's WhatsApp/SMS gateway (issue 18): a URL and its sealed signing secret; null and null turn it off.
  async setMessageGateway(id: string, url: string | null, secretSealed: string | null): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE offices SET message_gateway_url = $2, message_gateway_secret = $3 WHERE id = $1 RETURNING id`,
      [id, url, secretSealed],
    )) as [unknown[], number];
    return rows[0].length > 0;
  }

  async exists(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM offices WHERE id = $1`, [id])) as unknown[];
    return rows.length > 0;
  }
}
