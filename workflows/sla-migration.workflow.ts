// The fan-out of an SLA migration (issue 20): one migrateSlaPolicy Update per case of its set, a few at a time,
// until none is PENDING. Its own workflow, so a migration interrupted by an API restart or a worker kill goes on
// where it was: the set and each case's outcome are in PostgreSQL, a retried Update moves a case once.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SlaMigrationActivities } from '../src/activities/sla-migration.activities';

const acts = proxyActivities<SlaMigrationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const SLA_MIGRATION_WORKFLOW_TYPE = 'slaMigrationWorkflow';
// cases moved at once: the Updates wait for each case's read-model write, and the worker has other work
const AT_ONCE = 8;

export function slaMigrationWorkflowId(migrationId: string): string {
  return `sla-migration-${migrationId}`;
}

export async function slaMigrationWorkflow(input: { migrationId: string }): Promise<void> {
  for (;;) {
    const batch = await acts.pendingSlaMigrationCases({ migrationId: input.migrationId, limit: AT_ONCE });
    if (batch.length === 0) break;
    await Promise.all(batch.map((caseId) => acts.migrateCaseSlaPolicy({ migrationId: input.migrationId, caseId })));
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof slaMigrationWorkflow>(input);
  }
  await acts.finishSlaMigration({ migrationId: input.migrationId });
}
