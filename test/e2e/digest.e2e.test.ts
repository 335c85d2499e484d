// The daily digest against real PostgreSQL: the activity and its repository, hour by hour through a night, with an
// office in WIT (Jayapura) and one in WIB (Jakarta). Each office's digest comes at its own 07:00 (22:00Z for WIT,
// 00:00Z for WIB) and at no other hour, with each person's work due that local day and what is overdue.
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDigestActivities } from '../../src/activities/digest.activities';
import { DigestRepository, type DigestData, type DigestItem } from '../../src/notifications/digest.repository';
import { dropDatabase, ensureDatabase } from '../../scripts/infra/postgres';

const TEMPLATE_DB = 'rujukan_template';
type Office = { id: string; code: string; zone: string };
type Tier = 'HIGH' | 'MEDIUM' | 'LOW' | null;
type Queued = { officeId: string; userId: string; localDate: string; data: DigestData };

jest.setTimeout(60000);

describe('the daily digest (activity and repository on PostgreSQL)', () => {
  const adminUrl = process.env.RUJUKAN_TEST_PG_ADMIN_URL!;
  const dbName = `rujukan_digest_${randomBytes(5).toString('hex')}`;
  let db: DataSource;
  let queued: Queued[];
  const queueDigests = () =>
    createDigestActivities({
      digests: new DigestRepository(db),
      queue: async (officeId, userId, localDate, data) => {
        queued.push({ officeId, userId, localDate, data });
      },
    }).queueDigests;

  const wit = { id: randomUUID(), code: 'DGWIT', zone: 'Asia/Jayapura' };
  const wib = { id: randomUUID(), code: 'DGWIB', zone: 'Asia/Jakarta' };
  const people = {
    cwWit: randomUUID(),
    cw2Wit: randomUUID(),
    goneWit: randomUUID(),
    spvWit: randomUUID(),
    headWit: randomUUID(),
    cwWib: randomUUID(),
    spvWib: randomUUID(),
  };
  const RETURNEE = 'Siti Nurhaliza Digest';
  let n = 0;
  const cases: Record<string, { id: string; number: string }> = {};

  async function addCase(key: string, officeId: string, tier: Tier, status = 'OPEN') {
    const id = randomUUID();
    const personId = randomUUID();
    const number = `BP3MI-DG-2026-${String(++n).padStart(6, '0')}`;
    await db.query(
      `INSERT INTO persons (id, full_name, sex, date_of_birth, home_province, home_regency)
       VALUES ($1, $2, 'F', '1990-01-01', 'Papua', 'Jayapura')`,
      [personId, RETURNEE],
    );
    await db.query(
      `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step, risk_tier,
                          sla_state, arrival_point, arrived_at, from_country, policy_version)
       VALUES ($1, $2, $3, $4, $5, 'PMI_PURNA', $6, 'REFERRAL', $7, 'ON_TIME', 'Bandara Sentani', now(), 'MY', 'v1')`,
      [id, number, `case-${id}`, officeId, personId, status, tier],
    );
    cases[key] = { id, number };
  }

  async function addTask(
    caseKey: string,
    officeId: string,
    t: { step: string; role: string; assignee: string | null; dueAt: string | null; status?: string; kind?: string },
  ) {
    await db.query(
      `INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq,
                          updated_seq)
       VALUES ($1, $2, $3, $4, 'digest test', $5, $6, $7, $8, $9, 1, 1)`,
      [
        randomUUID(),
        cases[caseKey]!.id,
        officeId,
        t.kind ?? 'STEP',
        t.step,
        t.role,
        t.assignee,
        t.dueAt,
        t.status ?? 'OPEN',
      ],
    );
  }

  async function addEscalation(caseKey: string, officeId: string, level: 1 | 2, step: string, openedAt: string) {
    const status = caseKey === 'resolved' ? 'RESOLVED' : 'OPEN';
    await db.query(
      `INSERT INTO escalations (id, case_id, office_id, level, kind, reason, step, assigned_role, status, opened_at,
                                updated_seq)
       VALUES ($1, $2, $3, $4, 'SLA_BREACH', 'SLA_BREACHED', $5, $6, $7, $8, 1)`,
      [randomUUID(), cases[caseKey]!.id, officeId, level, step, level === 1 ? 'SUPERVISOR' : 'HEAD', status, openedAt],
    );
  }

  beforeAll(async () => {
    await ensureDatabase(adminUrl, dbName, TEMPLATE_DB);
    db = new DataSource({ type: 'postgres', url: `${process.env.RUJUKAN_TEST_PG_URL_PREFIX}${dbName}` });
    await db.initialize();
    for (const o of [wit, wib]) {
      await db.query(
        `INSERT INTO offices (id, code, name, province, city, time_zone) VALUES ($1, $2, $3, 'Papua', 'Kota', $4)`,
        [o.id, o.code, `BP3MI ${o.code}`, o.zone],
      );
    }
    const staff: [string, string, string][] = [
      [people.cwWit, 'CASEWORKER', wit.id],
      [people.cw2Wit, 'CASEWORKER', wit.id],
      [people.goneWit, 'CASEWORKER', wit.id],
      [people.spvWit, 'SUPERVISOR', wit.id],
      [people.headWit, 'HEAD', wit.id],
      [people.cwWib, 'CASEWORKER', wib.id],
      [people.spvWib, 'SUPERVISOR', wib.id],
    ];
    for (const [id, role, officeId] of staff) {
      await db.query(
        `INSERT INTO users (id, username, password_hash, role, office_id, display_name, deactivated_at)
         VALUES ($1, $2, 'x', $3, $4, $2, $5)`,
        [id, `digest.${id.slice(0, 8)}`, role, officeId, id === people.goneWit ? '2026-12-01T00:00:00Z' : null],
      );
    }

    // WIT: the digest at 22:00Z on 7 Dec is 07:00 on 8 Dec in Jayapura, whose day runs 7 Dec 15:00Z to 8 Dec 15:00Z.
    // A case, its tier, and its task: step, the role it is for, its assignee (null: the office's), due, status, kind.
    const { cwWit, goneWit, cwWib } = people;
    const CW = 'CASEWORKER';
    const seed: [string, Office, Tier, string, string, string | null, string | null, string?, string?][] = [
      ['today', wit, 'HIGH', 'SCREENING', CW, cwWit, '2026-12-08T05:00:00Z'],
      ['yesterday', wit, 'MEDIUM', 'REFERRAL', CW, cwWit, '2026-12-07T10:00:00Z'],
      // 06:00 in Jayapura, before the digest: overdue
      ['early', wit, null, 'REGISTRATION', CW, cwWit, '2026-12-07T21:00:00Z'],
      // 01:00 on 9 Dec in Jayapura: tomorrow, not in the digest
      ['tomorrow', wit, 'LOW', 'SCREENING', CW, cwWit, '2026-12-08T16:00:00Z'],
      // done, no deadline, a closed case, a deactivated caseworker: none of them
      ['done', wit, 'LOW', 'SCREENING', CW, cwWit, '2026-12-08T05:00:00Z', 'DONE'],
      ['undated', wit, 'LOW', 'MONITORING', CW, cwWit, null],
      ['closed', wit, 'LOW', 'SCREENING', CW, cwWit, '2026-12-07T05:00:00Z'],
      ['gone', wit, 'LOW', 'SCREENING', CW, goneWit, '2026-12-07T05:00:00Z'],
      // the office's unassigned work: an approval due today and a caseworker's step overdue, for supervisor and head
      ['approval', wit, 'HIGH', 'REFERRAL', 'SUPERVISOR', null, '2026-12-08T08:00:00Z', 'OPEN', 'APPROVAL'],
      ['unassigned', wit, 'MEDIUM', 'SCREENING', CW, null, '2026-12-06T08:00:00Z'],
      // a review task of the office whose level-1 escalation is below: one line for both, at the missed deadline
      [
        'breached',
        wit,
        'HIGH',
        'EMERGENCY_CARE',
        'SUPERVISOR',
        null,
        '2026-12-05T03:00:00Z',
        'OPEN',
        'SUPERVISOR_REVIEW',
      ],
      // WIB: the digest at 00:00Z on 8 Dec is 07:00 in Jakarta, whose day runs 7 Dec 17:00Z to 8 Dec 17:00Z
      ['wibToday', wib, 'LOW', 'SCREENING', CW, cwWib, '2026-12-08T09:00:00Z'],
      // 23:30 in Jakarta (already 9 Dec in Jayapura): still today here
      ['wibLate', wib, 'MEDIUM', 'REFERRAL', CW, cwWib, '2026-12-08T16:30:00Z'],
      ['wibOverdue', wib, 'HIGH', 'REINTEGRATION', CW, cwWib, '2026-12-06T02:00:00Z'],
    ];
    for (const [key, office, tier, step, role, assignee, dueAt, status, kind] of seed) {
      await addCase(key, office.id, tier, key === 'closed' ? 'CLOSED' : 'OPEN');
      await addTask(key, office.id, { step, role, assignee, dueAt, status, kind });
    }
    // the supervisors' escalation of 'breached'; a level-2 one (the head's) on a step with no open task: at its
    // opening; a resolved one: not at all
    await addEscalation('breached', wit.id, 1, 'EMERGENCY_CARE', '2026-12-05T03:00:05Z');
    await addCase('level2', wit.id, 'HIGH');
    await addEscalation('level2', wit.id, 2, 'TPPO_REPORT', '2026-12-06T12:00:00Z');
    await addCase('resolved', wit.id, 'LOW');
    await addEscalation('resolved', wit.id, 1, 'SCREENING', '2026-12-06T12:00:00Z');
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(adminUrl, dbName);
  });

  const item = (key: string, step: string, riskTier: string | null, dueAt: string): DigestItem =>
    ({ caseId: cases[key]!.id, caseNumber: cases[key]!.number, step, riskTier, dueAt }) as DigestItem;
  const ours = (q: Queued) => q.officeId === wit.id || q.officeId === wib.id;

  it("should queue each office's digests at its own 07:00 and at no other hour", async () => {
    const byHour: Record<string, Queued[]> = {};
    for (let h = 0; h < 24; h++) {
      const at = new Date(Date.parse('2026-12-07T12:00:00Z') + h * 3600_000).toISOString();
      queued = [];
      await queueDigests()({ at });
      byHour[at.slice(5, 16)] = queued.filter(ours);
    }
    const hours = Object.entries(byHour).filter(([, q]) => q.length > 0);
    expect(hours.map(([h, q]) => [h, [...new Set(q.map((x) => x.officeId))]])).toEqual([
      ['12-07T22:00', [wit.id]],
      ['12-08T00:00', [wib.id]],
    ]);

    const witDigests = Object.fromEntries(byHour['12-07T22:00']!.map((q) => [q.userId, q]));
    // the caseworker with nothing due, and the deactivated one, get no digest
    expect(Object.keys(witDigests).sort()).toEqual([people.cwWit, people.spvWit, people.headWit].sort());
    for (const q of Object.values(witDigests)) {
      expect(q.localDate).toBe('2026-12-08');
      expect([q.data.kind, q.data.date, q.data.officeName]).toEqual(['DIGEST', '2026-12-08', 'BP3MI DGWIT']);
    }
    expect(witDigests[people.cwWit]!.data.dueToday).toEqual([
      item('today', 'SCREENING', 'HIGH', '2026-12-08T05:00:00.000Z'),
    ]);
    // soonest first
    expect(witDigests[people.cwWit]!.data.overdue).toEqual([
      item('yesterday', 'REFERRAL', 'MEDIUM', '2026-12-07T10:00:00.000Z'),
      item('early', 'REGISTRATION', null, '2026-12-07T21:00:00.000Z'),
    ]);
    const unassigned = item('unassigned', 'SCREENING', 'MEDIUM', '2026-12-06T08:00:00.000Z');
    const approval = item('approval', 'REFERRAL', 'HIGH', '2026-12-08T08:00:00.000Z');
    expect(witDigests[people.spvWit]!.data.dueToday).toEqual([approval]);
    expect(witDigests[people.spvWit]!.data.overdue).toEqual([
      item('breached', 'EMERGENCY_CARE', 'HIGH', '2026-12-05T03:00:00.000Z'),
      unassigned,
    ]);
    expect(witDigests[people.headWit]!.data.dueToday).toEqual([approval]);
    expect(witDigests[people.headWit]!.data.overdue).toEqual([
      item('breached', 'EMERGENCY_CARE', 'HIGH', '2026-12-05T03:00:00.000Z'),
      unassigned,
      item('level2', 'TPPO_REPORT', 'HIGH', '2026-12-06T12:00:00.000Z'),
    ]);

    const wibDigests = byHour['12-08T00:00']!;
    // the WIB supervisor has no unassigned work, no escalation: no digest
    expect(wibDigests.map((q) => [q.userId, q.localDate, q.data.officeName])).toEqual([
      [people.cwWib, '2026-12-08', 'BP3MI DGWIB'],
    ]);
    expect(wibDigests[0]!.data.dueToday).toEqual([
      item('wibToday', 'SCREENING', 'LOW', '2026-12-08T09:00:00.000Z'),
      item('wibLate', 'REFERRAL', 'MEDIUM', '2026-12-08T16:30:00.000Z'),
    ]);
    expect(wibDigests[0]!.data.overdue).toEqual([
      item('wibOverdue', 'REINTEGRATION', 'HIGH', '2026-12-06T02:00:00.000Z'),
    ]);

    // ids, case numbers, steps, tiers and instants: no returnee's name
    expect(JSON.stringify(byHour)).not.toContain(RETURNEE);
  });

  it('should hand over the same digests when the activity is retried, and count them', async () => {
    queued = [];
    const first = await queueDigests()({ at: '2026-12-07T22:00:00.000Z' });
    const once = queued.filter(ours);
    queued = [];
    const again = await queueDigests()({ at: '2026-12-07T22:00:00.000Z' });
    expect(queued.filter(ours)).toEqual(once);
    expect(again).toEqual(first);
    // the WIT office's three people (other offices of the template may be at 07:00 too, with nobody due)
    expect(first.people).toBeGreaterThanOrEqual(3);
    expect(first.offices).toBeGreaterThanOrEqual(1);
    await expect(queueDigests()({ at: 'yesterday' })).rejects.toThrow('not an instant');
  });
});
