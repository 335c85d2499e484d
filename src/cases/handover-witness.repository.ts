import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';

// The SQL of `handover_witnesses`: the name of the local-government witness of a handover's berita acara. A name is
// personal data: it stays here, and the workflow's handover.completed event carries the row's id.
@Injectable()
export class HandoverWitnessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The same witness again (a retried request with the same Idempotency-Key) changes nothing.
  async insert(w: { id: string; caseId: string; name: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO handover_witnesses (id, case_id, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [w.id, w.caseId, w.name],
    );
  }

  // The handover was refused: its witness was never part of the case.
  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM handover_witnesses WHERE id = $1`, [id]);
  }

  async name(caseId: string, id: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT name FROM handover_witnesses WHERE id = $1 AND case_id = $2`, [
      id,
      caseId,
    ])) as { name: string }[];
    return row?.name ?? null;
  }

  async anonymise(m: Queryable, caseIds: string[]): Promise<void> {
    await m.query(`UPDATE handover_witnesses SET name = '' WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  }
}
