import { Injectable } from '@nestjs/common';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseRepository } from '../cases/case.repository';
import { EscalationRepository } from '../escalations/escalation.repository';
import { breachesTotal, casesOverdue, escalationsOpen, escalationsTotal } from './metrics';

// The instruments counted from the read model at scrape time, so they hold across every worker and restart.
@Injectable()
export class ReadModelGaugesService {
  constructor(
    private readonly events: CaseEventRepository,
    private readonly escalations: EscalationRepository,
    private readonly cases: CaseRepository,
  ) {}

  async refresh(): Promise<void> {
    const [sla, open, overdue] = await Promise.all([
      this.events.breachAndEscalationCounts(),
      this.escalations.countOpenByLevel(),
      this.cases.countOverdue(),
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
    casesOverdue.set(overdue);
  }
}
