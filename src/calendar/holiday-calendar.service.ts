import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createCalendar, hasYear, type HolidayCalendar } from '../../workflows/definition';

// The working-day calendar a new case starts with, from the holidays table (national holidays and collective
// leave; a year or a regional holiday is added as rows, without a code change). A year without rows counts only
// weekends, and we say so.
@Injectable()
export class HolidayCalendarService {
  private readonly logger = new Logger(HolidayCalendarService.name);
  private cached: { at: number; calendar: HolidayCalendar } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(now = new Date()): Promise<HolidayCalendar> {
    if (this.cached && now.getTime() - this.cached.at < 60_000) return this.cached.calendar;
    const rows: { date: string }[] = await this.dataSource.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays WHERE region = 'ID' ORDER BY date`);
    const calendar = createCalendar(rows);
    for (const year of [now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
      if (!hasYear(calendar, year)) this.logger.warn({ msg: 'no holiday calendar loaded for a year: its deadlines count only weekends', year });
    }
    this.cached = { at: now.getTime(), calendar };
    return calendar;
  }
}
