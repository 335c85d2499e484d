import { Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { UserRepository } from '../auth/user.repository';
import { staffOffice } from '../cases/inbox.service';
import type { StaffListDto, StaffQueryDto } from './staff.dto';

// Who works in the caller's office, for a supervisor handing work to a named caseworker.
@Injectable()
export class StaffService {
  constructor(private readonly users: UserRepository) {}

  async list(q: StaffQueryDto, user: CurrentUserInfo): Promise<StaffListDto> {
    const rows = await this.users.officeStaff(staffOffice(user), {
      role: q.role,
      includeInactive: q.includeInactive ?? false,
    });
    return { items: rows };
  }
}
