import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Sql } from '../database/filter-page';
import type { Queryable } from '../database/queryable';
import { CaseRepository } from './case.repository';
import { eventHash, GENESIS_HASH, type NewCaseEvent, type StoredCaseEvent } from './case-timeline';

export function timelineSql(caseId: string): Sql {
  return {
    text: `SELECT case_id AS "caseId", seq, type, actor_id AS "actorId", actor_role AS "actorRole", step,
                  occurred_at AS "occurredAt", data, prev_hash AS "prevHash", hash
             FROM case_events WHERE case_id = $1 ORDER BY seq`,
    params: [caseId],
  };
}

export type TimelineCounts = { type: string; label: string | null; n: number };

// The SQL of `case_events`, the append-only, hash-chained timeline of each case.
@Injectable()
export class CaseEventRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async timeline(caseId: string): Promise<StoredCaseEvent[]> {
    const sql = timelineSql(caseId);
    return (await this.dataSource.query(sql.text, sql.params)) as StoredCaseEvent[];
  }

  // The newest event of a type (the handover of a case, for its berita acara), with the display name of who recorded
  // it.
  async latestOfType(
    caseId: string,
    type: string,
  ): Promise<{ occurredAt: Date; data: Record<string, unknown>; actorName: string | null } | null> {
    const rows = (await this.dataSource.query(
      `SELECT e.occurred_at AS "occurredAt", e.data, u.display_name AS "actorName"
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.case_id = $1 AND e.type = $2 ORDER BY e.seq DESC LIMIT 1`,
      [caseId, type],
    )) as { occurredAt: Date; data: Record<string, unknown>; actorName: string | null }[];
    return rows[0] ?? null;
  }

  // Breaches by step and escalations opened by level, for /metrics: the timeline only grows, so these only grow.
  async breachAndEscalationCounts(): Promise<TimelineCounts[]> {
    return (await this.dataSource.query(
      `SELECT type, CASE WHEN type = 'sla.breached' THEN step ELSE data->>'level' END AS label, count(*)::int AS n
         FROM case_events WHERE type IN ('sla.breached', 'escalation.opened') GROUP BY 1, 2`,
    )) as TimelineCounts[];
  }

  // Appends events to a case's timeline inside the caller's transaction. Events whose seq is already stored are
  // skipped (an activity retry), so calling twice with the same events writes them once. The case row is locked so
  // two writers of one case cannot fork the hash chain.
  async append(m: Queryable, caseId: string, events: NewCaseEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    await this.cases.lock(m, caseId);
    const [last] = (await m.query(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [
      caseId,
    ])) as { seq: number; hash: string }[];
    let lastSeq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let written = 0;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.caseId !== caseId) throw new Error('CaseEventRepository.append: event of another case');
      if (event.seq <= lastSeq) continue;
      if (event.seq !== lastSeq + 1) {
        throw new Error(`case timeline gap: expected seq ${lastSeq + 1}, got ${event.seq}`);
      }
      const row = {
        caseId,
        seq: event.seq,
        type: event.type,
        actorId: event.actor.userId,
        actorRole: event.actor.role,
        step: event.step,
        occurredAt: new Date(event.occurredAt),
        data: event.data,
      };
      const hash = eventHash(prevHash, row);
      await m.query(
        `INSERT INTO case_events (case_id, seq, type, actor_id, actor_role, step, occurred_at, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          caseId,
          row.seq,
          row.type,
          row.actorId,
          row.actorRole,
          row.step,
          row.occurredAt,
          JSON.stringify(row.data),
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
      lastSeq = event.seq;
      written += 1;
    }
    return written;
  }

  // Anonymisation's own path through the append-only timeline. Before notes were kept apart, a supervisor's review
  // carried its words in its referral.reviewed event; they go, and the chain is sealed again from that event on. The
  // trigger on case_events lets an UPDATE through only in a transaction that names this path (SET LOCAL), and the
  // caller audits it. Returns the seq of the first event changed, or null when there was nothing to remove.
  async removeLegacyWords(m: Queryable, caseId: string): Promise<number | null> {
    const events = (await m.query(`${timelineSql(caseId).text} FOR UPDATE`, [caseId])) as StoredCaseEvent[];
    const first = events.findIndex((e) => e.type === 'referral.reviewed' && typeof e.data.notes === 'string');
    if (first < 0) return null;
    await m.query(`SET LOCAL rujukan.timeline_path = 'anonymise'`);
    let prevHash = events[first]!.prevHash;
    for (const e of events.slice(first)) {
      const data =
        e.type === 'referral.reviewed' && typeof e.data.notes === 'string' ? { ...e.data, notes: null } : e.data;
      const hash = eventHash(prevHash, { ...e, data });
      await m.query(`UPDATE case_events SET data = $3, prev_hash = $4, hash = $5 WHERE case_id = $1 AND seq = $2`, [
        caseId,
        e.seq,
        JSON.stringify(data),
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    return events[first]!.seq;
  }
}
