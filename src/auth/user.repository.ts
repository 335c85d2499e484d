import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../../workflows/definition';

export type UserRow = {
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

// The SQL of `users`: accounts, their password hashes and sign-in failures.
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByUsername(username: string): Promise<UserRow | null> {
    const rows = (await this.dataSource.query('SELECT * FROM users WHERE username = $1', [username])) as UserRow[];
    return rows[0] ?? null;
  }

  // A good password: the failures forgotten, and the hash replaced when it is of an older kind.
  async signedIn(id: string, rehash: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = COALESCE($2, password_hash)
       WHERE id = $1`,
      [id, rehash],
    );
  }

  // A wrong password: counted, and the account locked for lockoutSeconds at maxFailures.
  async failedSignIn(
    id: string,
    maxFailures: number,
    lockoutSeconds: number,
  ): Promise<{ failed_logins: number; locked_until: Date | null } | null> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE users SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3)
                                  ELSE locked_until END
        WHERE id = $1 RETURNING failed_logins, locked_until`,
      [id, maxFailures, lockoutSeconds],
    )) as [[{ failed_logins: number; locked_until: Date | null }], number];
    return row ?? null;
  }

  async resetFailures(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET failed_logins = 0 WHERE id = $1`, [id]);
  }

  // The local account of a single-sign-on user (no password), kept in step with the claims of their token.
  async upsertSso(u: {
    userId: string;
    username: string;
    role: Role;
    officeId: string | null;
    agencyId: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO users (id, username, password_hash, role, office_id, agency_id, display_name)
       VALUES ($1, $2, '!sso', $3, $4, $5, $2)
       ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, office_id = EXCLUDED.office_id,
                                      agency_id = EXCLUDED.agency_id`,
      [u.userId, u.username, u.role, u.officeId, u.agencyId],
    );
  }

  // A caseworker, supervisor or head of the office: who a case may be handed to.
  async isStaffOf(id: string | undefined, officeId: string | null): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD')`,
      [id, officeId],
    )) as unknown[];
    return rows.length > 0;
  }
}
