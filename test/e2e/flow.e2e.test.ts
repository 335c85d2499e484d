// The handover of a case between offices and early closure over real HTTP (issue 16): two offices' users (Palu, where
// the returnee arrived, and Makassar, her home region), who reads and who acts, what the read model shows, and the
// refusals of early closure.
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { OfficeIdKey } from '../../workflows/search-attributes';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const registration = {
  person: {
    fullName: 'Andi Baso Rahman',
    sex: 'M',
    dateOfBirth: '1988-07-02',
    homeRegion: { province: 'Sulawesi Selatan', regency: 'Kota Makassar' },
  },
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
  category: 'DEPORTEE',
};

describe('handover between offices and early closure (real API, worker, Temporal and PostgreSQL)', () => {
  let sut: E2eStack;
  let spvPalu: Record<string, string>;
  let cwMakassar: Record<string, string>;
  let spvMakassar: Record<string, string>;
  let headMakassar: Record<string, string>;

  beforeAll(async () => {
    // deadlines at 1/5000: a handover's approval (24 h) falls due in about 17 s
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.0002' });
    [spvPalu, cwMakassar] = (await Promise.all(['spv.palu', 'cw.makassar'].map((u) => sut.login(u)))).map((t) =>
      sut.as(t),
    );
    // the seed has a caseworker at Makassar only: its supervisor decides on the handover
    spvMakassar = sut.as(await sut.addStaffUser('spv.makassar', 'SUPERVISOR', DEMO_OFFICES.sulsel.id));
    headMakassar = sut.as(await sut.addStaffUser('head.makassar', 'HEAD', DEMO_OFFICES.sulsel.id));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  // registered by cw.palu (the default caller) at Palu
  async function newCase(): Promise<string> {
    const res = await sut.http('POST', '/api/v1/cases', registration);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const act = (id: string, type: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, headers);
  const get = (id: string, headers: Record<string, string> = {}) =>
    sut.http('GET', `/api/v1/cases/${id}`, undefined, headers);

  async function ok(res: Promise<HttpResult> | HttpResult): Promise<any> {
    const r = await res;
    if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  it('should hand a case from Palu to Makassar: Makassar sees it pending, accepts it, then acts; Palu only reads', async () => {
    const id = await newCase();
    // before the handover Makassar does not know the case
    expect((await get(id, cwMakassar)).status).toBe(404);
    const unknownOffice = await act(id, 'transfer-case', { toOfficeId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOffice.status).toBe(404);
    expect((await act(id, 'transfer-case', { toOfficeId: 'Makassar' })).body.details[0].field).toBe(
      'payload.toOfficeId',
    );

    const asked = await ok(
      act(id, 'transfer-case', { toOfficeId: DEMO_OFFICES.sulsel.id, reason: 'pulang ke Makassar' }),
    );
    expect(asked.officeId).toBe(DEMO_OFFICES.sulteng.id);
    expect(asked.transfer).toMatchObject({ toOfficeId: DEMO_OFFICES.sulsel.id });
    expect(asked.allowedActions).not.toContain('accept-transfer');
    expect((await ok(get(id, spvPalu))).allowedActions).not.toContain('accept-transfer');

    // Makassar: the pending case in its incoming list and its supervisors' inbox, read and decide only
    const incoming = await ok(sut.http('GET', '/api/v1/cases?incoming=true', undefined, spvMakassar));
    expect(incoming.items.map((c: { id: string }) => c.id)).toContain(id);
    const own = await ok(sut.http('GET', '/api/v1/cases', undefined, spvMakassar));
    expect(own.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const inbox = await ok(sut.http('GET', '/api/v1/inbox', undefined, spvMakassar));
    expect(inbox.items.find((t: { caseId: string }) => t.caseId === id)).toMatchObject({ kind: 'APPROVAL' });
    const pending = await ok(get(id, spvMakassar));
    expect(pending.allowedActions).toEqual(['accept-transfer', 'return-transfer']);
    expect((await ok(get(id, cwMakassar))).allowedActions).toEqual([]);
    const early = await act(id, 'complete-registration', {}, spvMakassar);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('another office');
    // Palu's supervisor may not decide on its own handover
    expect((await act(id, 'accept-transfer', {}, spvPalu)).status).toBe(409);
    // the caseworker who takes it on must be of Makassar
    const foreign = await act(id, 'accept-transfer', { assigneeId: DEMO_USERS.cwPalu.id }, spvMakassar);
    expect(foreign.status).toBe(422);

    const accepted = await ok(act(id, 'accept-transfer', { assigneeId: DEMO_USERS.cwMakassar.id }, spvMakassar));
    expect(accepted).toMatchObject({ officeId: DEMO_OFFICES.sulsel.id, transfer: null });
    expect(accepted.offices.map((o: { officeId: string }) => o.officeId)).toEqual([
      DEMO_OFFICES.sulteng.id,
      DEMO_OFFICES.sulsel.id,
    ]);
    expect(accepted.offices[1].until).toBeNull();

    // the read model, the search attribute and the tasks moved with it
    const row = await sut.db.query('SELECT office_id, transfer_to_office_id FROM cases WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ office_id: DEMO_OFFICES.sulsel.id, transfer_to_office_id: null });
    const tasks = await sut.db.query(
      `SELECT kind, office_id, assignee_id FROM tasks WHERE case_id = $1 AND status = 'OPEN'`,
      [id],
    );
    expect(tasks.rows).toEqual([
      { kind: 'STEP', office_id: DEMO_OFFICES.sulsel.id, assignee_id: DEMO_USERS.cwMakassar.id },
    ]);
    const described = await sut.temporal.workflow.getHandle(`case-${id}`).describe();
    expect(described.typedSearchAttributes.get(OfficeIdKey)).toBe(DEMO_OFFICES.sulsel.id);

    // Makassar acts; Palu reads the case and its timeline, and may not act
    await ok(act(id, 'complete-registration', {}, cwMakassar));
    const asPalu = await ok(get(id));
    expect(asPalu.allowedActions).toEqual([]);
    const refused = await act(id, 'complete-screening', { indicators: [], flags: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('only read');
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`));
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['case.transfer_requested', 'case.transferred', 'step.completed']),
    );
    // only the case's own office changes the returnee's file
    expect((await sut.http('PATCH', `/api/v1/cases/${id}/person`, { phone: '+6281234567890' })).status).toBe(404);
  });

  it('should let the receiving office return a case with a reason, leaving it where it was', async () => {
    const id = await newCase();
    await ok(act(id, 'transfer-case', { toOfficeId: DEMO_OFFICES.sulsel.id }));
    expect((await act(id, 'return-transfer', {}, spvMakassar)).status).toBe(422);
    const returned = await ok(act(id, 'return-transfer', { reason: 'alamat di Palu' }, spvMakassar));
    expect(returned).toMatchObject({ officeId: DEMO_OFFICES.sulteng.id, transfer: null });
    // Makassar never had the case: it no longer sees it
    expect((await get(id, spvMakassar)).status).toBe(404);
    const inbox = await ok(sut.http('GET', '/api/v1/inbox', undefined, spvMakassar));
    expect(inbox.items.some((t: { caseId: string }) => t.caseId === id)).toBe(false);
    expect((await ok(get(id))).allowedActions).toContain('transfer-case');
  });

  it("should put a handover left undecided in the receiving office's escalations, resolved there but not taken over", async () => {
    const id = await newCase();
    await ok(act(id, 'transfer-case', { toOfficeId: DEMO_OFFICES.sulsel.id }));
    const ofTransfer = (list: { items: { id: string; caseId: string; kind: string }[] }) =>
      list.items.find((e) => e.caseId === id && e.kind === 'TRANSFER_APPROVAL');
    const until = Date.now() + 40000;
    let escalation = ofTransfer(await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, headMakassar)));
    while (!escalation) {
      if (Date.now() > until) throw new Error('no escalation of the handover');
      await new Promise((r) => setTimeout(r, 250));
      escalation = ofTransfer(await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, headMakassar)));
    }
    // the case's own escalations stay with Palu; the handover's is Makassar's alone
    const palu = await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, spvPalu));
    expect(ofTransfer(palu)).toBeUndefined();
    expect(palu.items.some((e: { caseId: string }) => e.caseId === id)).toBe(true);

    const resolve = (body: unknown) =>
      sut.http('POST', `/api/v1/escalations/${escalation!.id}/resolve`, body, headMakassar);
    expect((await resolve({ resolution: 'TAKE_OVER', reason: 'kami ambil alih' })).status).toBe(422);
    const acknowledged = await resolve({ resolution: 'ACKNOWLEDGE', reason: 'menunggu berkas dari Palu' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.case.allowedActions).toEqual(['accept-transfer', 'return-transfer']);
    await ok(act(id, 'accept-transfer', {}, spvMakassar));
    // accepted: the case's open escalations are Makassar's now
    const moved = await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, spvMakassar));
    expect(moved.items.some((e: { caseId: string }) => e.caseId === id)).toBe(true);
  });

  it('should close a case early as a DUPLICATE of another case of the office, and show the link on both', async () => {
    const kept = await newCase();
    const dup = await newCase();
    const bad = await act(dup, 'propose-closure', { reasonCode: 'GONE' });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].field).toBe('payload.reasonCode');
    expect((await act(dup, 'propose-closure', { reasonCode: 'DUPLICATE' })).status).toBe(422);
    expect((await act(dup, 'propose-closure', { reasonCode: 'DUPLICATE', duplicateOfCaseId: dup })).status).toBe(422);
    const unknown = await act(dup, 'propose-closure', {
      reasonCode: 'DUPLICATE',
      duplicateOfCaseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    // COMPLETED is the end of the process only
    expect((await act(dup, 'propose-closure', { reasonCode: 'COMPLETED' })).status).toBe(409);

    await ok(act(dup, 'propose-closure', { reasonCode: 'DUPLICATE', duplicateOfCaseId: kept }));
    // a caseworker may not approve
    expect((await act(dup, 'approve-closure', {})).status).toBe(403);
    const closed = await ok(act(dup, 'approve-closure', {}, spvPalu));
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closure: { reasonCode: 'DUPLICATE', duplicateOfCaseId: kept },
    });
    expect((await ok(get(kept))).duplicatedBy).toEqual([dup]);
    const open = await sut.db.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status = 'OPEN'`, [
      dup,
    ]);
    expect(open.rows[0].n).toBe(0);
  });

  it('should close a LOW information-only returnee at REFERRAL (rule 13) with a supervisor', async () => {
    const id = await newCase();
    await ok(act(id, 'complete-registration'));
    const atReferral = await ok(act(id, 'complete-screening', { indicators: [], flags: {} }));
    expect(atReferral).toMatchObject({ currentStep: 'REFERRAL', riskTier: 'LOW' });
    await ok(act(id, 'propose-closure', { reasonCode: 'INFORMATION_ONLY', reason: 'hanya minta informasi' }));
    const closed = await ok(act(id, 'approve-closure', {}, spvPalu));
    expect(closed).toMatchObject({
      status: 'CLOSED',
      currentStep: 'REFERRAL',
      closure: { reasonCode: 'INFORMATION_ONLY' },
    });
    const row = await sut.db.query('SELECT closure_reason_code FROM cases WHERE id = $1', [id]);
    expect(row.rows[0].closure_reason_code).toBe('INFORMATION_ONLY');
  });
});
