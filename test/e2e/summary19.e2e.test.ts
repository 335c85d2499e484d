// The reports' own copy of the events (report_events, migration 1765830000000-ReportEvents) on the real stack: written
// by the database in each event's transaction, it stays what the timeline gives when computed again from scratch
// (report_event_source), also when an event's clock is behind one written before it; and a case handed to another
// office counts there for all its history, as the reports counted it when they joined the cases, in the figures the
// seed gives by hand (test/support/report-seed.ts).
import { DEMO_OFFICES } from '../../src/database/seed';
import { REPORTS } from '../../src/reports/report-definitions';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectedFigures, insertPlan, MONTH_START, seedPlan, SEED_MONTH, type SeedCase } from '../support/report-seed';

const PALU = DEMO_OFFICES.sulteng.id;
const MAKASSAR = DEMO_OFFICES.sulsel.id;
const DAY = 24 * 60 * 60 * 1000;

describe('report_events, the reports’ copy of the case events', () => {
  let sut: E2eStack;
  let plan: SeedCase[];
  let admin: Record<string, string>;

  beforeAll(async () => {
    sut = await startE2eStack();
    plan = seedPlan();
    await insertPlan(sut.db, plan);
    admin = sut.as(await sut.login('admin'));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  // rows of the projection that a projection from scratch would not give, and the other way round
  async function drift(): Promise<number[]> {
    const one = async (a: string, b: string) =>
      (
        await sut.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT * FROM ${a} EXCEPT SELECT * FROM ${b}) x`,
        )
      ).rows[0]!.n;
    return [await one('report_events', 'report_event_source'), await one('report_event_source', 'report_events')];
  }

  async function figures(officeId: string): Promise<Record<string, number | null>> {
    const out: Record<string, number | null> = {};
    for (const name of REPORTS) {
      const res = await sut.http<{ figures: { key: string; value: number | null }[] }>(
        'GET',
        `/api/v1/reports/${name}?period=month&month=${SEED_MONTH}&officeId=${officeId}`,
        undefined,
        admin,
      );
      expect(res.status).toBe(200);
      for (const f of res.body.figures) out[f.key] = f.value;
    }
    return out;
  }

  // percentiles interpolate in float8 there and in doubles here: a rounding may land a tenth apart
  function expectNear(got: Record<string, number | null>, expected: Record<string, number | null>): void {
    for (const [key, value] of Object.entries(expected)) {
      if (value === null) expect({ key, value: got[key] }).toEqual({ key, value: null });
      else expect({ key, off: Math.abs((got[key] ?? NaN) - value) <= 0.1 }).toEqual({ key, off: true });
    }
  }

  it('should hold every event the reports read, and only those, as the timeline gives them', async () => {
    const types = await sut.db.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM report_events GROUP BY type ORDER BY type`,
    );
    // the seed has events of every kind a report reads
    expect(types.rows.map((r) => r.type)).toEqual([
      'follow_up.attempted',
      'follow_up.recorded',
      'referral.accepted',
      'referral.acknowledged',
      'referral.declined',
      'referral.sent',
      'screening.completed',
      'sla.breached',
      'step.started',
    ]);
    expect(await drift()).toEqual([0, 0]);
  });

  it('should give an event whose clock is behind one written before it its place, as a projection from scratch does', async () => {
    const c = plan.find((x) => x.officeId === PALU && x.escalations.length === 0 && x.events.length > 0)!;
    const seq = c.events.length;
    // a step the case has not begun yet
    const step = ['SHELTER', 'REHABILITATION', 'RETURN_HANDOVER', 'REINTEGRATION', 'MONITORING', 'TPPO_REPORT'].find(
      (s) => !c.events.some((e) => e.type === 'step.started' && e.step === s),
    )!;
    const later = MONTH_START + 20 * DAY;
    const earlier = MONTH_START + 10 * DAY;
    for (const [i, at] of [later, earlier].entries()) {
      await sut.db.query(
        `INSERT INTO case_events (case_id, seq, type, actor_role, step, occurred_at, data, prev_hash, hash)
         VALUES ($1, $2, 'step.started', 'SYSTEM', $3, $4, '{}', 'test', 'test')`,
        [c.id, seq + 1 + i, step, new Date(at).toISOString()],
      );
    }
    const rows = await sut.db.query<{ seq: number; prev: Date | null }>(
      `SELECT seq, prev_at AS prev FROM report_events WHERE case_id = $1 AND seq > $2 ORDER BY seq`,
      [c.id, seq],
    );
    // the second start happened first: it has none before it, and it is the one before the first
    expect(rows.rows.map((r) => [r.seq, r.prev?.getTime() ?? null])).toEqual([
      [seq + 1, earlier],
      [seq + 2, null],
    ]);
    expect(await drift()).toEqual([0, 0]);
    c.events.push(
      { type: 'step.started', step, at: later, data: {} },
      { type: 'step.started', step, at: earlier, data: {} },
    );
    expectNear(await figures(PALU), expectedFigures(plan, PALU));
  });

  it('should count a case handed to another office at that office, for all its history', async () => {
    // a case of Palu with events in the month and no escalation (an escalation stays with the office that opened it)
    const moved = plan.find(
      (c) => c.officeId === PALU && c.escalations.length === 0 && c.referrals.length > 0 && c.events.length > 2,
    )!;
    const paluBefore = await figures(PALU);
    const makassarBefore = await figures(MAKASSAR);
    // as CaseRepository.moveOffice does when the receiving office accepts
    await sut.db.query(`UPDATE cases SET office_id = $2 WHERE id = $1`, [moved.id, MAKASSAR]);
    moved.officeId = MAKASSAR;
    const palu = await figures(PALU);
    const makassar = await figures(MAKASSAR);
    expectNear(palu, expectedFigures(plan, PALU));
    expectNear(makassar, expectedFigures(plan, MAKASSAR));
    // the move changed what each office counts, so the comparisons above tested it
    expect(palu).not.toEqual(paluBefore);
    expect(makassar).not.toEqual(makassarBefore);
    const left = await sut.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM report_events WHERE case_id = $1 AND office_id <> $2)
            + (SELECT count(*) FROM referrals WHERE case_id = $1 AND office_id <> $2) AS n`,
      [moved.id, MAKASSAR],
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
    expect(await drift()).toEqual([0, 0]);
  });
});
