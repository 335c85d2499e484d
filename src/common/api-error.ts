import { HttpException, HttpStatus } from '@nestjs/common';

// The one error shape of the API (DESIGN.md): { error: CODE, message, details? }.
export type ApiErrorBody = { error: string; message: string; details?: unknown };

export class ApiError extends HttpException {
  // `extra`: top-level fields a contract names besides the three (a 409's allowedActions)
  constructor(status: HttpStatus, code: string, message: string, details?: unknown, extra?: Record<string, unknown>) {
    super(
      { ...extra, error: code, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody,
      status,
    );
  }
}
