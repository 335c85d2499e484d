import { Injectable, Logger } from '@nestjs/common';
import {
  createCalendar,
  DEFAULT_OFFICE_TIME_ZONE,
  DEFAULT_SLA_POLICY,
  type SlaPolicy,
} from '../../workflows/definition';
import { HolidayRepository } from '../calendar/holiday.repository';
import { OfficeRepository } from '../offices/office.repository';
import { SlaPolicyDraftRepository } from '../process/sla-policy-draft.repository';
import { SlaPolicyRepository } from '../process/sla-policy.repository';
import { syntheticCases, type SimCase } from './case-set';
import { derivedCases, measuredCases, timingsOf } from './derived';
import { runSimulation, type WorkflowSource } from './engine';
import { countOutcomes } from './results';
import { SlaSimulationRepository } from './sla-simulation.repository';
import { MAX_SIMULATION_CASES, type SimulationResults } from './simulation-spec';

const DAY = 86_400_000;
const PROGRESS_EVERY_MS = 1000;

// One what-if run, in the worker (sla-simulation.activities.ts): the policy in force for the draft's province and
// the draft, the cases (synthetic, drawn with the read model's timings; or derived from closed cases), the engine on
// a time-skipping server of its own, the counts written to the run's row.
@Injectable()
export class SlaSimulationRunner {
  private readonly logger = new Logger(SlaSimulationRunner.name);

  constructor(
    private readonly simulations: SlaSimulationRepository,
    private readonly drafts: SlaPolicyDraftRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly offices: OfficeRepository,
    private readonly holidays: HolidayRepository,
  ) {}

  async run(id: string, workflows: WorkflowSource): Promise<void> {
    const row = await this.simulations.find(id);
    if (!row || row.status === 'DONE' || row.status === 'FAILED') return;
    const draft = await this.drafts.find(row.draftId);
    if (!draft) return this.simulations.failed(id, 'the draft is gone');
    const province = draft.region === 'ID' ? null : draft.region;
    const now = new Date();
    const inForce = (await this.policies.inForce(now, province ?? undefined)) ?? DEFAULT_SLA_POLICY;
    const proposed: SlaPolicy = { ...draft.policy, version: `draft-${draft.revision}` };
    const spec = row.spec;
    const [from, to] =
      spec.source === 'DERIVED' ? [new Date(spec.from), new Date(spec.to)] : [new Date(now.getTime() - 365 * DAY), now];
    const measured = measuredCases(await this.simulations.closedTimelines(province, from, to, MAX_SIMULATION_CASES));
    const { timings, samples } = timingsOf(measured);
    const cases: SimCase[] =
      spec.source === 'DERIVED' ? derivedCases(measured, spec.seed) : syntheticCases(spec, timings);
    if (cases.length === 0) return this.simulations.failed(id, 'no closed case arrived in the period');
    const total = cases.length * 2;
    await this.simulations.started(id, total);
    const office = (await this.offices.list()).find((o) => province === null || o.province === province);
    const began = Date.now();
    let written = 0;
    const { cases: records, simulatedFrom } = await runSimulation({
      cases,
      policies: [
        { label: 'IN_FORCE', policy: inForce },
        { label: 'DRAFT', policy: proposed },
      ],
      calendar: createCalendar(await this.holidays.national()),
      timeZone: office?.timeZone ?? DEFAULT_OFFICE_TIME_ZONE,
      workflows,
      onProgress: (done) => {
        if (done < total && Date.now() - written < PROGRESS_EVERY_MS) return;
        written = Date.now();
        void this.simulations.progress(id, done).catch(() => undefined);
      },
    });
    const [a, b] = countOutcomes(records, [
      { label: 'IN_FORCE', version: inForce.version },
      { label: 'DRAFT', version: proposed.version },
    ]);
    const ends = records.flatMap((r) => r.events.map((e) => Date.parse(e.occurredAt)));
    const measuredPairs = Object.values(samples).flatMap((byTier) => Object.values(byTier));
    const results: SimulationResults = {
      cases: cases.length,
      simulatedDays: Math.round((Math.max(simulatedFrom, ...ends) - simulatedFrom) / DAY),
      seconds: Math.round((Date.now() - began) / 100) / 10,
      timingsMeasured: measuredPairs.filter((n) => n > 0).length,
      timingsTotal: measuredPairs.length,
      inForce: a!,
      draft: b!,
    };
    await this.simulations.finished(id, results);
    this.logger.log({ msg: 'what-if finished', simulationId: id, cases: cases.length, seconds: results.seconds });
  }
}
