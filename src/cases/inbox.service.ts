import { HttpStatus, Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { pageOf, toPage } from '../database/filter-page';
import type { InboxQueryDto, InboxResponseDto } from './case-api.dto';
import { CasesException } from './cases.exception';
import { TaskRepository } from './task.repository';

// What staff work from: my open tasks and the unassigned ones of my office for my role; for a supervisor or a
// head, also the whole office's open work (scope=office).
@Injectable()
export class InboxService {
  constructor(private readonly tasks: TaskRepository) {}

  async inbox(q: InboxQueryDto, user: CurrentUserInfo): Promise<InboxResponseDto> {
    const officeId = staffOffice(user);
    const page = pageOf(q);
    if (q.scope === 'office' && user.role !== 'SUPERVISOR' && user.role !== 'HEAD') {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', "the office's work is for supervisors and heads");
    }
    const rows =
      q.scope === 'office'
        ? await this.tasks.officeWork(officeId, page)
        : await this.tasks.inbox({ userId: user.userId, officeId, role: user.role }, page);
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
      assigneeName: r.assigneeName,
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
