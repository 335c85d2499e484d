import { Injectable } from '@nestjs/common';
import { CASE_CATEGORIES, type CaseCategory, type OfficeTimeZone } from '../../workflows/definition';
import type { CurrentUserInfo } from '../auth/auth.types';
import { localDate } from '../letters/letter-text';
import { OfficeRepository, type OfficeRow } from '../offices/office.repository';
import { REPORT_BUILDERS } from './report-builders';
import { REPORTS, TABLES, type ReportKey } from './report-definitions';
import { EXPORT_FORMATS, reportCsv, reportXlsx, type ExportFormat } from './report-export';
import { parsePeriod, PeriodError, periodWords, type ReportPeriod } from './report-period';
import { officeReportPdf } from './report-pdf';
import type { ReportQueryDto } from './reports.dto';
import { ReportRepository, type ReportScope } from './report.repository';
import { invalidQuery, ReportsException } from './reports.exception';
import type { ReportAnswer } from './report-shape';

// the country's reports are counted in WIB, the capital's time
export const NATIONAL_TIME_ZONE: OfficeTimeZone = 'Asia/Jakarta';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY_WORDS: Record<CaseCategory, string> = {
  PMI_PURNA: 'PMI purna',
  DEPORTEE: 'Deportan',
  PROBLEM_PMI: 'PMI bermasalah',
  TPPO_VICTIM: 'Korban TPPO',
};

type Scoped = { office: OfficeRow | null; period: ReportPeriod; category: CaseCategory | null; scope: ReportScope };
export type ReportFile = { body: Buffer; type: string; filename: string };

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly offices: OfficeRepository,
  ) {}

  // Whose figures, over which days: a head or supervisor sees their own office; an admin any office, or the country.
  private async scoped(q: ReportQueryDto, user: CurrentUserInfo): Promise<Scoped> {
    if (q.officeId !== undefined && !UUID.test(q.officeId)) throw invalidQuery('officeId', 'must be a UUID');
    let officeId = q.officeId ?? null;
    if (user.role !== 'ADMIN') {
      if (officeId !== null && officeId !== user.officeId) {
        throw new ReportsException('OFFICE_FORBIDDEN', 'you may see the reports of your own office only');
      }
      officeId = user.officeId;
    }
    const office = officeId === null ? null : await this.offices.find(officeId);
    if (officeId !== null && !office) throw invalidQuery('officeId', 'no such office');
    if (q.category !== undefined && !(CASE_CATEGORIES as readonly string[]).includes(q.category)) {
      throw invalidQuery('category', `must be one of ${CASE_CATEGORIES.join(', ')}`);
    }
    const category = (q.category as CaseCategory | undefined) ?? null;
    let period: ReportPeriod;
    try {
      period = parsePeriod(q, office?.timeZone ?? NATIONAL_TIME_ZONE, new Date());
    } catch (e) {
      if (e instanceof PeriodError) throw invalidQuery(e.field, e.problem);
      throw e;
    }
    return { office, period, category, scope: { officeId, start: period.start, end: period.end, category } };
  }

  private async build(report: ReportKey, s: Scoped): Promise<ReportAnswer> {
    const built = await REPORT_BUILDERS[report](this.reports, s.scope);
    return {
      report,
      officeId: s.office?.id ?? null,
      officeName: s.office?.name ?? null,
      period: s.period.kind,
      from: s.period.from,
      to: s.period.to,
      timeZone: s.office?.timeZone ?? NATIONAL_TIME_ZONE,
      category: s.category,
      generatedAt: new Date().toISOString(),
      ...built,
    };
  }

  async report(
    name: string,
    q: ReportQueryDto,
    user: CurrentUserInfo,
  ): Promise<{ json: ReportAnswer } | { file: ReportFile }> {
    if (!(REPORTS as readonly string[]).includes(name)) {
      throw new ReportsException('REPORT_NOT_FOUND', `no report ${name}; the reports are ${REPORTS.join(', ')}`);
    }
    const report = name as ReportKey;
    const format = (q.format ?? 'json') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw invalidQuery('format', `must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (q.table !== undefined && (format === 'json' || !(q.table in TABLES))) {
      throw invalidQuery('table', format === 'json' ? 'is for format=csv or xlsx' : `no table ${q.table}`);
    }
    const answer = await this.build(report, await this.scoped(q, user));
    if (q.table !== undefined && !answer.tables.some((t) => t.key === q.table)) {
      throw invalidQuery('table', `the ${report} report has no table ${q.table}`);
    }
    if (format === 'json') return { json: answer };
    const filename = `laporan-${report}${q.table ? `-${q.table}` : ''}-${this.place(answer)}-${answer.from}-${answer.to}`;
    return {
      file:
        format === 'csv'
          ? {
              body: Buffer.from(reportCsv(answer, q.table), 'utf8'),
              type: 'text/csv; charset=utf-8',
              filename: `${filename}.csv`,
            }
          : {
              body: await reportXlsx(answer, q.table),
              type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              filename: `${filename}.xlsx`,
            },
    };
  }

  // Every report of one office for the period, as the PDF its head sends on.
  async officePdf(q: ReportQueryDto, user: CurrentUserInfo): Promise<ReportFile> {
    if (q.format !== undefined || q.table !== undefined) {
      throw invalidQuery(q.format !== undefined ? 'format' : 'table', 'is not a parameter of the PDF report');
    }
    const s = await this.scoped(q, user);
    if (!s.office) throw invalidQuery('officeId', 'the PDF report is of one office: name it');
    // side by side, as the console asks for them: the PDF takes the slowest report's time, not their sum
    const reports: ReportAnswer[] = await Promise.all(REPORTS.map((r) => this.build(r, s)));
    const issued = localDate(new Date(), s.office.timeZone);
    const body = await officeReportPdf({
      letterhead: s.office,
      issued,
      periodWords: periodWords(s.period, s.office.timeZone),
      days: periodWords({ ...s.period, kind: 'custom' }, s.office.timeZone),
      categoryWords: s.category ? CATEGORY_WORDS[s.category] : null,
      reports,
    });
    return {
      body,
      type: 'application/pdf',
      filename: `laporan-kinerja-${this.place(reports[0]!)}-${s.period.from}-${s.period.to}.pdf`,
    };
  }

  private place(r: ReportAnswer): string {
    return r.officeName
      ? r.officeName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
      : 'nasional';
  }
}
