import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseCategory, ClosureReasonCode, RiskTier, StepId } from '../../workflows/definition';
import type { CaseStatus } from '../../workflows/types';
import { PersonEntity } from './person.entity';

export type SlaState = 'ON_TIME' | 'AT_RISK' | 'OVERDUE';

// The read model of a case. The workflow is the truth; activities keep this row in step with it.
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_number', type: 'text', unique: true })
  caseNumber!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ name: 'office_id', type: 'uuid' })
  officeId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'text' })
  category!: CaseCategory;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ name: 'current_step', type: 'text' })
  currentStep!: StepId;

  @Column({ name: 'risk_tier', type: 'text', nullable: true })
  riskTier!: RiskTier | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'sla_state', type: 'text' })
  slaState!: SlaState;

  @Column({ name: 'escalation_level', type: 'smallint' })
  escalationLevel!: 0 | 1 | 2;

  @Column({ name: 'arrival_point', type: 'text' })
  arrivalPoint!: string;

  @Column({ name: 'arrived_at', type: 'timestamptz' })
  arrivedAt!: Date;

  @Column({ name: 'from_country', type: 'char', length: 2 })
  fromCountry!: string;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion!: string;

  // The actions each staff role may take now, as the workflow last computed them.
  @Column({ name: 'allowed_actions', type: 'jsonb' })
  allowedActions!: Partial<Record<string, string[]>>;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  // the office the case is being handed to, until it decides
  @Column({ name: 'transfer_to_office_id', type: 'uuid', nullable: true })
  transferToOfficeId!: string | null;

  @Column({ name: 'transfer_requested_at', type: 'timestamptz', nullable: true })
  transferRequestedAt!: Date | null;

  @Column({ name: 'closure_reason_code', type: 'text', nullable: true })
  closureReasonCode!: ClosureReasonCode | null;

  @Column({ name: 'duplicate_of_case_id', type: 'uuid', nullable: true })
  duplicateOfCaseId!: string | null;

  // The highest case_events.seq projected into this row, so an out-of-order retry never rolls it back.
  @Column({ name: 'last_event_seq', type: 'integer' })
  lastEventSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
