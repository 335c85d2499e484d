import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createCaseActivities } from './activities/case.activities';
import { createNotificationActivities } from './activities/notification.activities';
import { createRetentionActivities } from './activities/retention.activities';
import { createDigestActivities } from './activities/digest.activities';
import { createStaffMessageActivities } from './activities/staff-message.activities';
import { createSlaMigrationActivities } from './activities/sla-migration.activities';
import { createSlaSimulationActivities } from './activities/sla-simulation.activities';
import { SlaSimulationRepository } from './simulations/sla-simulation.repository';
import { SlaSimulationRunner } from './simulations/sla-simulation.runner';
import { SlaMigrationRepository } from './sla-migrations/sla-migration.repository';
import { DigestRepository } from './notifications/digest.repository';
import { readMessagingConfig } from './config/messaging.config';
import { StaffMessagesService } from './notifications/staff-messages.service';
import { readRetentionConfig } from './config/retention.config';
import { RetentionService } from './retention/retention.service';
import { NotificationDeliveryService } from './partners/notification-delivery.service';
import { CaseWorkflowClient } from './temporal/case-workflow.client';
import { readPartnersConfig } from './config/partners.config';
import { readPayloadKeys } from './config/payload-keys.config';
import { EncryptionCodec } from './temporal/payload-codec';
import { CaseRecordsService } from './cases/case-records.service';
import { checkPostgres, checkTemporal, createLogger, runMain } from './common/boot';
import { bundleFile, bundleWorkflows } from './temporal/workflow-bundle';
import { readAppConfig } from './config/app.config';
import { readDatabaseConfig } from './config/database.config';
import { readTemporalConfig, readWorkerTuning } from './config/temporal.config';
import { WorkerModule } from './worker.module';

// Where the worker finds its workflows: a prebuilt bundle when WORKFLOW_BUNDLE_PATH names one (tests and
// production images build it once), otherwise the workflows/ folder, bundled here once for both task queues.
async function workflowSource(): Promise<{ workflowBundle: { codePath: string } | { code: string } }> {
  const bundle = process.env.WORKFLOW_BUNDLE_PATH?.trim();
  if (bundle) return { workflowBundle: { codePath: bundle } };
  return { workflowBundle: { code: await bundleWorkflows(require.resolve('../workflows')) } };
}

async function main(): Promise<void> {
  readAppConfig();
  readDatabaseConfig();
  readPartnersConfig();
  const messaging = readMessagingConfig();
  const retention = readRetentionConfig();
  const payloadKeys = readPayloadKeys();
  const temporal = readTemporalConfig();
  const tuning = readWorkerTuning();
  await Promise.all([checkPostgres(), checkTemporal()]);

  // We handle the signals ourselves (below), so the SDK must not also react to them.
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger((process.env.TEMPORAL_SDK_LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN'),
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: createLogger(), abortOnError: false });
  const logger = new Logger('Worker');
  const connection = await NativeConnection.connect({ address: temporal.address });
  const workflows = await workflowSource();
  const worker = await Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    // the same codec as the API's client: payloads are encrypted on the way to the server and back
    dataConverter: { payloadCodecs: [new EncryptionCodec(payloadKeys)] },
    activities: {
      ...createCaseActivities(
        app.get(CaseRecordsService),
        async (caseId, eventIds, resend) => {
          const client = app.get(CaseWorkflowClient);
          // a re-sending is a workflow of its own per event; a delivery just queued waits on its agency's queue
          if (resend) {
            await Promise.all(eventIds.map((eventId) => client.startNotification(caseId, eventId, resend, 'resend')));
            return;
          }
          const { agencies, ownWorkflow } = await app.get(NotificationDeliveryService).pendingOf(eventIds);
          await Promise.all([
            client.wakePartnerDeliveries(agencies),
            ...ownWorkflow.map((eventId) => client.startNotification(caseId, eventId)),
          ]);
        },
        async (messageIds) => {
          const client = app.get(CaseWorkflowClient);
          await Promise.all(messageIds.map((id) => client.startStaffMessage(id)));
        },
      ),
      ...createDigestActivities({
        digests: new DigestRepository(app.get(DataSource)),
        queue: async (officeId, userId, date, data) => {
          const ids = await app.get(StaffMessagesService).queueDigest(officeId, userId, date, data);
          const client = app.get(CaseWorkflowClient);
          await Promise.all(ids.map((id) => client.startStaffMessage(id)));
        },
      }),
      ...createNotificationActivities(app.get(NotificationDeliveryService)),
      ...createRetentionActivities(app.get(RetentionService)),
      ...createSlaMigrationActivities(app.get(SlaMigrationRepository), () => app.get(CaseWorkflowClient)),
      // the what-if runs the very workflows this worker runs, on a time-skipping server of its own
      ...createSlaSimulationActivities(app.get(SlaSimulationRunner), app.get(SlaSimulationRepository), () =>
        bundleFile(workflows.workflowBundle),
      ),
    },
    ...workflows,
    ...Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined)),
  });
  // the staff messages' own queue: the same workflows, the sending activities (see TemporalConfig.messageTaskQueue)
  const messageWorker = await Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.messageTaskQueue,
    dataConverter: { payloadCodecs: [new EncryptionCodec(payloadKeys)] },
    activities: createStaffMessageActivities(app.get(StaffMessagesService)),
    ...workflows,
    // a message's workflow lives for one send: a small cache is enough, and leaves the memory to the cases
    maxCachedWorkflows: 200,
  });
  const workers = [worker, messageWorker];

  // SIGINT/SIGTERM: stop polling, let running tasks finish, then close Postgres and the connection.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'stopping', signal });
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));

  await app.get(CaseWorkflowClient).ensureRetentionSchedule(retention.checkEveryHours);
  if (messaging.digest) await app.get(CaseWorkflowClient).ensureDigestWorkflow();
  logger.log({
    msg: messaging.email ? 'email on' : 'email off: set SMTP_URL (smtp://host:port) to send email',
    ...(messaging.email ? { smtp: new URL(messaging.email.url).host } : {}),
  });
  logger.log({
    msg: 'polling',
    taskQueue: temporal.taskQueue,
    messageTaskQueue: temporal.messageTaskQueue,
    namespace: temporal.namespace,
  });
  try {
    // one failing stops both (a failed worker must not leave the other polling on its own), and both have
    // drained before the connection closes
    const ran = await Promise.allSettled(
      workers.map((w) =>
        w.run().catch((err: unknown) => {
          stop('worker failed');
          throw err;
        }),
      ),
    );
    const failed = ran.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await connection.close();
    await app.close();
  }
  logger.log({ msg: 'stopped' });
}

if (require.main === module) runMain('worker', main);
