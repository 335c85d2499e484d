import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { breachesTotal, casesOverdue, escalationsOpen, escalationsTotal, registry } from './metrics';

// Prometheus scrapes without a token (counts only, never case content); keep the port inside the network.
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Header('Content-Type', registry.contentType)
  async metrics(): Promise<string> {
    await this.readModelGauges();
    return registry.metrics();
  }

  private async readModelGauges(): Promise<void> {
    const [sla, open, overdue] = await Promise.all([
      this.dataSource.query(
        `SELECT type, CASE WHEN type = 'sla.breached' THEN step ELSE data->>'level' END AS label, count(*)::int AS n
           FROM case_events WHERE type IN ('sla.breached', 'escalation.opened') GROUP BY 1, 2`,
      ) as Promise<{ type: string; label: string | null; n: number }[]>,
      this.dataSource.query(`SELECT level::text AS level, count(*)::int AS n FROM escalations WHERE status = 'OPEN' GROUP BY 1`) as Promise<{ level: string; n: number }[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE status = 'OPEN' AND due_at < now()`) as Promise<{ n: number }[]>,
    ]);
    breachesTotal.reset();
    escalationsTotal.reset();
    escalationsOpen.reset();
    for (const level of ['1', '2']) {
      escalationsTotal.inc({ level }, 0);
      escalationsOpen.set({ level }, 0);
    }
    for (const r of sla) {
      if (r.type === 'sla.breached') breachesTotal.inc({ step: r.label ?? 'unknown' }, r.n);
      else escalationsTotal.inc({ level: r.label ?? 'unknown' }, r.n);
    }
    for (const r of open) escalationsOpen.set({ level: r.level }, r.n);
    casesOverdue.set(overdue[0]?.n ?? 0);
  }
}
