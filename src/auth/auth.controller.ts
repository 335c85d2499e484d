import { Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiNoContentResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthConfig } from '../config/auth.config';
import { LoginDto, LoginResponseDto } from './auth.dto';
import { AuthService } from './auth.service';
import type { CurrentUserInfo } from './auth.types';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './session-cookie';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  private readonly cookieMode: AuthConfig['sessionCookieSecure'];

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    config: ConfigService,
  ) {
    this.cookieMode = config.getOrThrow<AuthConfig>('auth').sessionCookieSecure;
  }

  @Post('login')
  @HttpCode(200)
  @ApiResponse({
    status: 200,
    type: LoginResponseDto,
    description: 'the access token (Authorization: Bearer); also the console session cookie (see /auth/refresh)',
  })
  @ApiResponse({ status: 401, description: 'wrong username or password' })
  @ApiResponse({
    status: 429,
    description: 'the account is locked for a while after wrong passwords, or too many attempts from this address',
  })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const { answer, refresh } = await this.auth.login(dto.username, dto.password, ip);
    setRefreshCookie(req, res, refresh, this.cookieMode);
    return answer;
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiResponse({
    status: 200,
    type: LoginResponseDto,
    description:
      'a new access token for the session of the rujukan_refresh cookie (httpOnly, set by sign-in), and the ' +
      "session's next refresh token in its place: each is good for one refresh, within the session's shift",
  })
  @ApiResponse({
    status: 401,
    description:
      'no session: SESSION_MISSING (no cookie), SESSION_UNKNOWN, SESSION_EXPIRED (the shift is over), ' +
      'SESSION_REVOKED (signed out), SESSION_REUSED (a spent token again: the session is ended), ' +
      'ACCOUNT_DEACTIVATED, PASSWORD_RESET',
  })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    try {
      const { answer, refresh } = await this.auth.refresh(readRefreshCookie(req));
      setRefreshCookie(req, res, refresh, this.cookieMode);
      return answer;
    } catch (err) {
      clearRefreshCookie(req, res, this.cookieMode);
      throw err;
    }
  }

  // Idempotent: with no cookie, or one of a session already ended, it answers the same.
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the session of the cookie is ended and the cookie cleared' })
  async logout(
    @Req() req: Request & { user?: CurrentUserInfo },
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const ended = await this.sessions.end(readRefreshCookie(req));
    // whose sign-out it was, for the audit log (the route needs no token: a signed-out tab may still end it)
    if (ended) req.user = ended;
    clearRefreshCookie(req, res, this.cookieMode);
  }
}
