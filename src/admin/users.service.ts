import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '../../workflows/definition';
import type { CurrentUserInfo } from '../auth/auth.types';
import { hashPassword } from '../auth/password';
import { UserRepository, type AccountRow } from '../auth/user.repository';
import { pageOf, toPage, type Paged } from '../database/filter-page';
import { OfficeRepository } from '../offices/office.repository';
import { normalisePhone } from '../notifications/notification-rules';
import { PartnerAgencyRepository } from '../partners/partner-agency.repository';
import { AdminException } from './admin.exception';
import {
  mapUser,
  type CreatedUserDto,
  type CreateUserDto,
  type PasswordResetDto,
  type UpdateUserDto,
  type UserDto,
  type UsersQueryDto,
} from './users.dto';

type Placement = { officeId: string | null; agencyId: string | null };

// Where a role belongs (the users table's CHECK says the same): staff to an office, a partner to an agency, an
// administrator to neither.
function belongsTo(role: Role): 'office' | 'agency' | 'none' {
  if (role === 'CASEWORKER' || role === 'SUPERVISOR' || role === 'HEAD') return 'office';
  return role === 'ADMIN' ? 'none' : 'agency';
}

// 18 random bytes: 24 characters of base64url, shown once and never stored but as a hash.
function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

// Accounts (admin). Passwords are hashed here and never answered; a generated one is answered once.
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly offices: OfficeRepository,
    private readonly agencies: PartnerAgencyRepository,
  ) {}

  async list(q: UsersQueryDto): Promise<Paged<UserDto>> {
    const page = pageOf(q);
    const rows = await this.users.list({
      ...page,
      officeId: q.officeId,
      agencyId: q.agencyId,
      role: q.role,
      active: q.active,
    });
    return toPage(rows, page, mapUser);
  }

  async create(dto: CreateUserDto): Promise<CreatedUserDto> {
    const placement = await this.placement(dto.role, dto.officeId ?? null, dto.agencyId ?? null);
    const password = dto.password ?? newPassword();
    const created = await this.users.create({
      id: randomUUID(),
      username: dto.username,
      displayName: dto.displayName,
      email: dto.email ?? null,
      phone: phoneOf(dto.phone) ?? null,
      role: dto.role,
      ...placement,
      passwordHash: await hashPassword(password),
    });
    if (!created) throw AdminException.field('USERNAME_TAKEN', 'username', `the username ${dto.username} is taken`);
    return { ...mapUser(created), ...(dto.password === undefined ? { initialPassword: password } : {}) };
  }

  async update(id: string, dto: UpdateUserDto, caller: CurrentUserInfo): Promise<UserDto> {
    const current = await this.account(id);
    const role = dto.role ?? current.role;
    if (id === caller.userId && role !== current.role)
      throw new AdminException('OWN_ACCOUNT', 'you may not change your own role: ask another administrator');
    // a role of another kind leaves its old office or agency behind unless the request names it again
    const same = belongsTo(role) === belongsTo(current.role);
    const placement = await this.placement(
      role,
      dto.officeId ?? (same ? current.officeId : null),
      dto.agencyId ?? (same ? current.agencyId : null),
    );
    const changed = await this.users.update(id, {
      displayName: dto.displayName,
      email: dto.email,
      phone: phoneOf(dto.phone),
      role: dto.role,
      ...placement,
    });
    return mapUser(changed ?? current);
  }

  async setActive(id: string, active: boolean, caller: CurrentUserInfo): Promise<UserDto> {
    if (!active && id === caller.userId)
      throw new AdminException('OWN_ACCOUNT', 'you may not deactivate your own account: ask another administrator');
    const changed = await this.users.setActive(id, active);
    if (!changed) throw notFound(id);
    return mapUser(changed);
  }

  async resetPassword(id: string): Promise<PasswordResetDto> {
    await this.account(id);
    const password = newPassword();
    await this.users.update(id, { passwordHash: await hashPassword(password) });
    return { password };
  }

  private async account(id: string): Promise<AccountRow> {
    const found = await this.users.account(id);
    if (!found) throw notFound(id);
    return found;
  }

  // The office or agency a role needs, existing; nothing it must not have.
  private async placement(role: Role, officeId: string | null, agencyId: string | null): Promise<Placement> {
    const kind = belongsTo(role);
    const refuse = (field: string, problem: string) => AdminException.field('INVALID_PLACEMENT', field, problem);
    if (kind !== 'office' && officeId) throw refuse('officeId', `a ${role} account belongs to no office`);
    if (kind !== 'agency' && agencyId) throw refuse('agencyId', `a ${role} account belongs to no partner agency`);
    if (kind === 'office') {
      if (!officeId) throw refuse('officeId', `a ${role} account needs the office it works in`);
      if (!(await this.offices.find(officeId))) throw refuse('officeId', `no office has the id ${officeId}`);
    }
    if (kind === 'agency') {
      if (!agencyId) throw refuse('agencyId', `a ${role} account needs its partner agency`);
      if (!(await this.agencies.find(agencyId))) throw refuse('agencyId', `no partner agency has the id ${agencyId}`);
    }
    return { officeId: kind === 'office' ? officeId : null, agencyId: kind === 'agency' ? agencyId : null };
  }
}

function notFound(id: string): AdminException {
  return new AdminException('USER_NOT_FOUND', `no user has the id ${id}`);
}

// a phone as stored (+62…): undefined leaves it, null or "" clears it (the DTO has checked it is a mobile number)
function phoneOf(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  return raw === null || raw.trim() === '' ? null : normalisePhone(raw);
}
