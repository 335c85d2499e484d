import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../workflows/definition';
import { ApiError } from '../common/api-error';
import { accessFor, mayCall } from './access-matrix';
import type { CurrentUserInfo } from './auth.types';

// Who may call a route is its row of the access matrix (access-matrix.ts), and nothing else: a route without a row
// is refused (and the API does not start with one). Every route but the PUBLIC ones needs a valid token.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ method: string; route?: { path?: string }; headers: Record<string, string | undefined>; user?: CurrentUserInfo }>();
    const access = accessFor(req.method, req.route?.path ?? '');
    if (!access) throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'this endpoint has no access rule');
    if (access.roles === 'PUBLIC') return true;
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token) throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'sign in first: Authorization: Bearer <token>');
    let claims: { sub: string; username: string; role: Role; officeId: string | null; agencyId: string | null };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'the token is not valid or has expired: sign in again');
    }
    req.user = { userId: claims.sub, username: claims.username, role: claims.role, officeId: claims.officeId, agencyId: claims.agencyId };
    if (!mayCall(access, claims.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `this needs the role ${(access.roles as readonly Role[]).join(' or ')}`);
    }
    return true;
  }
}
