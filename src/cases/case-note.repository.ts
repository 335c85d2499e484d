import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';

export type CaseNoteRow = {
  id: string;
  text: string;
  textSha256: string;
  action: string;
  authorId: string | null;
  authorRole: string;
  step: string | null;
  eventSeq: number | null;
  recordedAt: Date | null;
  anonymisedAt: Date | null;
};

const COLUMNS = `id, text, text_sha256 AS "textSha256", action, author_id AS "authorId", author_role AS "authorRole",
  step, event_seq AS "eventSeq", recorded_at AS "recordedAt", anonymised_at AS "anonymisedAt"`;

// The SQL of `case_notes`: the words of the case file's notes. The API writes a note (PENDING) before the action
// that carries it reaches the workflow; the case's activity records it (RECORDED) when it writes its note.added event.
@Injectable()
export class CaseNoteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The same note again (a retried request with the same Idempotency-Key) changes nothing.
  async insertPending(n: {
    id: string;
    caseId: string;
    text: string;
    textSha256: string;
    action: string;
    authorId: string | null;
    authorRole: string;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO case_notes (id, case_id, text, text_sha256, action, author_id, author_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO NOTHING`,
      [n.id, n.caseId, n.text, n.textSha256, n.action, n.authorId, n.authorRole],
    );
  }

  // The action was refused: its note was never part of the case.
  async deletePending(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM case_notes WHERE id = $1 AND status = 'PENDING'`, [id]);
  }

  // The note's event is being written: the note is now part of the case, at that event. Returns the sha256 of its
  // words for the event (null when the case has no such note).
  async record(
    m: Queryable,
    caseId: string,
    id: string,
    e: { seq: number; step: string; occurredAt: string },
  ): Promise<string | null> {
    // (a CTE, so the driver answers rows as for a SELECT)
    const rows = (await m.query(
      `WITH recorded AS (
         UPDATE case_notes SET status = 'RECORDED', event_seq = $3, step = $4, recorded_at = $5
          WHERE id = $1 AND case_id = $2
         RETURNING text_sha256)
       SELECT text_sha256 AS "textSha256" FROM recorded`,
      [id, caseId, e.seq, e.step, new Date(e.occurredAt)],
    )) as { textSha256: string }[];
    return rows[0]?.textSha256 ?? null;
  }

  // The notes of a case, in the order of the timeline.
  async forCase(caseId: string): Promise<CaseNoteRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM case_notes WHERE case_id = $1 AND status = 'RECORDED' ORDER BY event_seq`,
      [caseId],
    )) as CaseNoteRow[];
  }

  async anonymise(m: Queryable, caseIds: string[], at: Date): Promise<void> {
    await m.query(
      `UPDATE case_notes SET text = '', anonymised_at = $2 WHERE case_id = ANY($1) AND anonymised_at IS NULL`,
      [caseIds, at],
    );
  }
}
