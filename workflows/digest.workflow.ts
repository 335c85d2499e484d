// The daily digest of the whole deployment: one workflow (id staff-digest) that wakes at every full hour of workflow
// time and asks the activity which offices are at 07:00 local then. The hour, not a schedule per zone: an office
// added or moved to another zone is picked up at its next 07:00 with nothing restarted, and the zones stay data.
import { ActivityFailure, continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { DigestActivities } from '../src/activities/digest.activities';
import { fullHourOf, HOUR_MS, nextFullHour } from './definition/office-clock';

export const DIGEST_WORKFLOW_TYPE = 'digestWorkflow';
export const DIGEST_WORKFLOW_ID = 'staff-digest';

// Hours a run covers before it continues as new: a day of timers and activities keeps the history near 200 events.
export const DIGEST_HOURS_PER_RUN = 24;

// A worker away for longer than this: the hours missed are not sent late (a 07:00 digest at noon says nothing new),
// the current hour still is.
const STALE_AFTER_MS = 2 * HOUR_MS;

export type DigestWorkflowInput = {
  // the next hour to queue, carried across continueAsNew so that no hour is skipped or done twice; absent at the
  // first start: the next full hour
  nextAt?: string;
  // a bounded run of so many hours from nextAt, past hours included, that then ends: the mornings of an outage
  // sent after it by an operator (the keys keep anyone from getting a digest twice), and the tests
  hours?: number;
};

const { queueDigests } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5 minutes',
  // PostgreSQL down: keep trying within the hour; the queue is keyed by office, date and person, so a retry after
  // a partial run adds only what is missing
  scheduleToCloseTimeout: '50 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

export async function digestWorkflow(input: DigestWorkflowInput = {}): Promise<void> {
  let next = input.nextAt ? Date.parse(input.nextAt) : nextFullHour(Date.now());
  const bounded = input.hours !== undefined;
  for (let i = 0; i < (input.hours ?? DIGEST_HOURS_PER_RUN); i++) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    if (!bounded && Date.now() - next > STALE_AFTER_MS) {
      log.warn('digest hours skipped: the workflow was not run for hours', {
        from: new Date(next).toISOString(),
        to: new Date(fullHourOf(Date.now())).toISOString(),
      });
      next = fullHourOf(Date.now());
    }
    const at = new Date(next).toISOString();
    try {
      await queueDigests({ at });
    } catch (err) {
      // an hour that failed for 50 minutes is given up, not the workflow: the next hour is another office's 07:00
      if (!(err instanceof ActivityFailure)) throw err;
      log.error('the digests of an hour were not queued', { at, error: err.message });
    }
    next += HOUR_MS;
  }
  if (bounded) return;
  await continueAsNew<typeof digestWorkflow>({ nextAt: new Date(next).toISOString() });
}
