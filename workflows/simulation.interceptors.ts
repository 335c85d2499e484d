// The what-if's one difference from a case in an office (issue 20): on a simulation's task queue, no activity a
// workflow of this bundle calls is scheduled at all. The simulation's activities only note what the case wrote, so
// here the call is handed out of the workflow through a sink (simulation.activity, which the what-if's worker
// registers: src/simulations/engine.ts) and answered at once with what the simulation's activity answers. It costs
// no activity task, no local activity and no second activation, so an action or a deadline of a simulated case is
// one workflow task, and the history holds no marker for it. The workflow code and its decisions are the same;
// outside a simulation's task queue (that is, everywhere a real case runs) nothing changes.
// A sink is called once per workflow task that made the call, never on replay; a workflow task tried again (lost, or
// timed out) would call it again, so each call carries its number within the workflow, and the what-if keeps a call
// once.
// Bundled with the workflows by bundleWorkflows() (src/temporal/workflow-bundle.ts), so the what-if runs the very bundle
// the worker runs.
import {
  ApplicationFailure,
  proxySinks,
  workflowInfo,
  type ActivityInput,
  type Next,
  type Sinks,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { CaseActivities } from '../src/activities/case.activities';
import { SIMULATION_TASK_QUEUE_PREFIX } from './types';

export type SimulationSinks = Sinks & {
  simulation: {
    // the `seq`-th activity call of this workflow (from 1): its type and its one argument
    activity(seq: number, activityType: string, arg: unknown): void;
  };
};

// what each of the case's activities answers in a what-if (the case number is never shown there)
export const SIMULATED_ANSWERS: { [K in keyof CaseActivities]: Awaited<ReturnType<CaseActivities[K]>> } = {
  applyCaseEffects: { caseNumber: 'SIM' },
  recordReferral: undefined,
  resendReferralNotice: undefined,
  queueNotifications: undefined,
};

const { simulation } = proxySinks<SimulationSinks>();

class SimulationActivities implements WorkflowOutboundCallsInterceptor {
  private calls = 0;

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    if (!workflowInfo().taskQueue.startsWith(SIMULATION_TASK_QUEUE_PREFIX)) return next(input);
    if (!Object.prototype.hasOwnProperty.call(SIMULATED_ANSWERS, input.activityType)) {
      return Promise.reject(
        ApplicationFailure.nonRetryable(`a what-if has no activity ${input.activityType}`, 'SIMULATION_NO_ACTIVITY'),
      );
    }
    this.calls += 1;
    simulation.activity(this.calls, input.activityType, input.args[0]);
    return Promise.resolve(SIMULATED_ANSWERS[input.activityType as keyof CaseActivities]);
  }
}

export const interceptors = (): WorkflowInterceptors => ({ outbound: [new SimulationActivities()] });
