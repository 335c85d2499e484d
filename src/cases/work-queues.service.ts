import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CurrentUserInfo } from '../auth/auth.types';
import type { EscalationListResponseDto, EscalationsQueryDto, InboxItemDto, InboxResponseDto, PageQueryDto } from './case-api.dto';
import { mapEscalation } from './case-actions.service';
import { escalationsSql, inboxSql } from './case-queries';
import { CasesException } from './cases.exception';

const DEFAULT_PAGE = 50;

// What staff work from: my open tasks (the inbox) and the office's escalations.
@Injectable()
export class WorkQueuesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inbox(q: PageQueryDto, user: CurrentUserInfo): Promise<InboxResponseDto> {
    const officeId = office(user);
    const limit = q.limit ?? DEFAULT_PAGE;
    const offset = q.offset ?? 0;
    const sql = inboxSql({ userId: user.userId, officeId, role: user.role }, limit, offset);
    const rows = (await this.dataSource.query(sql.text, sql.params)) as (Omit<InboxItemDto, 'dueAt' | 'overdue'> & { dueAt: Date | null })[];
    const now = Date.now();
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      caseId: r.caseId,
      caseNumber: r.caseNumber,
      riskTier: r.riskTier,
      kind: r.kind,
      title: r.title,
      step: r.step,
      assigneeId: r.assigneeId,
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
      overdue: r.dueAt !== null && r.dueAt.getTime() < now,
    }));
    return { items, limit, offset, hasMore: rows.length > limit };
  }

  async escalations(q: EscalationsQueryDto, user: CurrentUserInfo): Promise<EscalationListResponseDto> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const offset = q.offset ?? 0;
    const sql = escalationsSql({ officeId: office(user), status: q.status ?? 'OPEN', level: q.level, limit, offset });
    const rows = (await this.dataSource.query(sql.text, sql.params)) as Parameters<typeof mapEscalation>[0][];
    return { items: rows.slice(0, limit).map(mapEscalation), limit, offset, hasMore: rows.length > limit };
  }
}

function office(user: CurrentUserInfo): string {
  if (!user.officeId) throw new CasesException('OTHER_OFFICE', 'only staff of an office have an inbox');
  return user.officeId;
}
