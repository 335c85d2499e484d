import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../../workflows/definition';
import { assignments, pagedSql, SqlFilter, type Page } from '../database/filter-page';

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
  deactivated_at: Date | null;
};

// An account as the administration API shows it: never the password hash.
export type AccountRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  // the mobile number of WhatsApp/SMS messages, +62…
  phone: string | null;
  role: Role;
  officeId: string | null;
  agencyId: string | null;
  deactivatedAt: Date | null;
  createdAt: Date;
};

export const STAFF_ROLES = ['CASEWORKER', 'SUPERVISOR', 'HEAD'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffRow = { id: string; displayName: string; role: StaffRole; active: boolean };

export type AccountFilter = Page & { officeId?: string; agencyId?: string; role?: Role; active?: boolean };
export type AccountChange = Partial<
  Pick<AccountRow, 'displayName' | 'email' | 'phone' | 'role' | 'officeId' | 'agencyId'> & { passwordHash: string }
>;

const ACCOUNT_COLUMNS = `id, username, display_name AS "displayName", email, phone, role, office_id AS "officeId",
  agency_id AS "agencyId", deactivated_at AS "deactivatedAt", created_at AS "createdAt"`;
const CHANGE_COLUMNS: Record<keyof AccountChange, string> = {
  displayName: 'display_name',
  email: 'email',
  phone: 'phone',
  role: 'role',
  officeId: 'office_id',
  agencyId: 'agency_id',
  passwordHash: 'password_hash',
};

// The SQL of `users`: accounts, their password hashes and sign-in failures.
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByUsername(username: string): Promise<UserRow | null> {
    const rows = (await this.dataSource.query('SELECT * FROM users WHERE username = $1', [username])) as UserRow[];
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRow | null> {
    const rows = (await this.dataSource.query('SELECT * FROM users WHERE id = $1', [id])) as UserRow[];
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

  // What a token's holder is now: a deactivated or deleted account's tokens stop working on the next request, and
  // a changed role or office takes effect on it.
  async session(id: string): Promise<Pick<AccountRow, 'role' | 'officeId' | 'agencyId' | 'deactivatedAt'> | null> {
    const rows = (await this.dataSource.query(
      `SELECT role, office_id AS "officeId", agency_id AS "agencyId", deactivated_at AS "deactivatedAt"
         FROM users WHERE id = $1`,
      [id],
    )) as Pick<AccountRow, 'role' | 'officeId' | 'agencyId' | 'deactivatedAt'>[];
    return rows[0] ?? null;
  }

  async list(f: AccountFilter): Promise<AccountRow[]> {
    const filter = new SqlFilter();
    if (f.officeId) filter.where((p) => `office_id = ${p}`, f.officeId);
    if (f.agencyId) filter.where((p) => `agency_id = ${p}`, f.agencyId);
    if (f.role) filter.where((p) => `role = ${p}`, f.role);
    if (f.active !== undefined) filter.where((p) => `(deactivated_at IS NULL) = ${p}`, f.active);
    const sql = pagedSql(`SELECT ${ACCOUNT_COLUMNS} FROM users`, filter, 'username, id', f);
    return (await this.dataSource.query(sql.text, sql.params)) as AccountRow[];
  }

  async account(id: string): Promise<AccountRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`, [
      id,
    ])) as AccountRow[];
    return rows[0] ?? null;
  }

  // null when the username is taken
  async create(
    a: Omit<AccountRow, 'deactivatedAt' | 'createdAt'> & { passwordHash: string },
  ): Promise<AccountRow | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO users (id, username, password_hash, role, office_id, agency_id, display_name, email, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING ${ACCOUNT_COLUMNS}`,
      [a.id, a.username, a.passwordHash, a.role, a.officeId, a.agencyId, a.displayName, a.email, a.phone],
    )) as AccountRow[];
    return rows[0] ?? null;
  }

  // A new password also lifts a lockout, and ends the sessions begun before it (session.repository.ts).
  async update(id: string, change: AccountChange): Promise<AccountRow | null> {
    const filter = new SqlFilter();
    const sets = assignments(change, CHANGE_COLUMNS, filter);
    if (sets.length === 0) return this.account(id);
    if (change.passwordHash !== undefined)
      sets.push('failed_logins = 0', 'locked_until = NULL', 'password_changed_at = now()');
    const rows = (await this.dataSource.query(
      `UPDATE users SET ${sets.join(', ')} WHERE id = ${filter.bind(id)} RETURNING ${ACCOUNT_COLUMNS}`,
      filter.params,
    )) as [AccountRow[], number];
    return rows[0][0] ?? null;
  }

  async setActive(id: string, active: boolean): Promise<AccountRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE users SET deactivated_at = CASE WHEN $2 THEN NULL ELSE COALESCE(deactivated_at, now()) END
        WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [id, active],
    )) as [AccountRow[], number];
    return rows[0][0] ?? null;
  }

  // The caseworkers, supervisors and heads of an office, by display name: the staff list a supervisor picks from.
  async officeStaff(officeId: string, f: { role?: StaffRole; includeInactive: boolean }): Promise<StaffRow[]> {
    return (await this.dataSource.query(
      `SELECT id, display_name AS "displayName", role, deactivated_at IS NULL AS active FROM users
        WHERE office_id = $1 AND role = ANY($2) AND ($3 OR deactivated_at IS NULL)
        ORDER BY display_name, id`,
      [officeId, f.role ? [f.role] : STAFF_ROLES, f.includeInactive],
    )) as StaffRow[];
  }

  // A caseworker, supervisor or head of the office: who a case may be handed to.
  async isStaffOf(id: string | undefined, officeId: string | null): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND role IN ('CASEWORKER', 'SUPERVISOR', 'HEAD')
         AND deactivated_at IS NULL`,
      [id, officeId],
    )) as unknown[];
    return rows.length > 0;
  }
}
