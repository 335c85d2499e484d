import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { accessFor } from '../auth/access-matrix';
import type { CurrentUserInfo } from '../auth/auth.types';
import { currentRequestId } from '../common/request-context';
import { AuditService } from './audit.service';

// Writes the audit entry of every call its access-matrix row marks as audited (reads of personal data, changes),
// before the answer leaves: what succeeded and what was refused inside the handler (a 404 for another office's
// case, a 409) alike. A call the guard refused never reached the data and is not an access.
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(private readonly audit: AuditService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: CurrentUserInfo }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const route = (req.route as { path?: string } | undefined)?.path ?? '';
    const row = accessFor(req.method, route)?.audit;
    if (!row) return next.handle();
    const query = row.query === undefined ? undefined : (req.query as Record<string, unknown>)[row.query];
    if (row.query !== undefined && query === undefined && !row.withoutQuery) return next.handle();
    const audited = query === undefined && row.withoutQuery ? { ...row, action: row.withoutQuery } : row;
    const params = req.params as Record<string, string | undefined>;
    const write = async (status: number, body: unknown) => {
      // what a POST created (a case, an account, an office, a policy version) when no parameter names it
      const made =
        req.method === 'POST' && body && typeof body === 'object' ? (body as { id?: unknown; version?: unknown }) : {};
      const created = typeof made.id === 'string' ? made.id : typeof made.version === 'string' ? made.version : null;
      await this.audit.record({
        user: req.user,
        audited,
        method: req.method,
        route,
        status,
        targetId:
          query !== undefined
            ? this.audit.fingerprint(String(query))
            : (params.docId ?? params.id ?? params.year ?? params.version ?? created),
        caseId: audited.action === 'case.register' ? created : null,
        requestId: currentRequestId(),
        ip: req.ip,
        userAgent: req.header('user-agent'),
      });
    };
    const okStatus = () => {
      const declared = Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined;
      return res.statusCode !== 200 ? res.statusCode : (declared ?? (req.method === 'POST' ? 201 : 200));
    };
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await write(okStatus(), body);
        return body;
      }),
      catchError((err: unknown) =>
        from(
          write(err instanceof HttpException ? err.getStatus() : 500, null).catch((e: unknown) => {
            this.logger.error({ msg: 'audit entry of a failed call not written', error: (e as Error).message });
          }),
        ).pipe(mergeMap(() => throwError(() => err))),
      ),
    );
  }
}
