import { ApplicationFailure } from '@temporalio/common';
import type { DigestData, DigestRepository } from '../notifications/digest.repository';

// Writes one person's digest of one office's day; keyed by office, date, person and channel, so a retried activity
// or a replayed workflow queues nothing twice (the lead's staff messages).
export type QueueDigest = (officeId: string, userId: string, localDate: string, data: DigestData) => Promise<void>;

export type DigestActivityDeps = { digests: Pick<DigestRepository, 'digests'>; queue: QueueDigest };

export type DigestCounts = { offices: number; people: number; dueToday: number; overdue: number };

// The activity of the digest workflow: at an hour, the offices at 07:00 local and each person's digest, queued.
export function createDigestActivities(deps: DigestActivityDeps) {
  return {
    async queueDigests(args: { at: string }): Promise<DigestCounts> {
      const at = new Date(args.at);
      if (Number.isNaN(at.getTime())) throw ApplicationFailure.nonRetryable(`not an instant: ${args.at}`, 'BAD_INPUT');
      const counts: DigestCounts = { offices: 0, people: 0, dueToday: 0, overdue: 0 };
      for (const office of await deps.digests.digests(at)) {
        counts.offices++;
        for (const { userId, data } of office.people) {
          await deps.queue(office.officeId, userId, office.date, data);
          counts.people++;
          counts.dueToday += data.dueToday.length;
          counts.overdue += data.overdue.length;
        }
      }
      return counts;
    },
  };
}

export type DigestActivities = ReturnType<typeof createDigestActivities>;
