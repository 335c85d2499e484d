import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthConfig } from '../config/auth.config';
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
  // the key of fingerprint(), derived from the deployment's JWT secret for this one purpose
  private readonly queryKey: Buffer;

  constructor(
    private readonly entries: AuditRepository,
    config: ConfigService,
  ) {
    const secret = config.getOrThrow<AuthConfig>('auth').jwtSecret;
    this.queryKey = Buffer.from(hkdfSync('sha256', secret, 'rujukan-audit', 'search-query-fingerprint', 32));
  }

  // A keyed hash of what someone searched for, normalised as the search reads it (trimmed, lower case, spaces
  // folded): the same search gives the same fingerprint, and without the key it cannot be guessed back from a list
  // of names or NIKs.
  fingerprint(text: string): string {
    const normalised = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
    return `hmac-sha256:${createHmac('sha256', this.queryKey).update(normalised).digest('hex')}`;
  }

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
    const rows = await this.entries.list({
      ...page,
      officeId: user.role === 'ADMIN' ? undefined : user.officeId,
      caseId: q.caseId,
      userId: q.userId,
      action: q.action,
    });
    return toPage(rows, page, (r) => ({ ...r, at: r.at.toISOString() }));
  }
}
