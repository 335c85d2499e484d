import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runSimulation } from '../../src/simulations/engine';
import { countOutcomes } from '../../src/simulations/results';
import type { SimCase } from '../../src/simulations/case-set';
import { createCalendar, DEFAULT_SLA_POLICY, type SlaPolicy } from '../../workflows/definition';
import { workflowBundle } from '../support/time-skipping';

const HOUR = 3_600_000;
const holidays = JSON.parse(
  readFileSync(resolve(__dirname, '../../src/database/seed-data/holidays-id-2026.json'), 'utf8'),
) as { holidays: { date: string }[] };

// The what-if's engine on the real case workflow, against numbers worked out by hand (issue 20's test): three
// deportees (MEDIUM before screening), one step, known times to register.
describe('what-if on the time-skipping server', () => {
  jest.setTimeout(120_000);

  const registering = (hours: number): SimCase => ({
    tier: 'MEDIUM',
    category: 'DEPORTEE',
    partner: 'ANSWERS',
    unreachable: false,
    takes: { REGISTRATION: hours * HOUR },
    rehabilitationReviews: 0,
  });

  // registration of a MEDIUM case: 4 h in force (reminders at 50 and 80 %, level 2 at 200 %); the draft gives 2 h,
  // one reminder at 50 % and level 2 at 150 %
  const draft: SlaPolicy = {
    ...DEFAULT_SLA_POLICY,
    version: 'draft',
    deadlines: {
      ...DEFAULT_SLA_POLICY.deadlines,
      REGISTRATION: {
        HIGH: { amount: 1, unit: 'hours' },
        MEDIUM: { amount: 2, unit: 'hours' },
        LOW: { amount: 24, unit: 'hours' },
      },
    },
    reminderPercents: [50],
    level2Percent: 150,
  };

  it('should count, under each policy, the reminders, breaches and escalations a hand count gives', async () => {
    const progress: number[] = [];
    const { cases } = await runSimulation({
      cases: [registering(1.5), registering(2.5), registering(7)],
      policies: [
        { label: 'IN_FORCE', policy: DEFAULT_SLA_POLICY },
        { label: 'DRAFT', policy: draft },
      ],
      calendar: createCalendar(holidays.holidays),
      arrivalsOverMs: 0,
      until: 'SCREENING',
      workflows: { workflowBundle: workflowBundle() },
      onProgress: (done) => progress.push(done),
    });
    expect(cases.filter((c) => c.failed)).toEqual([]);
    const [inForce, proposed] = countOutcomes(cases, [
      { label: 'IN_FORCE', version: DEFAULT_SLA_POLICY.version },
      { label: 'DRAFT', version: 'draft' },
    ]);
    // In force, 4 h: reminders at 2 h and 3.2 h, breach (and level 1) at 4 h, level 2 at 8 h.
    //   1.5 h: nothing; 2.5 h: one reminder; 7 h: two reminders, the breach and level 1.
    expect(inForce!.stages).toEqual([
      {
        stage: 'REGISTRATION',
        tier: 'MEDIUM',
        deadlines: 3,
        reminders: 3,
        breaches: 1,
        escalations1: 1,
        escalations2: 0,
      },
    ]);
    // Draft, 2 h: a reminder at 1 h, breach (and level 1) at 2 h, level 2 at 3 h.
    //   1.5 h: one reminder; 2.5 h: reminder, breach, level 1; 7 h: reminder, breach, level 1, level 2.
    expect(proposed!.stages).toEqual([
      {
        stage: 'REGISTRATION',
        tier: 'MEDIUM',
        deadlines: 3,
        reminders: 3,
        breaches: 2,
        escalations1: 2,
        escalations2: 1,
      },
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
