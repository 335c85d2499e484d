import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { TemporalConfig } from '../config/temporal.config';
import { awaitRegistrationUpdate } from '../../workflows/messages';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type CaseSnapshot, type CaseWorkflowInput } from '../../workflows/types';
import { TEMPORAL_CLIENT } from './temporal.tokens';

@Injectable()
export class CaseWorkflowClient {
  private readonly taskQueue: string;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    config: ConfigService,
  ) {
    this.taskQueue = config.getOrThrow<TemporalConfig>('temporal').taskQueue;
  }

  // Starts the case workflow and returns once its registration is in the read model (Update-with-Start).
  // The workflow id comes from the case id, and a second call with the same case id attaches to the running
  // workflow instead of starting another: that is what makes a retried POST /cases idempotent.
  async startCase(input: CaseWorkflowInput): Promise<CaseSnapshot> {
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.caseId),
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.client.workflow.executeUpdateWithStart(awaitRegistrationUpdate, {
      startWorkflowOperation,
      updateId: `register-${input.caseId}`,
    });
  }
}
