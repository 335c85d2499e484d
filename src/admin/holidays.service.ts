import { Injectable } from '@nestjs/common';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { HolidayRepository } from '../calendar/holiday.repository';
import { AdminException } from './admin.exception';
import {
  holidayChanges,
  kindOfStored,
  parseHolidayCsv,
  readHolidayFile,
  storedKind,
  type HolidayDay,
} from './holiday-file';
import type { HolidayChangesDto, HolidayYearDto } from './holidays.dto';

// The national holiday calendar by year (admin). Loading a year replaces its days with the file's, at once. A case
// takes the calendar as it is when the case starts (in its workflow input): cases already running keep theirs.
@Injectable()
export class HolidaysService {
  constructor(
    private readonly holidays: HolidayRepository,
    private readonly calendars: HolidayCalendarService,
  ) {}

  async year(year: number): Promise<HolidayYearDto> {
    const days = await this.days(year);
    return { year, loaded: days.length > 0, days };
  }

  // body: the parsed JSON list, or the CSV text
  async load(year: number, body: unknown, dryRun: boolean): Promise<HolidayChangesDto> {
    const file = readHolidayFile(year, typeof body === 'string' ? parseHolidayCsv(body) : body);
    if ('problems' in file)
      throw new AdminException('INVALID_HOLIDAYS', 'the holiday file is not valid', file.problems);
    const changes = holidayChanges(await this.days(year), file.days);
    if (!dryRun) {
      await this.holidays.replaceYear(
        year,
        file.days.map((d) => ({ date: d.date, name: d.name, kind: storedKind(d.kind) })),
      );
      this.calendars.forget();
    }
    return { year, dryRun, ...changes };
  }

  private async days(year: number): Promise<HolidayDay[]> {
    return (await this.holidays.ofYear(year)).map((r) => ({ date: r.date, name: r.name, kind: kindOfStored(r.kind) }));
  }
}
