import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StepId } from '../../workflows/definition';
import type { CaseWorkflowInput } from '../../workflows/types';
import { CaseEntity } from './case.entity';
import { appendCaseEvents } from './case-timeline';

export class CaseRecordsError extends Error {
  constructor(
    readonly code: 'OFFICE_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

// Writes of the case read model, called by activities. Every method is idempotent, keyed by case id and the
// event seq the workflow owns, so an activity retry never writes twice.
@Injectable()
export class CaseRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async registerCase(args: { input: CaseWorkflowInput; seq: number; dueAt: string; workflowId: string }): Promise<string> {
    const { input, seq, dueAt, workflowId } = args;
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step,
                            risk_tier, due_at, sla_state, escalation_level, arrival_point, arrived_at, from_country,
                            policy_version, last_event_seq, created_at, updated_at)
         SELECT $1, o.code || '-' || to_char($10::timestamptz AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '-' ||
                    lpad(nextval('case_number_seq')::text, 6, '0'),
                $2, $3, $4, $5, 'OPEN', 'REGISTRATION', NULL, $6, 'ON_TIME', 0, $7, $8, $9, $11, $12, $10, $10
           FROM offices o WHERE o.id = $3
         ON CONFLICT (id) DO NOTHING`,
        [
          input.caseId,
          workflowId,
          input.officeId,
          input.personId,
          input.category,
          dueAt,
          input.arrival.point,
          input.arrival.arrivedAt,
          input.arrival.fromCountry,
          input.registeredAt,
          input.policyVersion,
          seq,
        ],
      );
      const exists = await m.exists(CaseEntity, { where: { id: input.caseId } });
      if (!exists) throw new CaseRecordsError('OFFICE_NOT_FOUND', `office ${input.officeId} does not exist`);
      await appendCaseEvents(m, input.caseId, [
        {
          caseId: input.caseId,
          seq,
          type: 'case.registered',
          actor: input.registeredBy,
          step: 'REGISTRATION',
          occurredAt: input.registeredAt,
          data: { category: input.category, officeId: input.officeId, dueAt, policyVersion: input.policyVersion },
        },
      ]);
      const row = await m.findOneOrFail(CaseEntity, { where: { id: input.caseId }, select: { caseNumber: true } });
      return row.caseNumber;
    });
  }

  async recordStepOverdue(args: { caseId: string; seq: number; step: StepId; dueAt: string }): Promise<void> {
    const { caseId, seq, step, dueAt } = args;
    await this.dataSource.transaction(async (m) => {
      await appendCaseEvents(m, caseId, [
        {
          caseId,
          seq,
          type: 'step.overdue',
          actor: { userId: null, role: 'SYSTEM' },
          step,
          occurredAt: dueAt,
          data: { dueAt, escalationLevel: 1 },
        },
      ]);
      await m.query(
        `UPDATE cases SET sla_state = 'OVERDUE', escalation_level = GREATEST(escalation_level, 1),
                          last_event_seq = $2, updated_at = now()
          WHERE id = $1 AND last_event_seq < $2`,
        [caseId, seq],
      );
    });
  }
}
