// The case API over real HTTP: a case driven from registration to closure through the API alone, every error
// status, idempotent actions, the concurrent-action race, office scoping, and the hash chain catching a row
// altered behind the API's back.
import { DEMO_AGENCIES, DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const DAY = 24 * 60 * 60 * 1000;

const registration = (category = 'TPPO_VICTIM') => ({
  person: {
    fullName: 'Wa Ode Nurhayati',
    sex: 'F',
    dateOfBirth: '1990-02-11',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
  },
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
  category,
});

describe('the case API (real API, worker, Temporal dev server and PostgreSQL)', () => {
  let sut: E2eStack;
  let spv: Record<string, string>;
  let cw2: Record<string, string>;
  let makassar: Record<string, string>;
  let partner: Record<string, string>;
  let otherPartner: Record<string, string>;

  beforeAll(async () => {
    sut = await startE2eStack();
    [spv, cw2, makassar, partner, otherPartner] = (
      await Promise.all(
        ['spv.palu', 'cw2.palu', 'cw.makassar', 'ppa.sulteng', 'rs.bhayangkara'].map((u) => sut.login(u)),
      )
    ).map((t) => sut.as(t));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  async function newCase(category = 'TPPO_VICTIM'): Promise<string> {
    const res = await sut.http('POST', '/api/v1/cases', registration(category));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const act = (
    id: string,
    type: string,
    payload: unknown = {},
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) => sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload, ...extra }, headers);

  async function ok(res: Promise<HttpResult> | HttpResult): Promise<any> {
    const r = await res;
    if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function eventCount(id: string): Promise<number> {
    const { rows } = await sut.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id]);
    return rows[0].n;
  }

  const consent = () => ({
    givenBy: 'SELF',
    method: 'WRITTEN',
    purpose: 'REFERRAL',
    recipientAgencyId: UPTD_PPA,
    dataCategories: ['IDENTITY', 'HEALTH'],
    expiresAt: new Date(Date.now() + 90 * DAY).toISOString(),
  });

  it('should take a HIGH trafficking case from registration to closure through the API alone', async () => {
    const id = await newCase();
    let c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
    expect(c.assigneeId).toBe(DEMO_USERS.cwPalu!.id);
    expect(c.allowedActions).toContain('complete-registration');

    // every answer is the case as it now is (read-your-writes)
    expect((await ok(act(id, 'complete-registration', {}, {}, { expectedStep: 'REGISTRATION' }))).currentStep).toBe(
      'SCREENING',
    );
    c = await ok(
      act(id, 'complete-screening', {
        indicators: ['DECEPTION', 'CONFISCATED_DOCUMENTS'],
        flags: { medical: true, safety: true },
      }),
    );
    expect(c).toMatchObject({ riskTier: 'HIGH', currentStep: 'EMERGENCY_CARE' });
    expect((await ok(act(id, 'record-emergency-care', { facilityKind: 'HOSPITAL' }))).currentStep).toBe('TPPO_REPORT');
    // the caseworker files it, a supervisor confirms it (issue 16)
    expect((await ok(act(id, 'file-tppo-report', { reportedTo: ['POLICE', 'TASK_FORCE'] }))).currentStep).toBe(
      'TPPO_REPORT',
    );
    expect((await ok(act(id, 'approve-tppo-report', {}, spv))).currentStep).toBe('REFERRAL');
    c = await ok(act(id, 'record-consent', consent()));
    const consentId = c.consents[0].id as string;
    c = await ok(
      act(id, 'send-referral', {
        agencyId: UPTD_PPA,
        services: ['SHELTER', 'COUNSELLING'],
        legalBasis: 'CONSENT',
        consentId,
      }),
    );
    expect(c.referrals).toEqual([expect.objectContaining({ agencyId: UPTD_PPA, status: 'SENT', consentId })]);
    const referralId = c.referrals[0].id as string;

    // the partner sees it, with the minimum necessary and no name; another partner does not
    const list = await ok(sut.http('GET', '/api/v1/referrals', undefined, partner));
    expect(list.items).toEqual([
      expect.objectContaining({ id: referralId, caseNumber: c.caseNumber, status: 'SENT', sex: 'F', riskTier: 'HIGH' }),
    ]);
    expect(JSON.stringify(list)).not.toContain('Nurhayati');
    expect((await ok(sut.http('GET', '/api/v1/referrals', undefined, otherPartner))).items).toEqual([]);
    // one by its id: the list's view; another agency gets the answer of a referral that does not exist
    expect(await ok(sut.http('GET', `/api/v1/referrals/${referralId}`, undefined, partner))).toEqual(list.items[0]);
    expect((await sut.http('GET', `/api/v1/referrals/${referralId}`, undefined, otherPartner)).status).toBe(404);
    expect((await sut.http('GET', '/api/v1/referrals/not-an-id', undefined, partner)).status).toBe(400);
    expect((await sut.http('POST', `/api/v1/referrals/${referralId}/accept`, {}, otherPartner)).status).toBe(404);
    expect((await ok(sut.http('POST', `/api/v1/referrals/${referralId}/acknowledge`, {}, partner))).status).toBe(
      'ACKNOWLEDGED',
    );
    expect((await sut.http('POST', `/api/v1/referrals/${referralId}/acknowledge`, {}, partner)).status).toBe(409);
    expect((await ok(sut.http('POST', `/api/v1/referrals/${referralId}/accept`, {}, partner))).status).toBe('ACCEPTED');

    // the acceptance reaches the case by signal: it moves on to the shelter
    await eventually(
      'the case to reach SHELTER',
      async () => (await ok(sut.http('GET', `/api/v1/cases/${id}`))).currentStep === 'SHELTER',
    );
    expect((await ok(act(id, 'start-shelter', { shelterKind: 'RUMAH_AMAN' }))).currentStep).toBe('ASSESSMENT');
    expect(
      (
        await ok(
          act(id, 'complete-assessment', {
            plan: { rehabilitation: true, reintegration: true, services: ['PSYCHOSOCIAL'] },
          }),
        )
      ).currentStep,
    ).toBe('REHABILITATION');
    await ok(act(id, 'start-rehabilitation', { services: ['PSYCHOSOCIAL'] }));
    await ok(act(id, 'record-rehabilitation-review', { notes: 'sleeping better' }));
    expect((await ok(act(id, 'complete-rehabilitation'))).currentStep).toBe('RETURN_HANDOVER');
    expect((await ok(act(id, 'record-handover', { handedTo: 'FAMILY' }))).currentStep).toBe('REINTEGRATION');
    expect((await ok(act(id, 'enrol-reintegration', { programme: 'DESMIGRATIF' }))).currentStep).toBe('MONITORING');
    for (let i = 0; i < 9; i += 1) c = await ok(act(id, 'record-follow-up', { reached: true }));
    expect(c.currentStep).toBe('CLOSURE');
    c = await ok(act(id, 'propose-closure', { reason: 'plan completed' }));
    expect(c.allowedActions).not.toContain('approve-closure');

    // the supervisor's inbox holds the approval; the caseworker may not approve
    const spvInbox = await ok(sut.http('GET', '/api/v1/inbox', undefined, spv));
    expect(spvInbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: id, kind: 'APPROVAL' })]));
    const refused = await act(id, 'approve-closure');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'ROLE_NOT_ALLOWED' });
    c = await ok(act(id, 'approve-closure', {}, spv));
    expect(c.status).toBe('CLOSED');
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`, undefined, spv))).allowedActions).toEqual(['reopen']);

    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    const types = timeline.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('case.registered');
    expect(types).toEqual(
      expect.arrayContaining([
        'screening.completed',
        'tppo.reported',
        'consent.recorded',
        'referral.sent',
        'referral.acknowledged',
        'referral.accepted',
        'shelter.started',
        'handover.completed',
        'closure.proposed',
        'case.closed',
      ]),
    );
    expect(timeline.events.map((e: { seq: number }) => e.seq)).toEqual(
      timeline.events.map((_: unknown, i: number) => i + 1),
    );
    expect(timeline.verification).toEqual({ valid: true, checkedEvents: timeline.events.length, brokenAt: null });
    expect(timeline.events.find((e: { type: string }) => e.type === 'case.closed').actor).toEqual({
      userId: DEMO_USERS.spvPalu!.id,
      role: 'SUPERVISOR',
    });
  }, 120000);

  it('should refuse bad input with a clear 4xx and change nothing', async () => {
    const id = await newCase();
    const before = await eventCount(id);
    const cases: Array<[string, () => Promise<HttpResult>, number, string]> = [
      [
        'malformed JSON',
        () =>
          sut.http('POST', `/api/v1/cases/${id}/actions`, '{"type": "complete-registration",', {
            'content-type': 'application/json',
          }),
        400,
        'BAD_REQUEST',
      ],
      [
        'an unknown field',
        () =>
          sut.http('POST', `/api/v1/cases/${id}/actions`, { type: 'complete-registration', payload: {}, hurry: true }),
        422,
        'VALIDATION_FAILED',
      ],
      ['an unknown action type', () => act(id, 'skip-to-the-end'), 422, 'VALIDATION_FAILED'],
      [
        'a payload that is not an object',
        () => sut.http('POST', `/api/v1/cases/${id}/actions`, { type: 'complete-registration', payload: 'now' }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown payload field',
        () => act(id, 'complete-registration', { skipScreening: true }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a step id that does not exist',
        () => act(id, 'complete-registration', {}, {}, { expectedStep: 'TELEPORT' }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'the wrong step expected',
        () => act(id, 'complete-registration', {}, {}, { expectedStep: 'SCREENING' }),
        409,
        'ACTION_NOT_ALLOWED',
      ],
      [
        'an action not allowed now',
        () => act(id, 'record-handover', { handedTo: 'FAMILY' }),
        409,
        'ACTION_NOT_ALLOWED',
      ],
      ['an action of another role', () => act(id, 'approve-closure'), 403, 'ROLE_NOT_ALLOWED'],
      [
        'an unknown case',
        () => act('6b1a8a4e-0000-4000-8000-000000000000', 'complete-registration'),
        404,
        'CASE_NOT_FOUND',
      ],
      ['a case id that is not a UUID', () => act('case-1', 'complete-registration'), 400, 'INVALID_ID'],
      [
        'a too-large body',
        () => act(id, 'complete-registration', { notes: 'x'.repeat(200_000) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'no token',
        () => sut.http('POST', `/api/v1/cases/${id}/actions`, { type: 'complete-registration' }, sut.as(null)),
        401,
        'UNAUTHORIZED',
      ],
      ['a partner on a staff route', () => act(id, 'complete-registration', {}, partner), 403, 'FORBIDDEN'],
      [
        'a JSON array',
        () => sut.http('POST', `/api/v1/cases/${id}/actions`, [{ type: 'complete-registration' }]),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'JSON null',
        () => sut.http('POST', `/api/v1/cases/${id}/actions`, 'null', { 'content-type': 'application/json' }),
        400,
        'BAD_REQUEST',
      ],
      ['no body', () => sut.http('POST', `/api/v1/cases/${id}/actions`), 422, 'VALIDATION_FAILED'],
      [
        'a text body',
        () =>
          sut.http('POST', `/api/v1/cases/${id}/actions`, 'complete-registration', { 'content-type': 'text/plain' }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a null payload',
        () => sut.http('POST', `/api/v1/cases/${id}/actions`, { type: 'complete-registration', payload: null }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a repeated query parameter',
        () => sut.http('GET', '/api/v1/cases?status=OPEN&status=CLOSED'),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a resolve body that is an array',
        () => sut.http('POST', '/api/v1/escalations/6b1a8a4e-0000-4000-8000-000000000000/resolve', [], spv),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a bad Idempotency-Key',
        () => act(id, 'complete-registration', {}, { 'idempotency-key': 'é' }),
        400,
        'INVALID_IDEMPOTENCY_KEY',
      ],
      [
        'a consent for an unknown agency',
        () => act(id, 'record-consent', { ...consent(), recipientAgencyId: '6b1a8a4e-0000-4000-8000-000000000000' }),
        422,
        'VALIDATION_FAILED',
      ],
      [
        'a referral to an unknown agency',
        () =>
          act(
            id,
            'send-referral',
            { agencyId: '6b1a8a4e-0000-4000-8000-000000000000', services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
            spv,
          ),
        422,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [what, send, status, code] of cases) {
      const res = await send();
      expect({ what, status: res.status, error: res.body?.error }).toEqual({ what, status, error: code });
      expect(typeof res.body.message).toBe('string');
    }
    // field-level details name the field inside the payload
    const screening = await (async () => {
      await ok(act(id, 'complete-registration'));
      return act(id, 'complete-screening', { indicators: ['DECEPTION', 'MAGIC'], flags: { medical: 'yes' } });
    })();
    expect(screening.status).toBe(422);
    expect(screening.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['payload.indicators', 'payload.flags.medical']),
    );
    const notAllowed = await act(id, 'record-handover', { handedTo: 'FAMILY' });
    expect(notAllowed.body.allowedActions).toEqual(expect.arrayContaining(['complete-screening', 'record-consent']));
    expect(notAllowed.body.details.allowedActions).toEqual(notAllowed.body.allowedActions);
    // of all of that, only the one valid action was recorded
    expect(await eventCount(id)).toBe(before + 3); // registration.completed, step.completed, step.started
    const c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
    expect(c.currentStep).toBe('SCREENING');
  }, 60000);

  it('should perform an action once for the same Idempotency-Key, and refuse the key for another request', async () => {
    const id = await newCase();
    const key = { 'idempotency-key': `complete-registration-${id}` };
    const first = await act(id, 'complete-registration', {}, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await act(id, 'complete-registration', {}, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.currentStep).toBe('SCREENING');
    const { rows } = await sut.db.query(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'registration.completed'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
    const reused = await act(id, 'complete-screening', { indicators: [], flags: {} }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    // the key is the caller's own: another user's same key is another request
    expect(
      (await act(id, 'complete-screening', { indicators: [], flags: { elderly: true } }, { ...key, ...cw2 })).status,
    ).toBe(200);
  }, 60000);

  it('should let exactly one of two caseworkers completing the same step at once succeed', async () => {
    for (let round = 0; round < 4; round += 1) {
      const id = await newCase();
      const [a, b] = await Promise.all([act(id, 'complete-registration'), act(id, 'complete-registration', {}, cw2)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.error).toBe('ACTION_NOT_ALLOWED');
      expect(loser.body.allowedActions).not.toContain('complete-registration');
      const { rows } = await sut.db.query(
        `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'registration.completed'`,
        [id],
      );
      expect(rows[0].n).toBe(1);
    }
  }, 60000);

  it('should keep cases to their office: no read, no action, no timeline, not in lists', async () => {
    const id = await newCase();
    for (const res of [
      await sut.http('GET', `/api/v1/cases/${id}`, undefined, makassar),
      await sut.http('GET', `/api/v1/cases/${id}/timeline`, undefined, makassar),
      await act(id, 'complete-registration', {}, makassar),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('CASE_NOT_FOUND');
    }
    const theirs = await ok(sut.http('GET', '/api/v1/cases?limit=200', undefined, makassar));
    expect(theirs.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await sut.http('GET', `/api/v1/cases?office=${DEMO_OFFICES.sulteng.id}`, undefined, makassar)).status).toBe(
      403,
    );
    expect(
      (await ok(sut.http('GET', '/api/v1/inbox', undefined, makassar))).items.map((t: { caseId: string }) => t.caseId),
    ).not.toContain(id);
    expect((await sut.http('GET', '/api/v1/escalations', undefined, sut.as(null))).status).toBe(401);
    expect((await sut.http('GET', '/api/v1/escalations')).status).toBe(403); // a caseworker
    expect((await ok(act(id, 'complete-registration'))).currentStep).toBe('SCREENING');
  }, 60000);

  it('should list cases with filters, paged and soonest due first, and the inbox soonest due first', async () => {
    const ids = [await newCase('TPPO_VICTIM'), await newCase('DEPORTEE'), await newCase('PMI_PURNA')];
    await ok(act(ids[1]!, 'complete-registration'));
    await ok(act(ids[1]!, 'complete-screening', { indicators: [], flags: { elderly: true } }));

    const all = await ok(sut.http('GET', '/api/v1/cases?status=OPEN&limit=200'));
    const dues = all.items
      .filter((c: { dueAt: string | null }) => c.dueAt)
      .map((c: { dueAt: string }) => Date.parse(c.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(all.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(ids));

    const medium = await ok(sut.http('GET', '/api/v1/cases?riskTier=MEDIUM&step=REFERRAL&limit=200'));
    expect(medium.items.map((c: { id: string }) => c.id)).toContain(ids[1]);
    expect(
      medium.items.every(
        (c: { riskTier: string; currentStep: string }) => c.riskTier === 'MEDIUM' && c.currentStep === 'REFERRAL',
      ),
    ).toBe(true);
    const mine = await ok(sut.http('GET', '/api/v1/cases?assignee=me&limit=200'));
    expect(mine.items.every((c: { assigneeId: string }) => c.assigneeId === DEMO_USERS.cwPalu!.id)).toBe(true);
    expect(
      (await ok(sut.http('GET', '/api/v1/cases?overdue=true&limit=200'))).items.every(
        (c: { dueAt: string }) => Date.parse(c.dueAt) < Date.now(),
      ),
    ).toBe(true);

    const page1 = await ok(sut.http('GET', '/api/v1/cases?limit=2'));
    const page2 = await ok(sut.http('GET', '/api/v1/cases?limit=2&offset=2'));
    expect(page1.hasMore).toBe(true);
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0].id).not.toBe(page1.items[1].id);
    expect(page1.items[0].person).toBeUndefined();

    for (const bad of [
      'step=TELEPORT',
      'riskTier=EXTREME',
      'overdue=maybe',
      'limit=0',
      'limit=1000',
      'assignee=bob',
      'colour=red',
      'status=open',
    ]) {
      const res = await sut.http('GET', `/api/v1/cases?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 422 });
    }

    const inbox = await ok(sut.http('GET', '/api/v1/inbox?limit=200'));
    const taskDues = inbox.items
      .filter((t: { dueAt: string | null }) => t.dueAt)
      .map((t: { dueAt: string }) => Date.parse(t.dueAt));
    expect(taskDues).toEqual([...taskDues].sort((a, b) => a - b));
    expect(inbox.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: ids[0],
          kind: 'STEP',
          step: 'REGISTRATION',
          overdue: false,
          assigneeId: DEMO_USERS.cwPalu!.id,
        }),
      ]),
    );
    // another caseworker's inbox does not hold cw.palu's tasks
    expect(
      (await ok(sut.http('GET', '/api/v1/inbox?limit=200', undefined, cw2))).items.map(
        (t: { caseId: string }) => t.caseId,
      ),
    ).not.toContain(ids[0]);
  }, 60000);

  it('should catch a timeline row altered directly in the database', async () => {
    const id = await newCase();
    await ok(act(id, 'complete-registration'));
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`))).verification.valid).toBe(true);
    // the table refuses an UPDATE (a trigger): someone with the rights to switch it off, then
    await sut.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update`);
    await sut.db.query(
      `UPDATE case_events SET data = jsonb_set(data, '{category}', '"PMI_PURNA"') WHERE case_id = $1 AND seq = 1`,
      [id],
    );
    await sut.db.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update`);
    const tampered = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    expect(tampered.verification).toEqual({
      valid: false,
      checkedEvents: 0,
      brokenAt: { seq: 1, reason: 'HASH_MISMATCH' },
    });
    // without ?verify the timeline is served as stored
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).verification).toBeUndefined();
    expect((await sut.http('GET', `/api/v1/cases/${id}/timeline?verify=yes`)).status).toBe(422);
  }, 60000);

  it('should refuse a partner answering twice, declining without a reason, or accepting a revoked referral', async () => {
    const id = await newCase();
    await ok(act(id, 'complete-registration'));
    await ok(act(id, 'complete-screening', { indicators: [], flags: { elderly: true } }));
    const c = await ok(act(id, 'record-consent', consent()));
    const sent = await ok(
      act(id, 'send-referral', {
        agencyId: UPTD_PPA,
        services: ['SHELTER'],
        legalBasis: 'CONSENT',
        consentId: c.consents[0].id,
      }),
    );
    const referralId = sent.referrals[0].id as string;
    const noReason = await sut.http('POST', `/api/v1/referrals/${referralId}/decline`, {}, partner);
    expect(noReason.status).toBe(422);
    expect(
      (
        await sut.http(
          'POST',
          `/api/v1/referrals/${referralId}/revoke`,
          { reason: 'returnee chose another shelter' },
          partner,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await ok(
          sut.http('POST', `/api/v1/referrals/${referralId}/revoke`, { reason: 'returnee chose another shelter' }),
        )
      ).status,
    ).toBe('REVOKED');
    const late = await sut.http('POST', `/api/v1/referrals/${referralId}/accept`, {}, partner);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('REVOKED');
    // the revocation sends the case back to choosing an agency
    await eventually('the case to need another agency', async () => {
      const now = await ok(sut.http('GET', `/api/v1/cases/${id}`));
      return now.referrals[0].status === 'REVOKED' && now.allowedActions.includes('send-referral');
    });
  }, 60000);

  it('should describe every endpoint in the OpenAPI document and count actions in /metrics', async () => {
    const doc = await ok(sut.http('GET', '/api/docs-json'));
    for (const [path, method] of [
      ['/api/v1/cases', 'get'],
      ['/api/v1/cases', 'post'],
      ['/api/v1/cases/{id}', 'get'],
      ['/api/v1/cases/{id}/timeline', 'get'],
      ['/api/v1/cases/{id}/actions', 'post'],
      ['/api/v1/inbox', 'get'],
      ['/api/v1/escalations', 'get'],
      ['/api/v1/escalations/{id}/resolve', 'post'],
      ['/api/v1/referrals', 'get'],
      ['/api/v1/referrals/{id}/accept', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/process-definition', 'get'],
    ] as const) {
      expect({ path, method, documented: Boolean(doc.paths[path]?.[method]) }).toEqual({
        path,
        method,
        documented: true,
      });
    }
    // every operation answers with a schema, and every body it takes has one
    for (const [path, ops] of Object.entries(
      doc.paths as Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
            requestBody?: { content: Record<string, { schema?: unknown }> };
          }
        >
      >,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        // a 204 (sign-out) has no body to describe
        const answered = Object.entries(op.responses).some(
          ([status, r]) =>
            status === '204' || (status.startsWith('2') && Object.values(r.content ?? {}).some((c) => c.schema)),
        );
        const bodyOk = !op.requestBody || Object.values(op.requestBody.content).some((c) => c.schema);
        expect({ path, method, answered, bodyOk }).toEqual({ path, method, answered: true, bodyOk: true });
      }
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'CompleteScreeningPayload',
        'SendReferralPayload',
        'RecordConsentPayload',
        'ResolveEscalationDto',
      ]),
    );

    const res = await fetch(`${sut.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/rujukan_actions_total\{type="complete-registration",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/rujukan_actions_total\{type="complete-registration",outcome="not_allowed"\} [1-9]/);
    expect(text).toContain('rujukan_action_duration_seconds_bucket');
    expect(text).toMatch(/rujukan_escalations_open\{level="1"\} \d+/);
    expect(text).toContain('rujukan_sla_breaches_total');
  });

  it('should log JSON lines with a request id and no personal data', async () => {
    const res = await sut.http('POST', '/api/v1/cases', registration(), { 'x-request-id': 'trace-0123456789' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('trace-0123456789');
    await eventually('the access log line', async () => sut.api.output().includes('trace-0123456789'));
    const lines = sut.api
      .output()
      .split('\n')
      .filter((l) => l.includes('trace-0123456789'));
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      context: 'Http',
      message: { requestId: 'trace-0123456789', msg: 'request', route: '/api/v1/cases', status: 201 },
    });
    const all = sut.api.output() + sut.worker.output();
    for (const secret of ['Nurhayati', 'Wa Ode', '1990-02-11']) expect(all).not.toContain(secret);
  });
});
