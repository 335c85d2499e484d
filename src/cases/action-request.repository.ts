import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type ActionRequestRow = { kind: string; request_hash: string };

// The SQL of `action_requests`: requests done under an Idempotency-Key, remembered per user and key.
@Injectable()
export class ActionRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string, key: string): Promise<ActionRequestRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT kind, request_hash FROM action_requests WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    )) as ActionRequestRow[];
    return rows[0] ?? null;
  }

  // The first one stays: a racing retry of the same request remembers nothing new.
  async insert(r: { userId: string; key: string; caseId: string; kind: string; requestHash: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO action_requests (user_id, idempotency_key, case_id, kind, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, idempotency_key) DO NOTHING`,
      [r.userId, r.key, r.caseId, r.kind, r.requestHash],
    );
  }
}
