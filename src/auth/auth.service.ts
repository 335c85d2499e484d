import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { AuthConfig } from '../config/auth.config';
import type { LoginResponseDto } from './auth.dto';
import { hashPassword, needsRehash, verifyPassword } from './password';

type UserRow = {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  office_id: string | null;
  agency_id: string | null;
  display_name: string;
  failed_logins: number;
  locked_until: Date | null;
};

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<AuthConfig>('auth');
  }

  async login(username: string, password: string, from: string): Promise<LoginResponseDto> {
    this.throttle(from);
    const rows: UserRow[] = await this.dataSource.query('SELECT * FROM users WHERE username = $1', [username]);
    const user = rows[0];
    if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
      const seconds = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'ACCOUNT_LOCKED', `too many wrong passwords: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    const ok = await verifyPassword(password, user?.password_hash ?? (await absentUserHash));
    if (!user || !ok) {
      if (user) await this.failed(user);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    const rehash = needsRehash(user.password_hash) ? await hashPassword(password) : null;
    await this.dataSource.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = COALESCE($2, password_hash) WHERE id = $1`,
      [user.id, rehash],
    );
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, officeId: user.office_id, agencyId: user.agency_id },
      { expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' },
    );
    return {
      accessToken,
      expiresIn: this.config.tokenTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, officeId: user.office_id, agencyId: user.agency_id },
    };
  }

  private async failed(user: UserRow): Promise<void> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE users SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
        WHERE id = $1 RETURNING failed_logins, locked_until`,
      [user.id, this.config.maxFailedLogins, this.config.lockoutSeconds],
    )) as [[{ failed_logins: number; locked_until: Date | null }], number];
    if (row && row.failed_logins >= this.config.maxFailedLogins) {
      this.logger.warn({ msg: 'account locked after wrong passwords', userId: user.id, failures: row.failed_logins });
      await this.dataSource.query(`UPDATE users SET failed_logins = 0 WHERE id = $1`, [user.id]);
    }
  }

  // At most N attempts per address per minute, whatever the username.
  private throttle(from: string): void {
    const now = Date.now();
    const recent = (this.attempts.get(from) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.config.loginAttemptsPerMinute) {
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_ATTEMPTS', 'too many sign-in attempts from this address: wait a minute', { retryAfterSeconds: 60 });
    }
    recent.push(now);
    this.attempts.set(from, recent);
    if (this.attempts.size > 10_000) this.attempts.clear();
  }
}
