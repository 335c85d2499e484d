import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  isGrpcDeadlineError,
  ScheduleAlreadyRunning,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { PartnersConfig } from '../config/partners.config';
import type { TemporalConfig } from '../config/temporal.config';
import { DIGEST_WORKFLOW_ID, DIGEST_WORKFLOW_TYPE } from '../../workflows/digest.workflow';
import type { NotificationWorkflowInput } from '../../workflows/notification.workflow';
import {
  STAFF_MESSAGE_WORKFLOW_TYPE,
  staffMessageWorkflowId,
  type StaffMessageWorkflowInput,
} from '../../workflows/staff-message.workflow';
import type { MessagingConfig } from '../config/messaging.config';
import {
  awaitRegistrationUpdate,
  caseSnapshotQuery,
  migrateSlaPolicyUpdate,
  performActionUpdate,
  personUpdatedUpdate,
  previewSlaPolicyQuery,
  referralAnswerUpdate,
  resolveEscalationUpdate,
  type ReferralAnswer,
} from '../../workflows/messages';
import {
  CASE_WORKFLOW_TYPE,
  NOTIFICATION_WORKFLOW_TYPE,
  caseWorkflowId,
  type CaseAction,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type EscalationResolution,
  type PersonUpdate,
  type ReferralRecord,
  referralWorkflowId,
  type SlaMigrationOutcome,
  type SlaMigrationPreview,
  type SlaMigrationRequest,
} from '../../workflows/types';
import type { SlaPolicy } from '../../workflows/definition';
import { SLA_MIGRATION_WORKFLOW_TYPE, slaMigrationWorkflowId } from '../../workflows/sla-migration.workflow';
import { SLA_SIMULATION_WORKFLOW_TYPE, slaSimulationWorkflowId } from '../../workflows/sla-simulation.workflow';
import { TEMPORAL_CLIENT } from './temporal.tokens';
import { EngineTimeout } from './engine-timeout';
import { wakePartnerDeliveries } from './partner-deliveries';

// How far a bounded call got: an Update the workflow has accepted is done whatever the client does next.
type Progress = { accepted: boolean };

