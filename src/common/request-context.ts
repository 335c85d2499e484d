import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { httpRequests } from '../metrics/metrics';

// The request a log line belongs to. A client may send its own X-Request-Id (a short token of safe characters);
// otherwise we make one. It is echoed in the response, so a user's report can be matched to our logs.
const context = new AsyncLocalStorage<{ requestId: string }>();
const CLIENT_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

const access = new Logger('Http');

export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const offered = req.header('x-request-id');
  const requestId = offered && CLIENT_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // the route template, never the URL: ids and query strings stay out of logs and metric labels
    const route = (req.route as { path?: string } | undefined)?.path
      ? `${req.baseUrl}${(req.route as { path: string }).path}`
      : 'unmatched';
    httpRequests.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    context.run({ requestId }, () =>
      access.log({ msg: 'request', method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }),
    );
  });
  context.run({ requestId }, next);
}

// Nest's JSON logger, with the request id added to every line logged while serving a request.
export class RequestAwareLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    super.log(withRequestId(message), ...(rest as [string]));
  }
  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(withRequestId(message), ...(rest as [string]));
  }
  override error(message: unknown, ...rest: unknown[]): void {
    super.error(withRequestId(message), ...(rest as [string]));
  }
  override debug(message: unknown, ...rest: unknown[]): void {
    super.debug(withRequestId(message), ...(rest as [string]));
  }
  override verbose(message: unknown, ...rest: unknown[]): void {
    super.verbose(withRequestId(message), ...(rest as [string]));
  }
}

function withRequestId(message: unknown): unknown {
  const requestId = currentRequestId();
  if (!requestId) return message;
  if (typeof message === 'object' && message !== null && !Array.isArray(message) && !(message instanceof Error))
    return { requestId, ...message };
  if (typeof message === 'string') return { requestId, msg: message };
  return message;
}
