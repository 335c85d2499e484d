// The what-if's one difference from a case in an office (issue 20): on a simulation's task queue, every activity a
// workflow of this bundle calls runs as a local activity, inside the workflow task that asked for it, rather than as
// an activity task of its own. The simulation's activities only note events in memory; as a local activity each
// costs the time-skipping server no task and no round trip, so an action or a deadline of a simulated case is one
// workflow task instead of three. The workflow code and its decisions are the same; outside a simulation's task
// queue (that is, everywhere a real case runs) nothing changes.
// Bundled with the workflows by bundleWorkflows() (src/temporal/workflow-bundle.ts), so the what-if runs the very bundle
// the worker runs.
import {
  proxyLocalActivities,
  workflowInfo,
  type ActivityInput,
  type Next,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { SIMULATION_TASK_QUEUE_PREFIX } from './types';

class SimulationActivities implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    if (!workflowInfo().taskQueue.startsWith(SIMULATION_TASK_QUEUE_PREFIX)) return next(input);
    const { startToCloseTimeout, scheduleToCloseTimeout, retry } = input.options;
    const local = proxyLocalActivities({ startToCloseTimeout, scheduleToCloseTimeout, retry });
    return local[input.activityType]!(...input.args);
  }
}

export const interceptors = (): WorkflowInterceptors => ({ outbound: [new SimulationActivities()] });
