import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LetterKind } from './letter-text';

export type LetterRow = { number: string; seq: number; year: number; issuedAt: Date };

export type LetterSubject = { officeId: string; kind: LetterKind; caseId: string; referralId: string | null };

const SUBJECT_WHERE = `case_id = $1 AND kind = $2 AND referral_id IS NOT DISTINCT FROM $3`;
const COLUMNS = `number, seq, year, issued_at AS "issuedAt"`;

// The SQL of `letters` (the register of printed letters) and `letter_counters` (the running number per office and
// year).
@Injectable()
export class LetterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(s: Omit<LetterSubject, 'officeId'>): Promise<LetterRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM letters WHERE ${SUBJECT_WHERE}`, [
      s.caseId,
      s.kind,
      s.referralId,
    ])) as LetterRow[];
    return rows[0] ?? null;
  }

  // The letter of this subject: the one issued before, or a new one with the office's next number of `year`.
  // The counter row is locked first, so two first prints of one letter wait for each other: the second finds the
  // first's row, and no number is taken twice or skipped.
  async issue(
    s: LetterSubject,
    at: { year: number; issuedAt: Date; issuedBy: string },
    numberFor: (seq: number) => string,
  ): Promise<LetterRow> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO letter_counters (office_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        s.officeId,
        at.year,
      ]);
      const counter = (await m.query(
        `SELECT last_seq FROM letter_counters WHERE office_id = $1 AND year = $2 FOR UPDATE`,
        [s.officeId, at.year],
      )) as { last_seq: number }[];
      const existing = (await m.query(`SELECT ${COLUMNS} FROM letters WHERE ${SUBJECT_WHERE}`, [
        s.caseId,
        s.kind,
        s.referralId,
      ])) as LetterRow[];
      if (existing[0]) return existing[0];
      const seq = counter[0]!.last_seq + 1;
      await m.query(`UPDATE letter_counters SET last_seq = $3 WHERE office_id = $1 AND year = $2`, [
        s.officeId,
        at.year,
        seq,
      ]);
      const rows = (await m.query(
        `INSERT INTO letters (office_id, year, seq, kind, number, case_id, referral_id, issued_at, issued_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [s.officeId, at.year, seq, s.kind, numberFor(seq), s.caseId, s.referralId, at.issuedAt, at.issuedBy],
      )) as LetterRow[];
      return rows[0]!;
    });
  }
}
