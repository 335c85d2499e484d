// Drafts of a province's SLA policy over real HTTP (issue 20, part 1 and the publish of part 3): copied from the
// version in force, edited on a revision (a stale edit refused), every bad field refused by name with nothing stored,
// a head kept to their own province, the diff, the publish; a case registered after it gets the new deadline and a
// case started before keeps its own.
import { DEFAULT_SLA_POLICY } from '../../workflows/definition';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const SULTENG = 'Sulawesi Tengah';
const HOUR_MS = 3_600_000;
const NOWHERE = '6b1a8a4e-0000-4000-8000-000000000000';

describe('SLA policy drafts: copy, edit, diff, publish', () => {
  let sut: E2eStack;
  const tokens: Record<string, string> = {};
  // the head's draft of Sulawesi Tengah, followed through the file
  let draft: { id: string; revision: number };

  beforeAll(async () => {
    sut = await startE2eStack();
    for (const u of ['admin', 'head.palu', 'spv.palu', 'cw.palu', 'cw.makassar']) tokens[u] = await sut.login(u);
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const call = (user: string, method: string, path: string, body?: unknown) =>
    sut.http(method, `/api/v1/sla-policies${path}`, body, sut.as(tokens[user]!));
  const head = (method: string, path: string, body?: unknown) => call('head.palu', method, path, body);

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function refused(res: Promise<HttpResult>, status: number, error: string, field?: string): Promise<any> {
    const r = await res;
    expect({ status: r.status, error: r.body?.error }).toEqual({ status, error });
    if (field) expect(r.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    return r.body;
  }

  async function audited(username: string, action: string): Promise<{ status: number; target: string }[]> {
    const rows = await sut.db.query(
      `SELECT status, target_id AS target FROM audit_log WHERE username = $1 AND action = $2 ORDER BY id`,
      [username, action],
    );
    return rows.rows;
  }

  // a MEDIUM case (not a TPPO victim) of the caseworker's office, and how long its registration step was given
  async function registered(user: string, fullName: string) {
    const body = await ok(
      sut.http(
        'POST',
        '/api/v1/cases',
        {
          person: {
            fullName,
            sex: 'F',
            dateOfBirth: '1991-03-04',
            homeRegion: { province: SULTENG, regency: 'Kota Palu' },
          },
          arrival: {
            point: 'Bandara Mutiara SIS Al-Jufri, Palu',
            arrivedAt: '2026-11-27T08:30:00+08:00',
            fromCountry: 'MY',
          },
          category: 'PMI_PURNA',
        },
        sut.as(tokens[user]!),
      ),
    );
    return {
      id: body.id as string,
      policyVersion: body.policyVersion as string,
      ...(await registrationSpan(body.id, user)),
    };
  }

  // the case as it answers now: its policy version and its current deadline, counted from its step's start
  async function registrationSpan(caseId: string, user = 'cw.palu'): Promise<{ dueAt: string; spanHours: number }> {
    const now = await ok(sut.http('GET', `/api/v1/cases/${caseId}`, undefined, sut.as(tokens[user]!)));
    const started = await sut.db.query(
      `SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'step.started' AND step = 'REGISTRATION'`,
      [caseId],
    );
    expect(now.riskTier ?? 'MEDIUM').toBe('MEDIUM');
    return { dueAt: now.dueAt, spanHours: (Date.parse(now.dueAt) - started.rows[0].occurred_at.getTime()) / HOUR_MS };
  }

  it("should copy the policy in force of the head's province into a draft, and keep a head to that province", async () => {
    const created = await ok(head('POST', '/drafts', { province: SULTENG }));
    expect(created).toMatchObject({
      province: SULTENG,
      baseVersion: DEFAULT_SLA_POLICY.version,
      revision: 1,
      deadlines: DEFAULT_SLA_POLICY.deadlines,
      reminderPercents: [50, 80],
      level2Percent: 200,
      tierInversions: [],
      createdBy: 'head.palu',
      publishedVersion: null,
    });
    draft = created;
    expect(await ok(head('GET', `/drafts/${draft.id}`))).toEqual(created);
    expect(await audited('head.palu', 'sla_policy.draft.create')).toEqual([{ status: 201, target: draft.id }]);

    await refused(head('POST', '/drafts', { province: 'Sulawesi Selatan' }), 403, 'OTHER_PROVINCE');
    await refused(head('POST', '/drafts', { province: 'ID' }), 403, 'OTHER_PROVINCE');
    await refused(call('spv.palu', 'POST', '/drafts', { province: SULTENG }), 403, 'FORBIDDEN');
    await refused(call('cw.palu', 'GET', `/drafts/${draft.id}`), 403, 'FORBIDDEN');
    await refused(call('admin', 'POST', '/drafts', { province: 'Atlantis' }), 422, 'INVALID_SLA_POLICY', 'province');
    await refused(call('admin', 'POST', '/drafts', {}), 422, 'VALIDATION_FAILED', 'province');

    // an administrator drafts any province; the head of another one neither sees nor touches it
    const sulsel = await ok(call('admin', 'POST', '/drafts', { province: 'Sulawesi Selatan' }));
    await refused(head('GET', `/drafts/${sulsel.id}`), 403, 'OTHER_PROVINCE');
    await refused(head('GET', `/drafts/${sulsel.id}/diff`), 403, 'OTHER_PROVINCE');
    await refused(head('PATCH', `/drafts/${sulsel.id}`, { revision: 1, level2Percent: 300 }), 403, 'OTHER_PROVINCE');
    await refused(head('POST', `/drafts/${sulsel.id}/publish`, { revision: 1 }), 403, 'OTHER_PROVINCE');
    await refused(head('DELETE', `/drafts/${sulsel.id}`), 403, 'OTHER_PROVINCE');
    await refused(head('GET', '/drafts?province=Sulawesi%20Selatan'), 403, 'OTHER_PROVINCE');
    expect((await ok(head('GET', '/drafts'))).map((d: { id: string }) => d.id)).toEqual([draft.id]);
    expect((await ok(call('admin', 'GET', '/drafts'))).map((d: { id: string }) => d.id)).toEqual([sulsel.id, draft.id]);
    expect((await ok(call('admin', 'GET', `/drafts/${sulsel.id}`))).level2Percent).toBe(200);

    await ok(call('admin', 'DELETE', `/drafts/${sulsel.id}`));
    await refused(call('admin', 'GET', `/drafts/${sulsel.id}`), 404, 'SLA_DRAFT_NOT_FOUND');
    await refused(call('admin', 'GET', `/drafts/${NOWHERE}`), 404, 'SLA_DRAFT_NOT_FOUND');
    await refused(call('admin', 'GET', '/drafts/not-a-uuid'), 400, 'INVALID_ID');
    expect(await audited('admin', 'sla_policy.draft.delete')).toEqual([{ status: 204, target: sulsel.id }]);
    // the versions' routes are unchanged beside the drafts'
    expect(await ok(call('admin', 'GET', `/${DEFAULT_SLA_POLICY.version}`))).toMatchObject({ inForce: true });
  });

  it('should edit on the revision read, and refuse a stale edit with the current revision', async () => {
    const edited = await ok(
      head('PATCH', `/drafts/${draft.id}`, {
        revision: 1,
        deadlines: { REGISTRATION: { MEDIUM: { amount: 2, unit: 'hours' } } },
        reminderPercents: [40, 75],
        level2Percent: 150,
      }),
    );
    expect(edited).toMatchObject({
      revision: 2,
      reminderPercents: [40, 75],
      level2Percent: 150,
      updatedBy: 'head.palu',
    });
    expect(edited.deadlines.REGISTRATION).toEqual({
      ...DEFAULT_SLA_POLICY.deadlines.REGISTRATION,
      MEDIUM: { amount: 2, unit: 'hours' },
    });
    expect(edited.deadlines.SCREENING).toEqual(DEFAULT_SLA_POLICY.deadlines.SCREENING);

    // another person's edit made on revision 1 too: refused, nothing overwritten
    const stale = await refused(
      head('PATCH', `/drafts/${draft.id}`, { revision: 1, level2Percent: 300 }),
      409,
      'SLA_DRAFT_STALE',
    );
    expect(stale.revision).toBe(2);
    expect(await ok(head('GET', `/drafts/${draft.id}`))).toEqual(edited);
    await refused(head('PATCH', `/drafts/${draft.id}`, { level2Percent: 300 }), 422, 'VALIDATION_FAILED', 'revision');
    await refused(
      head('PATCH', `/drafts/${draft.id}`, { revision: 2, colour: 'red' }),
      422,
      'VALIDATION_FAILED',
      'colour',
    );
    draft = edited;
  });

  it.each([
    [
      'a zero amount',
      { deadlines: { SCREENING: { MEDIUM: { amount: 0, unit: 'hours' } } } },
      'deadlines.SCREENING.MEDIUM.amount',
    ],
    [
      'a fraction',
      { deadlines: { SCREENING: { MEDIUM: { amount: 1.5, unit: 'hours' } } } },
      'deadlines.SCREENING.MEDIUM.amount',
    ],
    [
      'over a year',
      { deadlines: { REINTEGRATION: { LOW: { amount: 400, unit: 'days' } } } },
      'deadlines.REINTEGRATION.LOW.amount',
    ],
    [
      'an unknown unit',
      { deadlines: { SCREENING: { LOW: { amount: 2, unit: 'weeks' } } } },
      'deadlines.SCREENING.LOW.unit',
    ],
    ['an unknown step', { deadlines: { DANCING: { LOW: { amount: 2, unit: 'days' } } } }, 'deadlines.DANCING'],
    [
      'an unknown tier',
      { deadlines: { SCREENING: { URGENT: { amount: 2, unit: 'days' } } } },
      'deadlines.SCREENING.URGENT',
    ],
    ['reminders not increasing', { reminderPercents: [80, 50] }, 'reminderPercents'],
    ['a reminder at 100 %', { reminderPercents: [50, 100] }, 'reminderPercents'],
    ['a reminder at 0 %', { reminderPercents: [0, 50] }, 'reminderPercents'],
    ['a level 2 at 100 %', { level2Percent: 100 }, 'level2Percent'],
    ['a level 2 over 1000 %', { level2Percent: 1001 }, 'level2Percent'],
    ['a level 2 as text', { level2Percent: '200' }, 'level2Percent'],
    [
      'HIGH longer than MEDIUM',
      { deadlines: { SCREENING: { HIGH: { amount: 4, unit: 'hours' } } } },
      'deadlines.SCREENING',
    ],
    [
      'MEDIUM longer than LOW',
      { deadlines: { ASSESSMENT: { MEDIUM: { amount: 15, unit: 'days' } } } },
      'deadlines.ASSESSMENT',
    ],
  ])('should refuse %s, naming the field, and store nothing', async (_, change, field) => {
    await refused(
      head('PATCH', `/drafts/${draft.id}`, { revision: draft.revision, ...change }),
      422,
      'INVALID_SLA_POLICY',
      field,
    );
    expect(await ok(head('GET', `/drafts/${draft.id}`))).toEqual(draft);
  });

  it('should keep a tier inversion when confirmed, and say which steps invert', async () => {
    const body = await refused(
      head('PATCH', `/drafts/${draft.id}`, {
        revision: draft.revision,
        deadlines: { SCREENING: { HIGH: { amount: 4, unit: 'hours' } } },
      }),
      422,
      'INVALID_SLA_POLICY',
      'deadlines.SCREENING',
    );
    expect(body.details[0].problems[0]).toMatch(
      /HIGH \(4 hours\) is longer than MEDIUM \(3 hours\).*confirmTierInversions/,
    );
    const confirmed = await ok(
      head('PATCH', `/drafts/${draft.id}`, {
        revision: draft.revision,
        deadlines: { SCREENING: { HIGH: { amount: 4, unit: 'hours' } } },
        confirmTierInversions: true,
      }),
    );
    expect(confirmed.revision).toBe(draft.revision + 1);
    expect(confirmed.tierInversions).toEqual([{ step: 'SCREENING', higher: 'HIGH', lower: 'MEDIUM' }]);
    draft = confirmed;
    // every attempt is in the log, the refused ones too (the 403 on the other province's draft among them)
    const statuses = (await audited('head.palu', 'sla_policy.draft.update')).map((a) => a.status);
    expect(new Set(statuses)).toEqual(new Set([200, 403, 409, 422]));
  });

  it('should show the diff against the version in force: each changed step and tier, reminders, threshold', async () => {
    const diff = await ok(head('GET', `/drafts/${draft.id}/diff`));
    expect(diff).toEqual({
      draftId: draft.id,
      baseVersion: DEFAULT_SLA_POLICY.version,
      inForceVersion: DEFAULT_SLA_POLICY.version,
      deadlines: [
        {
          step: 'REGISTRATION',
          tier: 'MEDIUM',
          old: { amount: 4, unit: 'hours' },
          new: { amount: 2, unit: 'hours' },
          direction: 'shorter',
        },
        {
          step: 'SCREENING',
          tier: 'HIGH',
          old: { amount: 1, unit: 'hours' },
          new: { amount: 4, unit: 'hours' },
          direction: 'longer',
        },
      ],
      reminderPercents: { old: [50, 80], new: [40, 75], changed: true },
      level2Percent: { old: 200, new: 150, changed: true },
    });
  });

  it('should publish the draft for the new cases of its province only; a case started before keeps its deadline', async () => {
    const before = await registered('cw.palu', 'Wa Ode Nurhaya');
    expect(before).toMatchObject({ policyVersion: DEFAULT_SLA_POLICY.version, spanHours: 4 });

    await refused(
      head('POST', `/drafts/${draft.id}/publish`, { revision: draft.revision - 1 }),
      409,
      'SLA_DRAFT_STALE',
    );
    await refused(head('POST', `/drafts/${draft.id}/publish`, {}), 422, 'VALIDATION_FAILED', 'revision');
    const published = await ok(head('POST', `/drafts/${draft.id}/publish`, { revision: draft.revision }));
    const version = `sulawesi-tengah-${new Date().getUTCFullYear()}.1`;
    expect(published).toMatchObject({ id: draft.id, publishedVersion: version, revision: draft.revision });
    expect(Date.parse(published.publishedAt)).toBeLessThanOrEqual(Date.now());
    const ofDraft = (await audited('head.palu', 'sla_policy.draft.publish')).filter((a) => a.target === draft.id);
    expect(ofDraft).toEqual([
      { status: 409, target: draft.id },
      { status: 422, target: draft.id },
      { status: 200, target: draft.id },
    ]);

    // the version in force for the province, the reminders and the threshold travelling with it
    const stored = await ok(call('admin', 'GET', `/${version}`));
    expect(stored).toMatchObject({ province: SULTENG, inForce: true, reminderPercents: [40, 75], level2Percent: 150 });
    expect(stored.deadlines.REGISTRATION.MEDIUM).toEqual({ amount: 2, unit: 'hours' });

    // read-only from now
    await refused(
      head('PATCH', `/drafts/${draft.id}`, { revision: draft.revision, level2Percent: 300 }),
      409,
      'SLA_DRAFT_PUBLISHED',
    );
    await refused(head('DELETE', `/drafts/${draft.id}`), 409, 'SLA_DRAFT_PUBLISHED');
    await refused(
      head('POST', `/drafts/${draft.id}/publish`, { revision: draft.revision }),
      409,
      'SLA_DRAFT_PUBLISHED',
    );

    const after = await registered('cw.palu', 'Nur Aini Lamasitudju');
    expect(after).toMatchObject({ policyVersion: version, spanHours: 2 });
    expect(await registrationSpan(before.id)).toEqual({ dueAt: before.dueAt, spanHours: 4 });
    const makassar = await registered('cw.makassar', 'Andi Besse Tenri');
    expect(makassar).toMatchObject({ policyVersion: DEFAULT_SLA_POLICY.version, spanHours: 4 });

    // the next draft copies the new version; its publish takes the next number
    const next = await ok(head('POST', '/drafts', { province: SULTENG }));
    expect(next).toMatchObject({ baseVersion: version, reminderPercents: [40, 75], level2Percent: 150 });
    expect((await ok(head('GET', `/drafts/${next.id}/diff`))).deadlines).toEqual([]);
    const again = await ok(head('POST', `/drafts/${next.id}/publish`, { revision: 1 }));
    expect(again.publishedVersion).toBe(`sulawesi-tengah-${new Date().getUTCFullYear()}.2`);
  });
});
