import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseCategory, RiskTier } from '../../workflows/definition';
import type { TimelineRow } from './derived';
import type { SimulationResults, SimulationSpec } from './simulation-spec';

export type SlaSimulationStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

export type SlaSimulationRow = {
  id: string;
  draftId: string;
  spec: SimulationSpec;
  status: SlaSimulationStatus;
  done: number;
  total: number;
  results: SimulationResults | null;
  error: string | null;
  requestedBy: string;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  cancelledBy: string | null;
};

const COLUMNS = `id, draft_id AS "draftId", spec, status, done, total, results, error, requested_by AS "requestedBy",
  requested_at AS "requestedAt", started_at AS "startedAt", finished_at AS "finishedAt", cancelled_by AS "cancelledBy"`;

// The events of a closed case a derived what-if reads (derived.ts): the steps, the partners' answers, escalations,
// failed follow-ups, the closure. Nothing that names the person.
const TIMELINE_TYPES = [
  'step.started',
  'referral.sent',
  'referral.acknowledged',
  'referral.accepted',
  'referral.declined',
  'escalation.opened',
  'follow_up.attempted',
  'closure.proposed',
  'case.closed',
];

// The SQL of `sla_simulations`, and the read of closed cases' timelines a what-if derives its cases from.
@Injectable()
export class SlaSimulationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // A new run, unless one of the draft is queued or running (null then): one at a time per draft.
  async create(row: { id: string; draftId: string; spec: SimulationSpec; total: number; by: string }) {
    const rows = (await this.dataSource.query(
      `INSERT INTO sla_simulations (id, draft_id, spec, total, requested_by)
       SELECT $1, $2, $3, $4, $5
        WHERE NOT EXISTS (SELECT 1 FROM sla_simulations WHERE draft_id = $2 AND status IN ('QUEUED', 'RUNNING'))
       RETURNING ${COLUMNS}`,
      [row.id, row.draftId, JSON.stringify(row.spec), row.total, row.by],
    )) as SlaSimulationRow[];
    return rows[0] ?? null;
  }

  async find(id: string): Promise<SlaSimulationRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM sla_simulations WHERE id = $1`, [
      id,
    ])) as SlaSimulationRow[];
    return rows[0] ?? null;
  }

  async ofDraft(draftId: string): Promise<SlaSimulationRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sla_simulations WHERE draft_id = $1 ORDER BY requested_at DESC LIMIT 50`,
      [draftId],
    )) as SlaSimulationRow[];
  }

  // queued or running: started again when the API starts (a run whose workflow never started)
  async unfinished(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM sla_simulations WHERE status IN ('QUEUED', 'RUNNING')`,
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async started(id: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_simulations SET status = 'RUNNING', started_at = now(), done = 0, total = $2
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [id, total],
    );
  }

  async progress(id: string, done: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_simulations SET done = greatest(done, $2) WHERE id = $1 AND status = 'RUNNING'`,
      [id, done],
    );
  }

  async isRunning(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM sla_simulations WHERE id = $1 AND status = 'RUNNING'`, [
      id,
    ])) as unknown[];
    return rows.length > 0;
  }

  // Cancelled, if it is still queued or running: the row cancelled (null: it was not).
  async cancel(id: string, by: string): Promise<SlaSimulationRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE sla_simulations SET status = 'CANCELLED', cancelled_by = $2, finished_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')
       RETURNING ${COLUMNS}`,
      [id, by],
    )) as [SlaSimulationRow[], number];
    return rows[0][0] ?? null;
  }

  async finished(id: string, results: SimulationResults): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_simulations SET status = 'DONE', done = total, results = $2, finished_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [id, JSON.stringify(results)],
    );
  }

  async failed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sla_simulations SET status = 'FAILED', error = $2, finished_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [id, error.slice(0, 2000)],
    );
  }

  async countClosed(province: string | null, from: Date, to: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c JOIN offices o ON o.id = c.office_id
        WHERE c.status = 'CLOSED' AND c.risk_tier IS NOT NULL AND ($1::text IS NULL OR o.province = $1)
          AND c.arrived_at >= $2 AND c.arrived_at < $3`,
      [province, from, to],
    )) as { n: number }[];
    return rows[0]!.n;
  }

  // The closed cases that arrived in [from, to) at the offices of a province (null: every office), oldest first,
  // at most `limit`, with the events of their timelines a what-if reads. The case's id stays here: caseKey is its
  // place in this read.
  async closedTimelines(province: string | null, from: Date, to: Date, limit: number): Promise<TimelineRow[]> {
    const rows = (await this.dataSource.query(
      `WITH picked AS (
         SELECT c.id, c.risk_tier, c.category, c.closure_reason_code, row_number() OVER (ORDER BY c.arrived_at, c.id) AS k
           FROM cases c JOIN offices o ON o.id = c.office_id
          WHERE c.status = 'CLOSED' AND c.risk_tier IS NOT NULL AND ($1::text IS NULL OR o.province = $1)
            AND c.arrived_at >= $2 AND c.arrived_at < $3
          ORDER BY c.arrived_at, c.id
          LIMIT $4)
       SELECT p.k AS "caseKey", p.risk_tier AS tier, p.category, p.closure_reason_code AS "closureReason", e.type,
              extract(epoch FROM e.occurred_at) * 1000 AS at, e.data ->> 'step' AS step,
              e.data ->> 'referralId' AS "referralId", e.data ->> 'kind' AS kind
         FROM picked p JOIN case_events e ON e.case_id = p.id
        WHERE e.type = ANY($5::text[])
        ORDER BY p.k, e.seq`,
      [province, from, to, limit, TIMELINE_TYPES],
    )) as (Omit<TimelineRow, 'caseKey' | 'at' | 'tier' | 'category'> & {
      caseKey: string;
      at: string;
      tier: RiskTier;
      category: CaseCategory;
    })[];
    return rows.map((r) => ({ ...r, caseKey: Number(r.caseKey), at: Number(r.at) }));
  }
}
