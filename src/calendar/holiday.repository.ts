import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// kind as stored: 'national' (a public holiday) or 'collective_leave' (cuti bersama)
export type HolidayRow = { date: string; kind: string; name: string };

// The SQL of `holidays`: national holidays and collective leave, a row a day.
@Injectable()
export class HolidayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async national(): Promise<{ date: string }[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays WHERE region = 'ID' ORDER BY date`,
    )) as { date: string }[];
  }

  async ofYear(year: number): Promise<HolidayRow[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM holidays
        WHERE region = 'ID' AND date_part('year', date) = $1 ORDER BY date`,
      [year],
    )) as HolidayRow[];
  }

  // The year's national calendar replaced by `rows`, at once.
  async replaceYear(year: number, rows: readonly HolidayRow[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM holidays WHERE region = 'ID' AND date_part('year', date) = $1`, [year]);
      await m.query(
        `INSERT INTO holidays (date, region, kind, name)
         SELECT d, 'ID', k, n FROM unnest($1::date[], $2::text[], $3::text[]) AS t(d, k, n)`,
        [rows.map((r) => r.date), rows.map((r) => r.kind), rows.map((r) => r.name)],
      );
    });
  }
}
