import { Injectable, Logger } from '@nestjs/common';
import {
  createCalendar,
  DEFAULT_OFFICE_TIME_ZONE,
  hasYear,
  type HolidayCalendar,
  type OfficeTimeZone,
} from '../../workflows/definition';
import { OfficeRepository } from '../offices/office.repository';
import { HolidayRepository } from './holiday.repository';

// The working-day calendar a new case starts with, from the holidays table (national holidays and collective
// leave; a year or a regional holiday is added as rows, without a code change). A year without rows counts only
// weekends, and we say so. The office's time zone goes with it: where its working days begin and end.
@Injectable()
export class HolidayCalendarService {
  private readonly logger = new Logger(HolidayCalendarService.name);
  private cached: { at: number; calendar: HolidayCalendar } | null = null;

  constructor(
    private readonly holidays: HolidayRepository,
    private readonly offices: OfficeRepository,
  ) {}

  async current(now = new Date()): Promise<HolidayCalendar> {
    if (this.cached && now.getTime() - this.cached.at < 60_000) return this.cached.calendar;
    const calendar = createCalendar(await this.holidays.national());
    for (const year of [now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
      if (!hasYear(calendar, year))
        this.logger.warn({ msg: 'no holiday calendar loaded for a year: its deadlines count only weekends', year });
    }
    this.cached = { at: now.getTime(), calendar };
    return calendar;
  }

  async timeZoneOf(officeId: string): Promise<OfficeTimeZone> {
    return (await this.offices.find(officeId))?.timeZone ?? DEFAULT_OFFICE_TIME_ZONE;
  }

  // a year loaded takes effect at once in this process (another replica: within a minute)
  forget(): void {
    this.cached = null;
  }
}
