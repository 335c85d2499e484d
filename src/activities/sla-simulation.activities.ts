import { Context } from '@temporalio/activity';
import type { SlaSimulationRepository } from '../simulations/sla-simulation.repository';
import type { SlaSimulationRunner } from '../simulations/sla-simulation.runner';

// The what-if of a draft SLA policy (workflows/sla-simulation.workflow.ts): one activity runs it whole, in a process
// of its own (what-if-process.ts) on a time-skipping server of its own, beating its heart while it does; cancelled
// (the run's workflow cancelled), it ends that process at once. A run that fails for good is marked FAILED.
export function createSlaSimulationActivities(
  runner: SlaSimulationRunner,
  simulations: SlaSimulationRepository,
  bundlePath: () => string,
) {
  return {
    async runSlaSimulation(args: { simulationId: string }): Promise<void> {
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), 5000);
      try {
        await runner.run(args.simulationId, bundlePath(), context.cancellationSignal);
      } catch (err) {
        // cancelled: the SDK's own reason, so that the activity is reported cancelled rather than failed
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
        throw err;
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
