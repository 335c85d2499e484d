// The hash chain of a case's timeline: how an event is hashed and how a stored chain is verified (the rows are
// written and read by CaseEventRepository).
import { createHash } from 'node:crypto';
import type { Actor } from '../../workflows/types';
import type { CaseEventEntity } from './case-event.entity';

export type NewCaseEvent = {
  caseId: string;
  seq: number;
  type: string;
  actor: Actor;
  step: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
};

export const GENESIS_HASH = '0'.repeat(64);

// JSON with object keys sorted at every depth: the same event always hashes the same, whatever order jsonb or a
// caller put its keys in.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedFields = Pick<CaseEventEntity, 'caseId' | 'seq' | 'type' | 'actorId' | 'actorRole' | 'step' | 'data'> & {
  occurredAt: Date;
};

export function eventHash(prevHash: string, event: HashedFields): string {
  const canonical = canonicalJson({
    caseId: event.caseId,
    seq: event.seq,
    type: event.type,
    actorId: event.actorId,
    actorRole: event.actorRole,
    step: event.step,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export type StoredCaseEvent = HashedFields & { prevHash: string; hash: string };

export type ChainVerification = {
  valid: boolean;
  checkedEvents: number;
  // the first event whose stored form no longer matches the chain, and why
  brokenAt: {
    seq: number;
    reason: 'SEQUENCE_GAP' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' | 'NOTE_MISMATCH';
  } | null;
};

// The sha256 of a note's words as they are now, by note id (null once anonymised: nothing left to check).
export type NoteHashes = ReadonlyMap<string, string | null>;

// Recomputes the hash chain of one case's timeline (events oldest first). An event altered, removed or inserted
// after it was written breaks the chain at that event: its recomputed hash differs from the stored one, or the next
// event no longer points at it. A note's words (kept apart, in case_notes) are covered by the sha256 its note.added
// event holds: words changed since break the chain there (NOTE_MISMATCH).
export function verifyChain(events: readonly StoredCaseEvent[], notes: NoteHashes = new Map()): ChainVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    const broken = (reason: NonNullable<ChainVerification['brokenAt']>['reason']): ChainVerification => ({
      valid: false,
      checkedEvents: expectedSeq - 1,
      brokenAt: { seq: e.seq, reason },
    });
    if (e.seq !== expectedSeq) return broken('SEQUENCE_GAP');
    if (e.prevHash !== prevHash) return broken('PREVIOUS_HASH_MISMATCH');
    if (eventHash(prevHash, e) !== e.hash) return broken('HASH_MISMATCH');
    if (e.type === 'note.added' && typeof e.data.noteId === 'string') {
      const now = notes.get(e.data.noteId);
      if (now === undefined || (now !== null && now !== e.data.textSha256)) return broken('NOTE_MISMATCH');
    }
    prevHash = e.hash;
    expectedSeq += 1;
  }
  return { valid: true, checkedEvents: events.length, brokenAt: null };
}
