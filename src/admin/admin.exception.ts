import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_BODY } from '../cases/cases.controller';
import { ApiError } from '../common/api-error';

export type AdminErrorCode =
  | 'USER_NOT_FOUND'
  | 'OFFICE_NOT_FOUND'
  | 'SLA_POLICY_NOT_FOUND'
  | 'INVALID_YEAR'
  | 'INVALID_VERSION'
  | 'USERNAME_TAKEN'
  | 'OFFICE_CODE_TAKEN'
  | 'SLA_POLICY_VERSION_TAKEN'
  | 'OWN_ACCOUNT'
  | 'INVALID_PLACEMENT'
  | 'INVALID_HOLIDAYS'
  | 'INVALID_SLA_POLICY'
  | 'UNSUPPORTED_MEDIA_TYPE';

const STATUS: Record<AdminErrorCode, HttpStatus> = {
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  OFFICE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SLA_POLICY_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_YEAR: HttpStatus.BAD_REQUEST,
  INVALID_VERSION: HttpStatus.BAD_REQUEST,
  USERNAME_TAKEN: HttpStatus.CONFLICT,
  OFFICE_CODE_TAKEN: HttpStatus.CONFLICT,
  SLA_POLICY_VERSION_TAKEN: HttpStatus.CONFLICT,
  OWN_ACCOUNT: HttpStatus.CONFLICT,
  INVALID_PLACEMENT: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_HOLIDAYS: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_SLA_POLICY: HttpStatus.UNPROCESSABLE_ENTITY,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

export type FieldProblem = { field: string; problems: string[] };

export class AdminException extends ApiError {
  // field errors are reported as the validation pipe reports them: the first in the message, all in details
  constructor(code: AdminErrorCode, message: string, details?: FieldProblem[]) {
    super(STATUS[code], code, details?.[0] ? `${details[0].field}: ${details[0].problems[0]}` : message, details);
  }

  static field(code: AdminErrorCode, field: string, problem: string): AdminException {
    return new AdminException(code, problem, [{ field, problems: [problem] }]);
  }
}

// The error answers of an administration route, in the API's one error body.
export function ApiErrors(...answers: [status: number, description: string][]): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: 401, description: 'no valid token, or the account was deactivated', schema: ERROR_BODY }),
    ApiResponse({ status: 403, description: 'your role may not do this', schema: ERROR_BODY }),
    ...answers.map(([status, description]) => ApiResponse({ status, description, schema: ERROR_BODY })),
  );
}
