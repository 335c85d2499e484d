import { HttpException, HttpStatus } from '@nestjs/common';

// The one error shape of the API (DESIGN.md): { error: CODE, message, details? }.
export type ApiErrorBody = { error: string; message: string; details?: unknown };

export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details?: unknown) {
    super({ error: code, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody, status);
  }
}
