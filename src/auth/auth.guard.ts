import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../workflows/definition';
import { ApiError } from '../common/api-error';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import type { CurrentUserInfo } from './auth.types';

// Every route needs a valid token unless marked @Public(); @Roles() narrows who may call it.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: CurrentUserInfo }>();
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
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
