import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../workflows/types';
import { CaseEventEntity } from './case-event.entity';

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

// Appends events to a case's timeline inside the caller's transaction. Events whose seq is already stored are
// skipped (an activity retry), so calling twice with the same events writes them once. The case row is locked so
// two writers of one case cannot fork the hash chain.
export async function appendCaseEvents(manager: EntityManager, caseId: string, events: NewCaseEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const last = await manager.findOne(CaseEventEntity, { where: { caseId }, order: { seq: 'DESC' } });
  let lastSeq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  let written = 0;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    if (event.caseId !== caseId) throw new Error('appendCaseEvents: event of another case');
    if (event.seq <= lastSeq) continue;
    if (event.seq !== lastSeq + 1) {
      throw new Error(`case timeline gap: expected seq ${lastSeq + 1}, got ${event.seq}`);
    }
    const row = manager.create(CaseEventEntity, {
      caseId,
      seq: event.seq,
      type: event.type,
      actorId: event.actor.userId,
      actorRole: event.actor.role,
      step: event.step,
      occurredAt: new Date(event.occurredAt),
      data: event.data,
      prevHash,
    });
    row.hash = eventHash(prevHash, row);
    await manager.query(
      `INSERT INTO case_events (case_id, seq, type, actor_id, actor_role, step, occurred_at, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [caseId, row.seq, row.type, row.actorId, row.actorRole, row.step, row.occurredAt, JSON.stringify(row.data), prevHash, row.hash],
    );
    prevHash = row.hash;
    lastSeq = event.seq;
    written += 1;
  }
  return written;
}

export type StoredCaseEvent = HashedFields & { prevHash: string; hash: string };

export type ChainVerification = {
  valid: boolean;
  checkedEvents: number;
  // the first event whose stored form no longer matches the chain, and why
  brokenAt: { seq: number; reason: 'SEQUENCE_GAP' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' } | null;
};

// Recomputes the hash chain of one case's timeline (events oldest first). An event altered, removed or inserted
// after it was written breaks the chain at that event: its recomputed hash differs from the stored one, or the next
// event no longer points at it.
export function verifyChain(events: readonly StoredCaseEvent[]): ChainVerification {
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
    prevHash = e.hash;
    expectedSeq += 1;
  }
  return { valid: true, checkedEvents: events.length, brokenAt: null };
}
