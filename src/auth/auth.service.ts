import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { LoginResponseDto } from './auth.dto';
import { hashPassword, verifyPassword } from './password';

type UserRow = { id: string; username: string; password_hash: string; role: string; office_id: string | null; agency_id: string | null; display_name: string };

// A hash to compare against when the user does not exist, so that an unknown name takes as long as a wrong password.
const absentUserHash = hashPassword('no such user');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string, tokenTtlSeconds: number): Promise<LoginResponseDto> {
    const rows: UserRow[] = await this.dataSource.query('SELECT * FROM users WHERE username = $1', [username]);
    const user = rows[0];
    const ok = await verifyPassword(password, user?.password_hash ?? (await absentUserHash));
    if (!user || !ok) throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'wrong username or password');
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, officeId: user.office_id, agencyId: user.agency_id },
      { expiresIn: tokenTtlSeconds, algorithm: 'HS256' },
    );
    return {
      accessToken,
      expiresIn: tokenTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, officeId: user.office_id, agencyId: user.agency_id },
    };
  }
}
