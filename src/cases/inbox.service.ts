import { Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { pageOf, toPage } from '../database/filter-page';
import type { InboxResponseDto, PageQueryDto } from './case-api.dto';
import { CasesException } from './cases.exception';
import { TaskRepository } from './task.repository';

// What staff work from: my open tasks and the unassigned ones of my office for my role.
@Injectable()
export class InboxService {
  constructor(private readonly tasks: TaskRepository) {}

  async inbox(q: PageQueryDto, user: CurrentUserInfo): Promise<InboxResponseDto> {
    const officeId = staffOffice(user);
    const page = pageOf(q);
    const rows = await this.tasks.inbox({ userId: user.userId, officeId, role: user.role }, page);
    const now = Date.now();
    return toPage(rows, page, (r) => ({
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
  }
}

// The office whose queues the caller works from: only staff of an office have them.
export function staffOffice(user: CurrentUserInfo): string {
  if (!user.officeId) throw new CasesException('OTHER_OFFICE', 'only staff of an office have an inbox');
  return user.officeId;
}
