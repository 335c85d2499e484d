import type { Client } from '@temporalio/client';
import { deliveriesQueuedSignal } from '../../workflows/messages';
import {
  PARTNER_DELIVERIES_WORKFLOW_TYPE,
  partnerDeliveriesWorkflowId,
  type PartnerDeliveriesInput,
} from '../../workflows/partner-deliveries.workflow';

// Wakes the queue of an agency after deliveries were queued for it (committed rows): its partner deliveries workflow
// is signalled, or started when it is not running. Waking it twice costs a look at the queue, and sends nothing
// twice. Shared by the worker and the notification bench.
export async function wakePartnerDeliveries(client: Client, taskQueue: string, agencyId: string): Promise<void> {
  await client.workflow.signalWithStart(PARTNER_DELIVERIES_WORKFLOW_TYPE, {
    workflowId: partnerDeliveriesWorkflowId(taskQueue, agencyId),
    taskQueue,
    args: [{ agencyId } satisfies PartnerDeliveriesInput],
    signal: deliveriesQueuedSignal,
    signalArgs: [],
  });
}
