import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { Transactions } from '../database/transactions';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import { sendCaseUpdate } from '../temporal/update-errors';
import { CaseRepository, type NewPerson } from './case.repository';
import { toPersonColumns, type UpdatePersonDto, type UpdatePersonResponseDto } from './cases.dto';
import { CasesService } from './cases.service';
import { PersonChangeRepository, type PersonChange } from './person-change.repository';
import { childAt } from './person-rules';

// Fields a person's file cannot be without: they may be changed, never emptied.
const REQUIRED = ['fullName', 'sex', 'dateOfBirth', 'homeRegion'] as const;

// The name of a column's field as the API spells it.
type PersonColumns = Omit<NewPerson, 'id'>;
const API_FIELD: Partial<Record<keyof PersonColumns, string>> = {
  homeProvince: 'homeRegion.province',
  homeRegency: 'homeRegion.regency',
};

// Changes of a returnee's file by staff of the case's office. The old and new value of each changed field go to
// person_changes in PostgreSQL; the case workflow records a person.updated event naming the fields and change ids
// (never the values) in the timeline, and hears whether the returnee is now a child by the date of birth.
@Injectable()
export class PersonFileService {
  private readonly logger = new Logger(PersonFileService.name);

  constructor(
    private readonly cases: CasesService,
    private readonly persons: CaseRepository,
    private readonly changes: PersonChangeRepository,
    private readonly transactions: Transactions,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async update(caseId: string, dto: UpdatePersonDto, user: CurrentUserInfo): Promise<UpdatePersonResponseDto> {
    const found = await this.cases.findScoped(caseId, user, { person: false });
    const emptied = REQUIRED.filter((f) => dto[f] === null);
    if (emptied.length > 0) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        `${emptied[0]}: may be changed but not emptied`,
        emptied.map((field) => ({ field, problems: [`${field} may be changed but not emptied`] })),
      );
    }
    const next = toPersonColumns(dto);
    if (Object.keys(next).length === 0) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        'send at least one field of the person to change',
        [],
      );
    }

    // The row stays locked until the timeline has the event: two changes of one file are recorded in order, and a
    // change the workflow did not take (the engine down) is rolled back rather than left out of the timeline.
    const written = await this.transactions.run(async (m) => {
      const before = await this.persons.lockPerson(m, caseId);
      if (!before) throw new Error(`case ${caseId} has no person`);
      const changed = (Object.entries(next) as [keyof PersonColumns, unknown][]).filter(
        ([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value),
      );
      if (changed.length === 0) return [];
      const rows: PersonChange[] = changed.map(([key, value]) => ({
        id: randomUUID(),
        personId: before.id,
        caseId,
        field: API_FIELD[key] ?? key,
        oldValue: before[key],
        newValue: value,
        changedBy: user.userId,
        changedRole: user.role,
      }));
      await this.persons.updatePerson(m, before.id, Object.fromEntries(changed));
      await this.changes.insert(m, rows);
      const dateOfBirth = rows.some((r) => r.field === 'dateOfBirth') ? next.dateOfBirth : undefined;
      await sendCaseUpdate(this.logger, caseId, () =>
        this.workflows.personUpdated(caseId, {
          changeIds: rows.map((r) => r.id),
          fields: rows.map((r) => r.field),
          actor: { userId: user.userId, role: user.role },
          ...(dateOfBirth ? { childByBirth: childAt(dateOfBirth, found.arrivedAt) } : {}),
        }),
      );
      return rows;
    });
    return { changes: written.map((r) => ({ id: r.id, field: r.field })), case: await this.cases.get(caseId, user) };
  }
}
