import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../workflows/definition';
import { ApiError } from '../common/api-error';
import { accessFor, mayCall } from './access-matrix';
import { CodecLinkService } from './codec-link.service';
import { OidcService } from './oidc.service';
import type { CurrentUserInfo } from './auth.types';
import { UserRepository } from './user.repository';

// Who may call a route is its row of the access matrix (access-matrix.ts), and nothing else: a route without a row
// is refused (and the API does not start with one). Every route but the PUBLIC ones needs a valid token.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly oidc: OidcService,
    private readonly links: CodecLinkService,
    private readonly users: UserRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{
      method: string;
      route?: { path?: string };
      params?: Record<string, string | undefined>;
      headers: Record<string, string | undefined>;
      user?: CurrentUserInfo;
    }>();
    const access = accessFor(req.method, req.route?.path ?? '');
    if (!access) throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'this endpoint has no access rule');
    if (access.roles === 'PUBLIC') return true;
    const user =
      access.credential === 'codec-link'
        ? await this.current(this.link(req.params?.token ?? ''), false)
        : await this.bearer(req.headers.authorization ?? '');
    req.user = user;
    if (!mayCall(access, user.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `this needs the role ${(access.roles as readonly Role[]).join(' or ')}`,
      );
    }
    return true;
  }

  private async bearer(header: string): Promise<CurrentUserInfo> {
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token)
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'sign in first: Authorization: Bearer <token>');
    const sso = this.oidc.enabled && headerAlg(token) === 'RS256';
    const user = sso ? await this.oidc.verify(token) : await this.local(token);
    if (!user)
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHORIZED',
        'the token is not valid or has expired: sign in again',
      );
    return this.current(user, sso);
  }

  // The account as it is now, not as it was when the token or link was issued: a deactivated account's tokens stop
  // working at once, and a changed role or office applies to the next request (an SSO token's claims rule).
  private async current(user: CurrentUserInfo, sso: boolean): Promise<CurrentUserInfo> {
    const now = await this.users.session(user.userId);
    if (!now || now.deactivatedAt !== null)
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'ACCOUNT_DEACTIVATED', 'this account has been deactivated');
    return sso ? user : { ...user, role: now.role, officeId: now.officeId, agencyId: now.agencyId };
  }

  private link(token: string): CurrentUserInfo {
    const user = this.links.verify(token);
    if (!user)
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHORIZED',
        'this codec link is not valid or has expired: a supervisor gets a new one from POST /api/v1/codec-links',
      );
    return user;
  }

  // A token of our own sign-in (HS256).
  private async local(token: string): Promise<CurrentUserInfo | null> {
    try {
      const claims: { sub: string; username: string; role: Role; officeId: string | null; agencyId: string | null } =
        await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
      return {
        userId: claims.sub,
        username: claims.username,
        role: claims.role,
        officeId: claims.officeId,
        agencyId: claims.agencyId,
      };
    } catch {
      return null;
    }
  }
}

function headerAlg(token: string): string | null {
  try {
    return (
      (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: string }).alg ?? null
    );
  } catch {
    return null;
  }
}
