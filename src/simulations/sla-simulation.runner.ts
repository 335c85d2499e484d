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
import { SlaSimulationRepository } from './sla-simulation.repository';
import { MAX_SIMULATION_CASES, type SimulationResults } from './simulation-spec';
import { runApart } from './what-if-process';

const DAY = 86_400_000;
const PROGRESS_EVERY_MS = 1000;
const CANCEL_CHECK_MS = 1000;

// One what-if run, in the worker (sla-simulation.activities.ts): the policy in force for the draft's province and
// the draft, the cases (synthetic, drawn with the read model's timings; or derived from closed cases), the engine on
// a time-skipping server of its own in a process of its own below the office's work (what-if-process.ts), the
// counts written to the run's row.
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

  async run(id: string, bundlePath: string, signal?: AbortSignal): Promise<void> {
    const row = await this.simulations.find(id);
    if (!row || (row.status !== 'QUEUED' && row.status !== 'RUNNING')) return;
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
    const calendar = createCalendar(await this.holidays.national());
    const began = Date.now();
    let written = 0;
    // stopped when its activity is cancelled, or as soon as its row says it is no longer running (cancelled: the
    // row is read every second, as a cancellation reaches an activity only with its next heartbeat's answer)
    const stop = new AbortController();
    if (signal?.aborted) stop.abort();
    else signal?.addEventListener('abort', () => stop.abort(), { once: true });
    const watch = setInterval(() => {
      void this.simulations.isRunning(id).then(
        (running) => running || stop.abort(),
        () => undefined,
      );
    }, CANCEL_CHECK_MS);
    const versions = [
      { label: 'IN_FORCE', version: inForce.version },
      { label: 'DRAFT', version: proposed.version },
    ];
    const run = runApart(
      {
        cases,
        policies: [
          { label: 'IN_FORCE', policy: inForce },
          { label: 'DRAFT', policy: proposed },
        ],
        calendar,
        timeZone: office?.timeZone ?? DEFAULT_OFFICE_TIME_ZONE,
        bundlePath,
        versions,
      },
      (done) => {
        if (done < total && Date.now() - written < PROGRESS_EVERY_MS) return;
        written = Date.now();
        void this.simulations.progress(id, done).catch(() => undefined);
      },
      stop.signal,
    );
    const outcome = await run
      // stopped by its row (cancelled) rather than by its activity: done, there is nothing to record
      .catch((err: unknown) => {
        if (stop.signal.aborted && !signal?.aborted) return null;
        throw err;
      })
      .finally(() => clearInterval(watch));
    if (!outcome) return;
    const {
      outcomes: [a, b],
      simulatedFrom,
      lastEventAt,
    } = outcome;
    const measuredPairs = Object.values(samples).flatMap((byTier) => Object.values(byTier));
    const results: SimulationResults = {
      cases: cases.length,
      simulatedDays: Math.round((lastEventAt - simulatedFrom) / DAY),
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
