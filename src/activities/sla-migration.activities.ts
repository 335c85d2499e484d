import type { SlaMigrationRepository } from '../sla-migrations/sla-migration.repository';
import type { CaseWorkflowClient } from '../temporal/case-workflow.client';

// The fan-out of an SLA migration (workflows/sla-migration.workflow.ts): the cases still to move, one case's
// Update, the end. Each case's outcome is written to sla_migration_cases, which is the migration's progress.
export function createSlaMigrationActivities(migrations: SlaMigrationRepository, client: () => CaseWorkflowClient) {
  return {
    async pendingSlaMigrationCases(args: { migrationId: string; limit: number }): Promise<string[]> {
      return migrations.pending(args.migrationId, args.limit);
    },

    // Sent again after a crash (a retried activity, a resumed fan-out), the Update's id makes Temporal answer
    // with the first outcome, and a case moved in an earlier run of its workflow answers ALREADY_MOVED.
    async migrateCaseSlaPolicy(args: { migrationId: string; caseId: string }): Promise<string> {
      const request = await migrations.request(args.migrationId);
      if (!request) throw new Error(`no SLA migration ${args.migrationId}`);
      const actor = { userId: request.createdBy, role: request.createdByRole };
      const outcome = await client().migrateSlaPolicy(
        args.caseId,
        { migrationId: args.migrationId, policy: request.policy, actor },
        `sla-migration-${args.migrationId}-${args.caseId}`,
      );
      // a workflow that has ended is a closed case; a refusal is final (the move is not retried)
      if (outcome.outcome === 'ENDED' || outcome.outcome === 'CLOSED') {
        await migrations.recordCase(args.migrationId, args.caseId, { status: 'CLOSED' });
        return 'CLOSED';
      }
      if (outcome.outcome === 'REFUSED') {
        await migrations.recordCase(args.migrationId, args.caseId, { status: 'FAILED', error: outcome.error });
        return 'FAILED';
      }
      await migrations.recordCase(args.migrationId, args.caseId, {
        status: 'MOVED',
        fromVersion: outcome.fromVersion,
        clocks: outcome.clocks,
      });
      return 'MOVED';
    },

    async finishSlaMigration(args: { migrationId: string }): Promise<void> {
      await migrations.finish(args.migrationId);
    },
  };
}

export type SlaMigrationActivities = ReturnType<typeof createSlaMigrationActivities>;
