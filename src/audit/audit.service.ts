import { Injectable } from '@nestjs/common';
import type { Audited } from '../auth/access-matrix';
import type { CurrentUserInfo } from '../auth/auth.types';
import { pageOf, toPage, type Paged } from '../database/filter-page';
import type { AuditEntryDto, AuditQueryDto } from './audit.dto';
import { AuditRepository } from './audit.repository';

export type AuditRecord = {
  user: CurrentUserInfo | undefined;
  audited: Audited;
  method: string;
  route: string;
  status: number;
  targetId: string | null;
  caseId: string | null;
  requestId: string | undefined;
  ip: string | undefined;
  userAgent: string | undefined;
};

@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  async record(r: AuditRecord): Promise<void> {
    await this.entries.insert({
      userId: r.user?.userId ?? null,
      username: r.user?.username ?? null,
      role: r.user?.role ?? null,
      action: r.audited.action,
      method: r.method,
      route: r.route,
      status: r.status,
      caseId: r.caseId,
      target: r.audited.target,
      targetId: r.targetId,
      requestId: r.requestId ?? null,
      ip: r.ip ?? null,
      userAgent: r.userAgent?.slice(0, 200) ?? null,
    });
  }

  async list(q: AuditQueryDto, user: CurrentUserInfo): Promise<Paged<AuditEntryDto>> {
    const page = pageOf(q);
    // a supervisor or head sees the entries of their office's cases; an admin sees all
    const rows = await this.entries.list({ ...page, officeId: user.role === 'ADMIN' ? undefined : user.officeId, caseId: q.caseId, userId: q.userId, action: q.action });
    return toPage(rows, page, (r) => ({ ...r, at: r.at.toISOString() }));
  }
}
