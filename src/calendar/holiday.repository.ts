import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// The SQL of `holidays`: national holidays and collective leave, a row a day.
@Injectable()
export class HolidayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async national(): Promise<{ date: string }[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays WHERE region = 'ID' ORDER BY date`,
    )) as { date: string }[];
  }
}
