import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export type CasesErrorCode =
  'CASE_NOT_FOUND' | 'OFFICE_REQUIRED' | 'INVALID_IDEMPOTENCY_KEY' | 'ENGINE_UNAVAILABLE' | 'OTHER_OFFICE';

const STATUS: Record<CasesErrorCode, HttpStatus> = {
  CASE_NOT_FOUND: HttpStatus.NOT_FOUND,
  OFFICE_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_IDEMPOTENCY_KEY: HttpStatus.BAD_REQUEST,
  ENGINE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  OTHER_OFFICE: HttpStatus.FORBIDDEN,
};

export class CasesException extends ApiError {
  constructor(code: CasesErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
