import { Context } from '@temporalio/activity';
import type { SlaSimulationRepository } from '../simulations/sla-simulation.repository';
import type { WorkflowSource } from '../simulations/engine';
import type { SlaSimulationRunner } from '../simulations/sla-simulation.runner';

// The what-if of a draft SLA policy (workflows/sla-simulation.workflow.ts): one activity runs it whole on a
// time-skipping server of its own, beating its heart while it does; a run that fails for good is marked FAILED.
export function createSlaSimulationActivities(
  runner: SlaSimulationRunner,
  simulations: SlaSimulationRepository,
  workflows: WorkflowSource,
) {
  return {
    async runSlaSimulation(args: { simulationId: string }): Promise<void> {
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), 5000);
      try {
        await runner.run(args.simulationId, workflows);
      } finally {
        clearInterval(beat);
      }
    },
    async failSlaSimulation(args: { simulationId: string; error: string }): Promise<void> {
      await simulations.failed(args.simulationId, args.error);
    },
  };
}

export type SlaSimulationActivities = ReturnType<typeof createSlaSimulationActivities>;
