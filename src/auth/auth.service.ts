import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiError } from '../common/api-error';
import type { AuthConfig } from '../config/auth.config';
import type { LoginResponseDto } from './auth.dto';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { SessionService, type IssuedRefresh } from './session.service';
import { UserRepository, type UserRow } from './user.repository';

// A sign-in's answer, and the refresh token of the console's session begun with it (for the cookie).
export type SignedIn = { answer: LoginResponseDto; refresh: IssuedRefresh };

// A hash to compare against when the user does not exist, so that an unknown name takes as long as a wrong password.
const absentUserHash = hashPassword('no such user');

// Sign-in: argon2id hashes, a per-address rate limit (in this process), and a temporary lockout of an account
// after consecutive wrong passwords (in the database, so it holds across API replicas and restarts).
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly config: AuthConfig;
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<AuthConfig>('auth');
  }

  async login(username: string, password: string, from: string): Promise<SignedIn> {
    this.throttle(from);
    const user = await this.users.findByUsername(username);
    if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
      const seconds = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'ACCOUNT_LOCKED',
        `too many wrong passwords: try again in ${seconds} s`,
        { retryAfterSeconds: seconds },
      );
    }
    const ok = await verifyPassword(password, user?.password_hash ?? (await absentUserHash));
    if (!user || !ok) {
      if (user) await this.failed(user);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    if (user.deactivated_at)
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'ACCOUNT_DEACTIVATED', 'this account has been deactivated');
    const rehash = needsRehash(user.password_hash) ? await hashPassword(password) : null;
    await this.users.signedIn(user.id, rehash);
    return { answer: await this.answer(user), refresh: await this.sessions.open(user.id) };
  }

  // The console's session carried on: its refresh token spent for the next one, and a new access token for the
  // account as it is now.
  async refresh(token: string | undefined): Promise<SignedIn> {
    const { userId, refresh } = await this.sessions.rotate(token);
    const user = await this.users.findById(userId);
    if (!user || user.deactivated_at)
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'ACCOUNT_DEACTIVATED', 'this account has been deactivated');
    return { answer: await this.answer(user), refresh };
  }

  private async answer(user: UserRow): Promise<LoginResponseDto> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, officeId: user.office_id, agencyId: user.agency_id },
      { expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' },
    );
    return {
      accessToken,
      expiresIn: this.config.tokenTtlSeconds,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        officeId: user.office_id,
        agencyId: user.agency_id,
      },
    };
  }

  private async failed(user: UserRow): Promise<void> {
    const row = await this.users.failedSignIn(user.id, this.config.maxFailedLogins, this.config.lockoutSeconds);
    if (row && row.failed_logins >= this.config.maxFailedLogins) {
      this.logger.warn({ msg: 'account locked after wrong passwords', userId: user.id, failures: row.failed_logins });
      await this.users.resetFailures(user.id);
    }
  }

  // At most N attempts per address per minute, whatever the username.
  private throttle(from: string): void {
    const now = Date.now();
    const recent = (this.attempts.get(from) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.config.loginAttemptsPerMinute) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'TOO_MANY_ATTEMPTS',
        'too many sign-in attempts from this address: wait a minute',
        { retryAfterSeconds: 60 },
      );
    }
    recent.push(now);
    this.attempts.set(from, recent);
    if (this.attempts.size > 10_000) this.attempts.clear();
  }
}
