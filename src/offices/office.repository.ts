import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type Letterhead = {
  code: string;
  name: string;
  province: string;
  city: string;
  address: string | null;
  phone: string | null;
  email: string | null;
};

// The SQL of `offices`.
@Injectable()
export class OfficeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async letterhead(id: string): Promise<Letterhead | null> {
    const rows = (await this.dataSource.query(
      `SELECT code, name, province, city, address, phone, email FROM offices WHERE id = $1`,
      [id],
    )) as Letterhead[];
    return rows[0] ?? null;
  }

  async exists(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM offices WHERE id = $1`, [id])) as unknown[];
    return rows.length > 0;
  }
}
