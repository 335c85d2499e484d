import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

// INVALID_QUERY: a query parameter that names no period, office, category, format or table of the report (details
// names the field); OFFICE_FORBIDDEN: a head or supervisor asked for another office's report.
export type ReportsErrorCode = 'INVALID_QUERY' | 'OFFICE_FORBIDDEN' | 'REPORT_NOT_FOUND';

const STATUS: Record<ReportsErrorCode, HttpStatus> = {
  INVALID_QUERY: HttpStatus.BAD_REQUEST,
  OFFICE_FORBIDDEN: HttpStatus.FORBIDDEN,
  REPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
};

export class ReportsException extends ApiError {
  constructor(code: ReportsErrorCode, message: string, field?: string) {
    super(STATUS[code], code, message, field ? [{ field, problems: [message] }] : undefined);
  }
}

export function invalidQuery(field: string, problem: string): ReportsException {
  return new ReportsException('INVALID_QUERY', `${field}: ${problem}`, field);
}
