// A what-if run of a draft SLA policy (issue 20): one long activity on the worker runs it whole (the engine drives
// its own time-skipping server); tried twice, then marked FAILED with the reason. Its own workflow, so that a run
// asked for while the worker is away starts when it is back, and a run cancelled ends its activity.
import { ActivityCancellationType, ApplicationFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { SlaSimulationActivities } from '../src/activities/sla-simulation.activities';

const run = proxyActivities<SlaSimulationActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumAttempts: 2 },
  // cancelled, the workflow waits for the activity to have ended the run's process
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
const record = proxyActivities<SlaSimulationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const SLA_SIMULATION_WORKFLOW_TYPE = 'slaSimulationWorkflow';

export function slaSimulationWorkflowId(simulationId: string): string {
  return `sla-simulation-${simulationId}`;
}

export async function slaSimulationWorkflow(input: { simulationId: string }): Promise<void> {
  try {
    await run.runSlaSimulation(input);
  } catch (err) {
    // cancelled from the API, which marked the run CANCELLED before it cancelled this workflow
    if (isCancellation(err)) return;
    const cause = (err as { cause?: unknown }).cause;
    const message = cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(err);
    await record.failSlaSimulation({ simulationId: input.simulationId, error: message });
  }
}
