import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody } from './api-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

// Body-parser errors reach us as plain errors with a status and a type.
type ParserError = Error & { status?: number; statusCode?: number; type?: string };

// Every error leaves in the shape { error, message, details? }. Anything unexpected is a 500 whose text says
// nothing of the cause (it is logged instead), never a stack trace.
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, body } = this.toBody(exception);
    if (status >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({
        msg: 'request failed',
        method: req.method,
        path: req.route?.path ?? 'unmatched',
        error: err.name,
        detail: err.message,
      });
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (!res.headersSent && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    if (!res.headersSent) res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'error' in response && 'message' in response) {
        const r = response as { error: unknown; message: unknown; details?: unknown };
        if (typeof r.error === 'string' && typeof r.message === 'string' && r.error === r.error.toUpperCase()) {
          return { status, body: r as ApiErrorBody };
        }
      }
      const message = typeof response === 'string' ? response : exception.message;
      return { status, body: { error: CODE_BY_STATUS[status] ?? 'ERROR', message } };
    }
    const parser = exception as ParserError;
    const parserStatus = parser?.status ?? parser?.statusCode;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      const message =
        parser.type === 'entity.parse.failed'
          ? parser.message.includes('NUL character')
            ? parser.message
            : 'the request body is not valid JSON'
          : parser.type === 'entity.too.large'
            ? 'the request body is too large'
            : parser.message;
      return { status: parserStatus, body: { error: CODE_BY_STATUS[parserStatus] ?? 'BAD_REQUEST', message } };
    }
    if (isDatabaseOutage(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          error: 'UNAVAILABLE',
          message: 'the database is not reachable just now; retry shortly (with the same Idempotency-Key)',
          details: { retryAfterSeconds: 5 },
        },
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: 'INTERNAL', message: 'something went wrong on our side; the request may be retried' },
    };
  }
}

// PostgreSQL down, restarting, refusing connections, or a connection lost mid-query: the service is unavailable
// (503, retry), not broken (500). SQLSTATE classes 08 (connection exception) and 57P (operator intervention), the
// "database does not allow connections" of 55000, and the socket errors of the driver.
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55000',
]);
function isDatabaseOutage(exception: unknown): boolean {
  for (let e: unknown = exception, depth = 0; e && depth < 4; depth += 1) {
    const x = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && (OUTAGE_CODES.has(x.code) || x.code.startsWith('08'))) return true;
    if (
      typeof x.message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        x.message,
      )
    )
      return true;
    e = x.driverError ?? x.cause;
  }
  return false;
}
