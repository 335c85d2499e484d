import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

// The refusals of a draft SLA policy besides INVALID_SLA_POLICY (AdminException): OTHER_PROVINCE, a head's reach
// is their own province; SLA_DRAFT_STALE, edited since the revision the caller names (the body says the current
// one); SLA_DRAFT_PUBLISHED, a published draft is read-only.
export type SlaDraftErrorCode = 'SLA_DRAFT_NOT_FOUND' | 'OTHER_PROVINCE' | 'SLA_DRAFT_STALE' | 'SLA_DRAFT_PUBLISHED';

const STATUS: Record<SlaDraftErrorCode, HttpStatus> = {
  SLA_DRAFT_NOT_FOUND: HttpStatus.NOT_FOUND,
  OTHER_PROVINCE: HttpStatus.FORBIDDEN,
  SLA_DRAFT_STALE: HttpStatus.CONFLICT,
  SLA_DRAFT_PUBLISHED: HttpStatus.CONFLICT,
};

export class SlaDraftException extends ApiError {
  constructor(code: SlaDraftErrorCode, message: string, extra?: Record<string, unknown>) {
    super(STATUS[code], code, message, undefined, extra);
  }
}
