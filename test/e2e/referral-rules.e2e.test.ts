// Issue 16 over real HTTP: a caseworker's referral for a child waits for a supervisor's approval (the partner sees
// nothing of it until then, its webhook receives referral.sent on approval), and a rejection returns it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;

describe('referral rules: a supervisor approves a referral for a child', () => {
  let sut: E2eStack;
  let spv: Record<string, string>;
  let head: Record<string, string>;
  let partner: Record<string, string>;
  let partnerStaff: Record<string, string>;
  let admin: Record<string, string>;
  let server: Server;
  const received: { type: string; eventId: string; json: { data: { referralId?: string } } }[] = [];

  beforeAll(async () => {
    sut = await startE2eStack();
    const [a, s, h, p, ps] = (
      await Promise.all(['admin', 'spv.palu', 'head.palu', 'ppa.sulteng', 'staf.ppa.sulteng'].map((u) => sut.login(u)))
    ).map((t) => sut.as(t));
    [admin, spv, head, partner, partnerStaff] = [a!, s!, h!, p!, ps!];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          type: String(req.headers['rujukan-event-type']),
          eventId: String(req.headers['rujukan-event-id']),
          json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { referralId?: string } },
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rujukan`;
    await ok(sut.http('PATCH', `/api/v1/partner-agencies/${UPTD_PPA}`, { webhookUrl: url }, admin));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
    const until = Date.now() + 20000;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const act = (id: string, type: string, payload: unknown = {}, as: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, as);

  // A 15-year-old at the referral step, her mother's consent recorded; the caseworker (cw.palu) sends the referral.
  async function childReferralPrepared(): Promise<{ caseId: string; referralId: string; body: any }> {
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName: 'Nur Aini Lasandara',
          sex: 'F',
          dateOfBirth: '2011-04-12',
          language: 'id',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
        category: 'DEPORTEE',
      }),
    );
    const caseId = created.id as string;
    await ok(act(caseId, 'complete-registration'));
    await ok(act(caseId, 'complete-screening', { indicators: [], flags: {} }));
    const withConsent = await ok(
      act(caseId, 'record-consent', {
        givenBy: 'GUARDIAN',
        guardian: { name: 'Hasnah Lasandara', relationship: 'ibu' },
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories: ['HEALTH'],
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    const res = await act(caseId, 'send-referral', {
      agencyId: UPTD_PPA,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: withConsent.consents[0].id,
    });
    expect(res.status).toBe(200);
    return { caseId, referralId: res.body.referrals[0].id as string, body: res.body };
  }

  const partnerSees = async (referralId: string) => ({
    list: ((await ok(sut.http('GET', '/api/v1/referrals', undefined, partner))).items as { id: string }[]).some(
      (r) => r.id === referralId,
    ),
    one: (await sut.http('POST', `/api/v1/referrals/${referralId}/acknowledge`, {}, partner)).status,
    read: (await sut.http('GET', `/api/v1/referrals/${referralId}`, undefined, partner)).status,
  });

  it('should hold the referral for approval (partner sees nothing, the supervisors’ inbox has it) and send it when approved', async () => {
    const { caseId, referralId, body } = await childReferralPrepared();
    expect(body.referrals[0].status).toBe('PENDING_APPROVAL');
    expect(body.allowedActions).not.toContain('approve-referral');
    expect(await partnerSees(referralId)).toEqual({ list: false, one: 404, read: 404 });
    const inbox = await ok(sut.http('GET', '/api/v1/inbox?limit=100', undefined, spv));
    expect(inbox.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, kind: 'APPROVAL', dueAt: expect.any(String) })]),
    );
    // the caseworker cannot approve their own
    expect((await act(caseId, 'approve-referral', { referralId })).status).toBe(403);
    const approved = await ok(act(caseId, 'approve-referral', { referralId }, head));
    expect(approved.referrals[0].status).toBe('SENT');
    const got = await eventually('referral.sent at the partner', () =>
      received.find((r) => r.type === 'referral.sent' && r.json.data.referralId === referralId),
    );
    expect(got.eventId).toMatch(/[0-9a-f-]{36}/);
    expect((await partnerSees(referralId)).list).toBe(true);
    const after = await ok(sut.http('GET', '/api/v1/inbox?limit=100', undefined, spv));
    expect(
      after.items.filter((t: { caseId: string; kind: string }) => t.caseId === caseId && t.kind === 'APPROVAL'),
    ).toEqual([]);
  });

  it('should return a rejected referral to the caseworker, with a reason, and never tell the partner', async () => {
    const { caseId, referralId } = await childReferralPrepared();
    const noReason = await act(caseId, 'reject-referral', { referralId }, spv);
    expect(noReason.status).toBe(422);
    expect(noReason.body.details[0].field).toBe('payload.reason');
    const back = await ok(act(caseId, 'reject-referral', { referralId, reason: 'pilih UPTD PPA kabupaten asal' }, spv));
    expect(back.referrals[0]).toMatchObject({ status: 'REJECTED', reason: 'pilih UPTD PPA kabupaten asal' });
    expect(back.currentStep).toBe('REFERRAL');
    expect(back.dueAt).not.toBeNull();
    expect(await partnerSees(referralId)).toEqual({ list: false, one: 404, read: 404 });
    // the caseworker may send again
    const cw = await ok(sut.http('GET', `/api/v1/cases/${caseId}`));
    expect(cw.allowedActions).toContain('send-referral');
    await new Promise((r) => setTimeout(r, 500));
    expect(received.filter((r) => r.json.data.referralId === referralId)).toEqual([]);
    const staffView = await ok(sut.http('GET', '/api/v1/referrals?status=REJECTED', undefined, spv));
    expect(staffView.items.map((r: { id: string }) => r.id)).toContain(referralId);
  });

  // An adult's referral the caseworker sends (no approval needed).
  async function adultReferralSent(
    file: Record<string, string> = {},
    dataCategories = ['HEALTH'],
  ): Promise<{ caseId: string; referralId: string }> {
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName: 'Sitti Rahma Daeng Caya',
          sex: 'F',
          dateOfBirth: '1990-02-17',
          language: 'id',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
          ...file,
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
        category: 'DEPORTEE',
      }),
    );
    const caseId = created.id as string;
    await ok(act(caseId, 'complete-registration'));
    await ok(act(caseId, 'complete-screening', { indicators: [], flags: { elderly: true } }));
    const c = await ok(
      act(caseId, 'record-consent', {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories,
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    const sent = await ok(
      act(caseId, 'send-referral', {
        agencyId: UPTD_PPA,
        services: ['COUNSELLING'],
        legalBasis: 'CONSENT',
        consentId: c.consents[0].id,
      }),
    );
    expect(sent.referrals[0].status).toBe('SENT');
    return { caseId, referralId: sent.referrals[0].id as string };
  }
  const answer = (referralId: string, what: string, who: Record<string, string>, body: object = {}) =>
    sut.http('POST', `/api/v1/referrals/${referralId}/${what}`, body, who);

  it('should let only the head of the partner unit decide: a partner user acknowledges (accepting is 403), the head accepts', async () => {
    const { referralId } = await adultReferralSent();
    expect((await answer(referralId, 'accept', partnerStaff)).status).toBe(403);
    expect((await answer(referralId, 'decline', partnerStaff, { reason: 'penuh' })).status).toBe(403);
    expect((await answer(referralId, 'acknowledge', partnerStaff)).body.status).toBe('ACKNOWLEDGED');
    expect((await answer(referralId, 'accept', partner)).body.status).toBe('ACCEPTED');
    // either completes
    expect((await answer(referralId, 'complete', partnerStaff, { summary: 'konseling selesai' })).body.status).toBe(
      'COMPLETED',
    );
  });

  it('should let the caseworker revoke before the partner acknowledged, then only a supervisor or the head', async () => {
    const first = await adultReferralSent();
    expect((await answer(first.referralId, 'revoke', {}, { reason: 'salah lembaga' })).body.status).toBe('REVOKED');
    const second = await adultReferralSent();
    await ok(answer(second.referralId, 'acknowledge', partnerStaff));
    const byCaseworker = await answer(second.referralId, 'revoke', {}, { reason: 'salah lembaga' });
    expect([byCaseworker.status, byCaseworker.body.message]).toEqual([409, expect.stringContaining('a supervisor')]);
    expect((await answer(second.referralId, 'revoke', partner, { reason: 'x' })).status).toBe(403);
    expect((await answer(second.referralId, 'revoke', head, { reason: 'salah lembaga' })).body.status).toBe('REVOKED');
  });

  it('should send disability and safety notes from the person file where the allow-list names them and the consent covers them', async () => {
    const file = {
      disability: 'tunarungu, memakai alat bantu dengar',
      safetyNotes: 'agen perekrut masih menghubungi keluarga',
    };
    const fields = ['age', 'sex', 'disability', 'safetyNotes'];
    const agency = await ok(
      sut.http('PATCH', `/api/v1/partner-agencies/${UPTD_PPA}`, { allowedFields: fields }, admin),
    );
    expect(agency.allowedFields).toEqual(fields);
    const bad = await sut.http('PATCH', `/api/v1/partner-agencies/${UPTD_PPA}`, { allowedFields: ['religion'] }, admin);
    expect(bad.status).toBe(422);
    const health = await adultReferralSent(file, ['HEALTH']);
    const both = await adultReferralSent(file, ['HEALTH', 'SAFETY']);
    const returnee = async (referralId: string) =>
      (
        (await eventually('referral.sent at the partner', () =>
          received.find((r) => r.type === 'referral.sent' && r.json.data.referralId === referralId),
        )) as unknown as { json: { data: { returnee: Record<string, unknown> } } }
      ).json.data.returnee;
    expect(await returnee(health.referralId)).toEqual({
      age: expect.any(Number),
      sex: 'F',
      disability: file.disability,
    });
    expect(await returnee(both.referralId)).toEqual({
      age: expect.any(Number),
      sex: 'F',
      disability: file.disability,
      safetyNotes: file.safetyNotes,
    });
  });
});
