// The entry the worker bundles: every workflow type the task queue serves.
export { caseWorkflow } from './case.workflow';
export { referralWorkflow } from './referral.workflow';
export { notificationWorkflow } from './notification.workflow';
export { partnerDeliveriesWorkflow } from './partner-deliveries.workflow';
export { retentionWorkflow } from './retention.workflow';
export { staffMessageWorkflow } from './staff-message.workflow';
export { digestWorkflow } from './digest.workflow';
export { slaMigrationWorkflow } from './sla-migration.workflow';
export { slaSimulationWorkflow } from './sla-simulation.workflow';