@Injectable()
export class CaseWorkflowClient {
  private readonly taskQueue: string;
  private readonly messageTaskQueue: string;
  private readonly partners: PartnersConfig;
  private readonly messaging: MessagingConfig;
  private readonly callTimeoutMs: number;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    config: ConfigService,
  ) {
    ({
      taskQueue: this.taskQueue,
      messageTaskQueue: this.messageTaskQueue,
      callTimeoutMs: this.callTimeoutMs,
    } = config.getOrThrow<TemporalConfig>('temporal'));
    this.partners = config.getOrThrow<PartnersConfig>('partners');
    this.messaging = config.getOrThrow<MessagingConfig>('messaging');
  }

  // The Temporal Schedule that anonymises closed cases past retention (one per task queue), created by the worker
  // at start, or brought to the configured interval if it exists.
  retentionScheduleId(): string {
    return `rujukan-retention-${this.taskQueue}`;
  }

  async ensureRetentionSchedule(everyHours: number): Promise<void> {
    const scheduleId = this.retentionScheduleId();
    const spec = { intervals: [{ every: `${everyHours} hours` as const }] };
    try {
      await this.bounded(() =>
        this.client.schedule.create({
          scheduleId,
          spec,
          action: { type: 'startWorkflow', workflowType: 'retentionWorkflow', taskQueue: this.taskQueue, args: [] },
          policies: { overlap: 'SKIP' },
        }),
      );
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await this.bounded(() =>
        this.client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec })),
      );
    }
  }

  // Delivers a queued notification (a notification workflow per event id; `attempt` > 0 is a replay). Starting
  // the same one twice is a no-op, so a retried activity or a double click sends nothing twice.
  async startNotification(
    caseId: string,
    eventId: string,
    attempt = 0,
    kind: 'replay' | 'resend' = 'replay',
  ): Promise<void> {
    const input: NotificationWorkflowInput = {
      eventId,
      caseWorkflowId: caseWorkflowId(caseId),
      retry: {
        budgetMs: Math.round(this.partners.webhookRetryBudgetSeconds * 1000),
        firstRetryMs: Math.round(this.partners.webhookFirstRetrySeconds * 1000),
        maxIntervalMs: Math.round(this.partners.webhookMaxRetryIntervalSeconds * 1000),
        timeoutMs: this.partners.webhookTimeoutMs,
      },
    };
    try {
      await this.bounded(() =>
        this.client.workflow.start(NOTIFICATION_WORKFLOW_TYPE, {
          workflowId: attempt ? `notification-${eventId}-${kind}-${attempt}` : `notification-${eventId}`,
          taskQueue: this.taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  // Delivers notifications queued on their agencies' queues (issue 21): each agency's partner deliveries workflow
  // looks at its queue.
  async wakePartnerDeliveries(agencyIds: readonly string[]): Promise<void> {
    await Promise.all(
      agencyIds.map((agencyId) => this.bounded(() => wakePartnerDeliveries(this.client, this.taskQueue, agencyId))),
    );
  }

  // The morning digest's one workflow for this task queue (it wakes every hour and asks which offices are at 07:00),
  // started by the worker at start; a running one is kept.
  async ensureDigestWorkflow(): Promise<void> {
    await this.bounded(() =>
      this.client.workflow.start(DIGEST_WORKFLOW_TYPE, {
        workflowId: `${DIGEST_WORKFLOW_ID}-${this.taskQueue}`,
        taskQueue: this.taskQueue,
        args: [{}],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
  }

  // Sends a queued staff message (a workflow per message id; `round` > 0 is an administrator's resend). Starting the
  // same one twice is a no-op, so a retried activity queues and sends nothing twice.
  async startStaffMessage(messageId: string, round = 0): Promise<void> {
    const input: StaffMessageWorkflowInput = {
      messageId,
      retry: {
        budgetMs: Math.round(this.messaging.retryBudgetSeconds * 1000),
        firstRetryMs: Math.round(this.messaging.firstRetrySeconds * 1000),
        maxIntervalMs: Math.round(this.messaging.maxRetryIntervalSeconds * 1000),
      },
    };
    try {
      await this.bounded(() =>
        this.client.workflow.start(STAFF_MESSAGE_WORKFLOW_TYPE, {
          workflowId: staffMessageWorkflowId(messageId, round),
          taskQueue: this.messageTaskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  // Starts the case workflow and returns once its registration is in the read model (Update-with-Start).
  // The workflow id comes from the case id, and a second call with the same case id attaches to the running
  // workflow instead of starting another: that is what makes a retried POST /cases idempotent. Past the engine
  // deadline: EngineTimeout, accepted when the workflow is running and has the registration.
  async startCase(input: CaseWorkflowInput): Promise<CaseSnapshot> {
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.caseId),
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.bounded(async (progress) => {
      const update = await this.client.workflow.startUpdateWithStart(awaitRegistrationUpdate, {
        startWorkflowOperation,
        updateId: `register-${input.caseId}`,
        waitForStage: 'ACCEPTED',
      });
      progress.accepted = true;
      return update.result();
    });
  }

  // One action on a case. Resolves once the workflow has written its effects to the read model; rejects with
  // WorkflowUpdateFailedError when the workflow refuses it; EngineTimeout past the engine deadline. The same updateId
  // twice performs the action once, and the second call answers the first one's outcome.
  performAction(caseId: string, action: CaseAction, updateId: string): Promise<CaseSnapshot> {
    return this.onLatestRun(caseId, (handle, progress) =>
      this.update(handle, performActionUpdate, action, updateId, progress),
    );
  }

  resolveEscalation(caseId: string, resolution: EscalationResolution, updateId: string): Promise<CaseSnapshot> {
    return this.onLatestRun(caseId, (handle, progress) =>
      this.update(handle, resolveEscalationUpdate, resolution, updateId, progress),
    );
  }

  // A partner's answer to a referral (or the sender's revocation): an Update of the referral workflow, which
  // records it and tells the case.
  answerReferral(referralId: string, answer: ReferralAnswer, updateId: string): Promise<ReferralRecord> {
    return this.bounded((progress) =>
      this.update(
        this.client.workflow.getHandle(referralWorkflowId(referralId)),
        referralAnswerUpdate,
        answer,
        updateId,
        progress,
      ),
    );
  }

  // The timeline event of a change of the returnee's file; the update id is the first change's id, so a retry
  // records it once.
  personUpdated(caseId: string, update: PersonUpdate): Promise<CaseSnapshot> {
    return this.onLatestRun(caseId, (handle, progress) =>
      this.update(handle, personUpdatedUpdate, update, `person-${update.changeIds[0]}`, progress),
    );
  }

  // What moving the case to `policy` would do now, from the workflow's own state (nothing changes); null when the
  // case's workflow has ended (closed past its reopening year).
  async previewSlaPolicy(caseId: string, policy: SlaPolicy): Promise<SlaMigrationPreview | null> {
    try {
      return await this.onLatestRun(caseId, (handle) =>
        handle.query(previewSlaPolicyQuery, { policy, at: new Date().toISOString() }),
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  // One case of an SLA migration; the update id (migration and case) moves it once however often it is sent.
  // ENDED: the workflow has ended (the case closed past its reopening year); REFUSED: the workflow refused it.
  // Anything else (Temporal unreachable) is thrown, for the activity to retry.
  async migrateSlaPolicy(
    caseId: string,
    request: SlaMigrationRequest,
    updateId: string,
  ): Promise<SlaMigrationOutcome | { outcome: 'ENDED' } | { outcome: 'REFUSED'; error: string }> {
    try {
      return await this.onLatestRun(caseId, (handle) =>
        handle.executeUpdate(migrateSlaPolicyUpdate, { args: [request], updateId }),
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { outcome: 'ENDED' };
      if (err instanceof WorkflowUpdateFailedError)
        return { outcome: 'REFUSED', error: (err.cause as Error | undefined)?.message ?? err.message };
      throw err;
    }
  }

  // The fan-out of a migration: one workflow per migration id, so starting it again (an API restarted before it
  // knew the start went through) attaches to the one running, or to none once it has finished.
  async startSlaMigration(migrationId: string): Promise<void> {
    try {
      await this.client.workflow.start(SLA_MIGRATION_WORKFLOW_TYPE, {
        workflowId: slaMigrationWorkflowId(migrationId),
        taskQueue: this.taskQueue,
        args: [{ migrationId }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  // a what-if run of a draft SLA policy; started twice (the API restarted between its row and this), once
  async startSlaSimulation(simulationId: string): Promise<void> {
    try {
      await this.client.workflow.start(SLA_SIMULATION_WORKFLOW_TYPE, {
        workflowId: slaSimulationWorkflowId(simulationId),
        taskQueue: this.taskQueue,
        args: [{ simulationId }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  // a what-if run cancelled: its workflow cancels its activity, which ends the run's process; one already over, no-op
  async cancelSlaSimulation(simulationId: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(slaSimulationWorkflowId(simulationId)).cancel();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  snapshot(caseId: string): Promise<CaseSnapshot> {
    return this.onLatestRun(caseId, (handle) => handle.query(caseSnapshotQuery));
  }

  // Every call to the engine, bounded by TEMPORAL_CALL_TIMEOUT_MS (one gRPC deadline over all the RPCs it makes):
  // past it, EngineTimeout (503 ENGINE_TIMEOUT). Unbounded, the SDK polls an accepted Update's outcome for ever.
  private async bounded<T>(call: (progress: Progress) => Promise<T>): Promise<T> {
    const progress: Progress = { accepted: false };
    try {
      return await this.client.withDeadline(Date.now() + this.callTimeoutMs, () => call(progress));
    } catch (err) {
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) {
        throw new EngineTimeout(progress.accepted, this.callTimeoutMs, err);
      }
      throw err;
    }
  }

  // An Update in two steps, so that a timeout can tell whether the workflow had accepted it: first until accepted
  // (or already done: the same updateId again attaches to the first one), then its outcome.
  private async update<A, R>(
    handle: WorkflowHandle,
    def: UpdateDefinition<R, [A]>,
    arg: A,
    updateId: string,
    progress: Progress,
  ): Promise<R> {
    const update = await handle.startUpdate(def, { args: [arg], updateId, waitForStage: 'ACCEPTED' });
    progress.accepted = true;
    return update.result();
  }

  // The handle names no run, so each call goes to the newest run of the case. An Update that lands in the instant
  // a run continues as new finds no running workflow: it is sent again, once, to the run that took over.
  private onLatestRun<T>(caseId: string, call: (handle: WorkflowHandle, progress: Progress) => Promise<T>): Promise<T> {
    return this.bounded(async (progress) => {
      const handle = this.client.workflow.getHandle(caseWorkflowId(caseId));
      try {
        return await call(handle, progress);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        const { status } = await handle.describe();
        if (status.name !== 'CONTINUED_AS_NEW' && status.name !== 'RUNNING') throw err;
        await sleep(200);
        return call(this.client.workflow.getHandle(caseWorkflowId(caseId)), progress);
      }
    });
  }
}
