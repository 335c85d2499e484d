// The partner side over real HTTP, with a real webhook receiver on loopback: signed deliveries (checked with the
// function docs/partners.md ships), retries with every attempt recorded, a partner unreachable past the retry
// budget (shortened here), replay, secret rotation, the allow-list, consent withdrawal, and the handshake's edges.
import { DEMO_AGENCIES } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import { WebhookReceiver } from '../support/webhook-receiver';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyRujukanWebhook } = require('../../docs/verify-rujukan-webhook.js') as {
  verifyRujukanWebhook: (args: { rawBody: string; signatureHeader?: string; secret: string }) => {
    ok: boolean;
    reason?: string;
  };
};

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const RS = DEMO_AGENCIES.rsBhayangkara.id;

describe('partners: signed webhooks to a loopback receiver, consent and the handshake', () => {
  let sut: E2eStack;
  let admin: Record<string, string>;
  let spv: Record<string, string>;
  let partner: Record<string, string>;
  let hospital: Record<string, string>;
  const ppa = new WebhookReceiver();
  const rs = new WebhookReceiver();
  let ppaSecret = '';
  let rsSecret = '';

  beforeAll(async () => {
    sut = await startE2eStack({
      WEBHOOK_RETRY_BUDGET_SECONDS: '4',
      WEBHOOK_FIRST_RETRY_SECONDS: '0.2',
      WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '0.5',
      WEBHOOK_TIMEOUT_MS: '1000',
    });
    [admin, spv, partner, hospital] = (
      await Promise.all(['admin', 'spv.palu', 'ppa.sulteng', 'rs.bhayangkara'].map((u) => sut.login(u)))
    ).map((t) => sut.as(t));
    await Promise.all([ppa.start(), rs.start()]);
    ppaSecret = (
      await ok(
        sut.http(
          'PATCH',
          `/api/v1/partner-agencies/${UPTD_PPA}`,
          { webhookUrl: ppa.url, allowedFields: ['age', 'sex', 'language', 'riskTier', 'fullName'] },
          admin,
        ),
      )
    ).signingSecret;
    rsSecret = (
      await ok(
        sut.http(
          'PATCH',
          `/api/v1/partner-agencies/${RS}`,
          { webhookUrl: rs.url, allowedFields: ['age', 'sex'] },
          admin,
        ),
      )
    ).signingSecret;
  });
  afterAll(async () => {
    await Promise.all([ppa.stop().catch(() => undefined), rs.stop().catch(() => undefined)]);
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function eventually<T>(
    what: string,
    probe: () => Promise<T | undefined | false> | T | undefined | false,
    ms = 20000,
  ): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const act = (id: string, type: string, payload: unknown = {}, as: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, as);

  // A case at the referral step; the person has a name, a NIK and a phone that must not reach a partner unasked.
  async function caseAtReferral(flags: Record<string, boolean> = { elderly: true }): Promise<string> {
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName: 'Rahmawati Lamadjido',
          sex: 'F',
          dateOfBirth: '1988-03-09',
          nationalId: '7271014903880002',
          phone: '+6281355501234',
          language: 'id',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Poso' },
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
        category: 'DEPORTEE',
      }),
    );
    await ok(act(created.id, 'complete-registration'));
    await ok(act(created.id, 'complete-screening', { indicators: [], flags }));
    return created.id as string;
  }

  async function consentAndRefer(
    id: string,
    agencyId: string,
    dataCategories = ['HEALTH'],
  ): Promise<{ consentId: string; referralId: string }> {
    const c = await ok(
      act(id, 'record-consent', {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: agencyId,
        dataCategories,
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    const consentId = c.consents.find(
      (x: { recipientAgencyId: string; withdrawnAt: string | null }) =>
        x.recipientAgencyId === agencyId && !x.withdrawnAt,
    ).id as string;
    const sent = await ok(
      act(id, 'send-referral', { agencyId, services: ['SHELTER'], legalBasis: 'CONSENT', consentId }),
    );
    const referralId = sent.referrals.find(
      (r: { agencyId: string; status: string }) => r.agencyId === agencyId && r.status === 'SENT',
    ).id as string;
    return { consentId, referralId };
  }

  it('should deliver referral.sent signed with the agency secret, with only the fields the allow-list and the consent permit', async () => {
    const id = await caseAtReferral();
    const { referralId, consentId } = await consentAndRefer(id, UPTD_PPA);
    const got = await eventually('referral.sent at the receiver', () =>
      ppa.delivered('referral.sent').find((r) => r.json.data.referralId === referralId),
    );
    expect(got.json).toEqual({
      id: got.eventId,
      type: 'referral.sent',
      occurredAt: expect.any(String),
      caseNumber: expect.stringMatching(/^SULTENG-2026-\d{6}$/),
      data: {
        referralId,
        services: ['SHELTER'],
        consentId,
        returnee: { age: expect.any(Number), sex: 'F', language: 'id', riskTier: 'MEDIUM' },
      },
    });
    // fullName is allow-listed but the consent does not cover IDENTITY; phone and NIK are not allow-listed at all
    for (const secret of ['Rahmawati', 'Lamadjido', '7271014903880002', '6281355501234', 'Poso'])
      expect(got.body).not.toContain(secret);
    expect(verifyRujukanWebhook({ rawBody: got.body, signatureHeader: got.signature, secret: ppaSecret })).toEqual({
      ok: true,
      timestamp: expect.any(Number),
    });
    expect(verifyRujukanWebhook({ rawBody: got.body, signatureHeader: got.signature, secret: rsSecret }).ok).toBe(
      false,
    );
    // the delivery is a case event
    await eventually('notification.delivered in the timeline', async () =>
      (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events.some(
        (e: { type: string; data: { eventId: string } }) =>
          e.type === 'notification.delivered' && e.data.eventId === got.eventId,
      ),
    );
    // with IDENTITY in the consent, the allow-listed name goes too (and still no phone or NIK)
    const other = await caseAtReferral();
    const named = await consentAndRefer(other, UPTD_PPA, ['IDENTITY', 'HEALTH']);
    const withName = await eventually('the second referral.sent', () =>
      ppa.delivered('referral.sent').find((r) => r.json.data.referralId === named.referralId),
    );
    expect(withName.json.data.returnee.fullName).toBe('Rahmawati Lamadjido');
    for (const secret of ['7271014903880002', '6281355501234']) expect(withName.body).not.toContain(secret);
  });

  it('should retry a receiver answering 500 three times, deliver once, and record four attempts', async () => {
    const id = await caseAtReferral();
    rs.script.push(500, 500, 500);
    const { referralId } = await consentAndRefer(id, RS);
    const got = await eventually('referral.sent at the hospital', () =>
      rs.delivered('referral.sent').find((r) => r.json.data.referralId === referralId),
    );
    expect(rs.received.filter((r) => r.eventId === got.eventId).map((r) => r.answered)).toEqual([500, 500, 500, 200]);
    // the hospital's allow-list is age and sex: its referral list shows those and no language or tier
    const seen = (await ok(sut.http('GET', '/api/v1/referrals?limit=200', undefined, hospital))).items.find(
      (r: { id: string }) => r.id === referralId,
    );
    expect(seen).toMatchObject({ id: referralId, sex: 'F', age: expect.any(Number), language: null, riskTier: null });
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).riskTier).not.toBeNull();
    expect(rs.delivered('referral.sent').filter((r) => r.eventId === got.eventId)).toHaveLength(1);
    const list = await ok(sut.http('GET', `/api/v1/notifications?caseId=${id}&agencyId=${RS}`, undefined, spv));
    const delivery = await eventually('the delivery to be DELIVERED', async () => {
      const d = await ok(sut.http('GET', `/api/v1/notifications/${list.items[0].id}`, undefined, spv));
      return d.status === 'DELIVERED' && d;
    });
    expect(delivery).toMatchObject({ eventId: got.eventId, attempts: 4, agencyId: RS, type: 'referral.sent' });
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(
      delivery.attemptLog.every(
        (a: { latencyMs: number; attemptedAt: string }) => a.latencyMs >= 0 && Date.parse(a.attemptedAt) > 0,
      ),
    ).toBe(true);
  });

  it('should fail a delivery to a receiver down past the retry budget, escalate to the supervisor, and deliver it on replay', async () => {
    const id = await caseAtReferral();
    const port = rs.port();
    await rs.stop();
    const { referralId } = await consentAndRefer(id, RS);
    const failed = await eventually(
      'the delivery to fail',
      async () =>
        (await ok(sut.http('GET', `/api/v1/notifications?caseId=${id}&agencyId=${RS}&status=FAILED`, undefined, spv)))
          .items[0],
      30000,
    );
    expect(failed.attempts).toBeGreaterThanOrEqual(3);
    expect(failed.lastError).toEqual(expect.any(String));
    const escalation = await eventually('a partner-unreachable escalation', async () =>
      (await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, spv))).items.find(
        (e: { caseId: string; kind: string }) => e.caseId === id && e.kind === 'PARTNER_UNREACHABLE',
      ),
    );
    expect(escalation).toMatchObject({
      level: 1,
      assignedRole: 'SUPERVISOR',
      reason: expect.stringContaining('referral.sent'),
    });
    expect(
      (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events.map((e: { type: string }) => e.type),
    ).toContain('notification.failed');

    // a caseworker may not replay; a delivery that is not FAILED is not replayed; an id that is not a number is a 400
    expect((await sut.http('POST', `/api/v1/notifications/${failed.id}/replay`)).status).toBe(403);
    expect((await sut.http('POST', '/api/v1/notifications/abc/replay', undefined, spv)).status).toBe(400);
    expect((await sut.http('POST', '/api/v1/notifications/999999999/replay', undefined, spv)).status).toBe(404);

    await rs.start(port);
    const replayed = await ok(sut.http('POST', `/api/v1/notifications/${failed.id}/replay`, undefined, spv));
    expect(replayed).toMatchObject({ status: 'PENDING', replays: 1 });
    expect((await sut.http('POST', `/api/v1/notifications/${failed.id}/replay`, undefined, spv)).status).toBe(409);
    const got = await eventually('the replayed referral.sent', () =>
      rs.delivered('referral.sent').find((r) => r.json.data.referralId === referralId),
    );
    expect(got.eventId).toBe(failed.eventId);
    expect(verifyRujukanWebhook({ rawBody: got.body, signatureHeader: got.signature, secret: rsSecret }).ok).toBe(true);
    await eventually(
      'DELIVERED after the replay',
      async () =>
        (await ok(sut.http('GET', `/api/v1/notifications/${failed.id}`, undefined, spv))).status === 'DELIVERED',
    );
    // delivered: the escalation it opened is settled
    await eventually(
      'the escalation resolved',
      async () =>
        !(await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, spv))).items.some(
          (e: { id: string }) => e.id === escalation.id,
        ),
    );
  }, 90000);

  it('should sign with both secrets while a rotated-out secret is in its grace period', async () => {
    const rotated = await ok(sut.http('PATCH', `/api/v1/partner-agencies/${RS}`, { rotateSecret: true }, admin));
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(rotated.signingSecret).not.toBe(rsSecret);
    expect(rotated.previousSecretValidUntil).toEqual(expect.any(String));
    const listed = await ok(sut.http('GET', '/api/v1/partner-agencies', undefined, admin));
    expect(JSON.stringify(listed)).not.toContain(rotated.signingSecret);
    const id = await caseAtReferral();
    const { referralId } = await consentAndRefer(id, RS);
    const got = await eventually('referral.sent after rotation', () =>
      rs.delivered('referral.sent').find((r) => r.json.data.referralId === referralId),
    );
    expect(
      verifyRujukanWebhook({ rawBody: got.body, signatureHeader: got.signature, secret: rotated.signingSecret }).ok,
    ).toBe(true);
    expect(verifyRujukanWebhook({ rawBody: got.body, signatureHeader: got.signature, secret: rsSecret }).ok).toBe(true);
    rsSecret = rotated.signingSecret;
  });

  it("should keep partner A from seeing or answering partner B's referral, and bring a declined case back to choosing an agency", async () => {
    const id = await caseAtReferral();
    const { referralId } = await consentAndRefer(id, UPTD_PPA);
    expect(
      (await ok(sut.http('GET', '/api/v1/referrals?limit=200', undefined, hospital))).items.map(
        (r: { id: string }) => r.id,
      ),
    ).not.toContain(referralId);
    expect((await sut.http('POST', `/api/v1/referrals/${referralId}/acknowledge`, {}, hospital)).status).toBe(404);
    expect((await sut.http('POST', `/api/v1/referrals/${referralId}/decline`, { reason: '   ' }, partner)).status).toBe(
      422,
    );
    const key = { ...partner, 'idempotency-key': `decline-${referralId}` };
    const declined = await ok(
      sut.http('POST', `/api/v1/referrals/${referralId}/decline`, { reason: 'no shelter capacity this week' }, key),
    );
    expect(declined).toMatchObject({ status: 'DECLINED', reason: 'no shelter capacity this week' });
    // a retry under the same key answers the same, and records nothing twice
    expect(
      await ok(
        sut.http('POST', `/api/v1/referrals/${referralId}/decline`, { reason: 'no shelter capacity this week' }, key),
      ),
    ).toMatchObject({ status: 'DECLINED' });
    expect(
      (await sut.http('POST', `/api/v1/referrals/${referralId}/decline`, { reason: 'again' }, partner)).status,
    ).toBe(409);
    // the decline reaches the case by signal: it asks for another agency, at the referral step again
    await eventually('the case to need another agency', async () =>
      (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events.some(
        (e: { type: string }) => e.type === 'referral.agency_needed',
      ),
    );
    const events = (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events.map(
      (e: { type: string }) => e.type,
    );
    expect(events).toEqual(expect.arrayContaining(['referral.declined', 'referral.agency_needed']));
    expect(events.filter((t: string) => t === 'referral.declined')).toHaveLength(1);
    const c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
    expect(c).toMatchObject({
      currentStep: 'REFERRAL',
      referrals: [
        expect.objectContaining({ id: referralId, status: 'DECLINED', reason: 'no shelter capacity this week' }),
      ],
    });
    expect(c.allowedActions).toContain('send-referral');
  });

  it("should take a child's consent from a parent or guardian, keep who gave it, and leave the referral to a supervisor", async () => {
    const id = await caseAtReferral({ child: true });
    const consent = {
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA,
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
    };
    const self = await act(id, 'record-consent', { ...consent, givenBy: 'SELF' });
    expect([self.status, self.body.message]).toEqual([409, expect.stringContaining('parent or guardian')]);
    expect((await act(id, 'record-consent', { ...consent, givenBy: 'GUARDIAN' })).status).toBe(422);
    const c = await ok(
      act(id, 'record-consent', {
        ...consent,
        givenBy: 'GUARDIAN',
        guardian: { name: 'Hasanah binti Lamadjido', relationship: 'mother' },
      }),
    );
    expect(c.consents).toEqual([
      expect.objectContaining({
        givenBy: 'GUARDIAN',
        guardian: { name: 'Hasanah binti Lamadjido', relationship: 'mother' },
      }),
    ]);
    const referral = { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'CONSENT', consentId: c.consents[0].id };
    // the caseworker's waits for a supervisor's approval (issue 16: test/e2e/referral-rules.e2e.test.ts)
    const prepared = (await ok(act(id, 'send-referral', referral))).referrals[0];
    expect(prepared.status).toBe('PENDING_APPROVAL');
    expect((await ok(act(id, 'approve-referral', { referralId: prepared.id }, spv))).referrals).toEqual([
      expect.objectContaining({ status: 'SENT' }),
    ]);
    const exported = await ok(sut.http('GET', `/api/v1/cases/${id}/export`, undefined, spv));
    expect(exported.case.consents[0].guardian).toEqual({ name: 'Hasanah binti Lamadjido', relationship: 'mother' });
  });

  it("should take a referral through acknowledge and accept to complete, keeping the partner's summary", async () => {
    const id = await caseAtReferral();
    const { referralId } = await consentAndRefer(id, UPTD_PPA);
    const path = (what: string) => `/api/v1/referrals/${referralId}/${what}`;
    expect((await sut.http('POST', path('complete'), { summary: 'too early' }, partner)).status).toBe(409);
    expect(await ok(sut.http('POST', path('acknowledge'), {}, partner))).toMatchObject({ status: 'ACKNOWLEDGED' });
    expect(await ok(sut.http('POST', path('accept'), {}, partner))).toMatchObject({ status: 'ACCEPTED' });
    expect((await sut.http('POST', path('complete'), { summary: 5 }, partner)).status).toBe(422);
    const summary = 'counselling: 6 sessions; shelter 5 nights; returned to family';
    expect(await ok(sut.http('POST', path('complete'), { summary }, partner))).toMatchObject({
      status: 'COMPLETED',
      summary,
      reason: null,
    });
    expect((await sut.http('POST', path('complete'), { summary }, partner)).status).toBe(409);
    const c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
    expect(c.referrals).toEqual([expect.objectContaining({ id: referralId, status: 'COMPLETED', summary })]);
    await eventually('the completion in the timeline', async () =>
      (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events.some(
        (e: { type: string }) => e.type === 'referral.completed',
      ),
    );
  });

  it('should let the admin register an agency (its secret shown once), and refuse bad registrations', async () => {
    const created = await sut.http(
      'POST',
      '/api/v1/partner-agencies',
      {
        name: 'Gugus Tugas PP-TPPO Sulawesi Tengah',
        kind: 'TASK_FORCE',
        province: 'Sulawesi Tengah',
        services: ['COORDINATION'],
        webhookUrl: 'https://gugustugas.example.go.id/hook',
        allowedFields: ['age', 'sex'],
        fallbackContact: { name: 'Sekretariat', phone: '+62451400000' },
      },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'TASK_FORCE',
      hasSigningSecret: true,
      signingSecret: expect.stringMatching(/^whsec_/),
      active: true,
    });
    const staffView = await ok(sut.http('GET', '/api/v1/partner-agencies'));
    expect(staffView.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect(JSON.stringify(staffView)).not.toContain(created.body.signingSecret);
    const { rows } = await sut.db.query('SELECT secret_sealed FROM partner_agencies WHERE id = $1', [created.body.id]);
    expect(rows[0].secret_sealed).not.toContain(created.body.signingSecret);
    for (const [what, body] of [
      ['an unknown kind', { name: 'X', kind: 'CIRCUS', province: 'P', services: [] }],
      [
        'a webhook that is not http(s)',
        { name: 'X', kind: 'OTHER', province: 'P', services: [], webhookUrl: 'javascript:alert(1)' },
      ],
      [
        'an unknown allow-listed field',
        { name: 'X', kind: 'OTHER', province: 'P', services: [], allowedFields: ['religion'] },
      ],
      ['an unknown field', { name: 'X', kind: 'OTHER', province: 'P', services: [], secret: 'mine' }],
    ] as const) {
      expect({ what, status: (await sut.http('POST', '/api/v1/partner-agencies', body, admin)).status }).toEqual({
        what,
        status: 422,
      });
    }
    expect(
      (await sut.http('POST', '/api/v1/partner-agencies', { name: 'X', kind: 'OTHER', province: 'P', services: [] }))
        .status,
    ).toBe(403);
    expect((await sut.http('GET', '/api/v1/partner-agencies', undefined, partner)).status).toBe(403);
    expect(
      (await sut.http('PATCH', '/api/v1/partner-agencies/6b1a8a4e-0000-4000-8000-000000000000', { name: 'Y' }, admin))
        .status,
    ).toBe(404);
  });

  it('should refuse a referral without a valid consent (409), and a consent that expired already (409)', async () => {
    const id = await caseAtReferral();
    const none = await act(id, 'send-referral', {
      agencyId: UPTD_PPA,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: '6b1a8a4e-0000-4000-8000-000000000000',
    });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('no consent');
    // without a consent, no other legal basis will do, for a supervisor either, but vital interest in a HIGH case
    for (const who of [{}, spv]) {
      const obligation = await act(
        id,
        'send-referral',
        { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'LEGAL_OBLIGATION' },
        who,
      );
      expect([obligation.status, obligation.body.message]).toEqual([
        409,
        expect.stringContaining('needs a recorded consent'),
      ]);
    }
    const vital = await act(
      id,
      'send-referral',
      { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' },
      spv,
    );
    expect([vital.status, vital.body.message]).toEqual([409, expect.stringContaining('only for a HIGH case')]);
    const expired = await act(id, 'record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA,
      dataCategories: ['HEALTH'],
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(expired.status).toBe(409);
    expect(expired.body.message).toContain('expired');
    expect(
      (await sut.http('PATCH', `/api/v1/partner-agencies/${RS}`, { webhookUrl: 'ftp://example.org/hook' }, admin))
        .status,
    ).toBe(422);
    expect((await sut.http('PATCH', `/api/v1/partner-agencies/${RS}`, { webhookUrl: 'http://x' })).status).toBe(403);
  });

  it('should revoke the referrals of a withdrawn consent and tell the partner', async () => {
    const id = await caseAtReferral();
    const { consentId, referralId } = await consentAndRefer(id, UPTD_PPA);
    await eventually('referral.sent delivered', () =>
      ppa.delivered('referral.sent').find((r) => r.json.data.referralId === referralId),
    );
    const withdrawn = await ok(act(id, 'withdraw-consent', { consentId, reason: 'the returnee changed her mind' }));
    expect(withdrawn.consents.find((c: { id: string }) => c.id === consentId).withdrawnAt).toEqual(expect.any(String));
    expect((await act(id, 'withdraw-consent', { consentId, reason: 'twice' })).status).toBe(409);
    const revoked = await eventually('referral.revoked at the receiver', () =>
      ppa.delivered('referral.revoked').find((r) => r.json.data.referralId === referralId),
    );
    expect(
      verifyRujukanWebhook({ rawBody: revoked.body, signatureHeader: revoked.signature, secret: ppaSecret }).ok,
    ).toBe(true);
    const c = await eventually('the referral REVOKED on the case', async () => {
      const now = await ok(sut.http('GET', `/api/v1/cases/${id}`));
      return now.referrals.find((r: { id: string }) => r.id === referralId).status === 'REVOKED' && now;
    });
    // no consent left to refer on: a new one first (allowedActions lists only what would be accepted)
    expect(c.allowedActions).toEqual(expect.arrayContaining(['record-consent']));
    expect(c.allowedActions).not.toContain('send-referral');
    expect((await sut.http('POST', `/api/v1/referrals/${referralId}/accept`, {}, partner)).status).toBe(409);
  });

  it('should let a supervisor refer a HIGH case without consent on vital interest, with a review due in 24 h that the supervisor records', async () => {
    const inboxTask = async (caseId: string) =>
      (await ok(sut.http('GET', '/api/v1/inbox?limit=200', undefined, spv))).items.find(
        (t: { caseId: string; kind: string }) => t.caseId === caseId && t.kind === 'SUPERVISOR_REVIEW',
      );
    const id = await caseAtReferral({ disability: true });
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).riskTier).toBe('HIGH');
    const byCaseworker = await act(id, 'send-referral', {
      agencyId: UPTD_PPA,
      services: ['SHELTER'],
      legalBasis: 'VITAL_INTEREST',
    });
    // a caseworker's waits for a supervisor's approval (issue 16); this one the supervisor sends back
    expect(byCaseworker.status).toBe(200);
    const prepared = byCaseworker.body.referrals[0];
    expect(prepared.status).toBe('PENDING_APPROVAL');
    await ok(act(id, 'reject-referral', { referralId: prepared.id, reason: 'dikirim sendiri' }, spv));
    const sent = await ok(
      act(id, 'send-referral', { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' }, spv),
    );
    const referral = sent.referrals.find(
      (r: { agencyId: string; status: string }) => r.agencyId === UPTD_PPA && r.status === 'SENT',
    );
    expect(referral).toMatchObject({ legalBasis: 'VITAL_INTEREST', consentId: null, status: 'SENT' });
    // the partner is told, as for any referral, and the review waits in the supervisors' inbox, due within 24 h
    await eventually('referral.sent at the receiver', () =>
      ppa.delivered('referral.sent').find((r) => r.json.data.referralId === referral.id),
    );
    const task = await inboxTask(id);
    expect(Date.parse(task.dueAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(Date.parse(task.dueAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(sent.allowedActions).toContain('review-referral'); // the supervisor's answer
    // a caseworker's
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).allowedActions).not.toContain('review-referral');

    // bad reviews: wrong role, bad payload, a referral that is not vital-interest or not of this case
    const review = (payload: unknown, who: Record<string, string> = spv) => act(id, 'review-referral', payload, who);
    // a caseworker
    expect((await review({ referralId: referral.id, outcome: 'UPHELD', notes: 'x' }, {})).status).toBe(403);
    const bad = await review({ referralId: referral.id, outcome: 'MAYBE' });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'payload.notes',
      'payload.outcome',
    ]);
    const other = await review({ referralId: '6b1a8a4e-0000-4000-8000-000000000000', outcome: 'UPHELD', notes: 'x' });
    expect([other.status, other.body.message]).toEqual([409, expect.stringContaining('no referral with that id')]);
    expect(await inboxTask(id)).toBeDefined();

    const upheld = await ok(
      review({
        referralId: referral.id,
        outcome: 'UPHELD',
        notes: 'unconscious on arrival; consent to be asked once she can answer',
      }),
    );
    expect(upheld.referrals.find((r: { id: string }) => r.id === referral.id).status).toBe('SENT');
    expect(await inboxTask(id)).toBeUndefined();
    const again = await review({ referralId: referral.id, outcome: 'REVOKED', notes: 'twice' });
    expect([again.status, again.body.message]).toEqual([409, expect.stringContaining('already been reviewed')]);
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`, undefined, spv));
    // the review's notes are a note of the case file, named by the review's event
    const reviewed = timeline.events
      .filter((e: { type: string }) => e.type === 'referral.reviewed')
      .map((e: { data: unknown }) => e.data);
    expect(reviewed).toEqual([
      expect.objectContaining({ outcome: 'UPHELD', referralStatus: 'SENT', noteId: expect.any(String) }),
    ]);
    const note = timeline.events.find(
      (e: { type: string; data: { noteId?: string } }) =>
        e.type === 'note.added' && e.data.noteId === reviewed[0].noteId,
    );
    expect(note).toMatchObject({
      data: { action: 'review-referral' },
      note: { text: expect.stringContaining('unconscious') },
    });

    // a review that revokes: the referral ends and the partner is told
    const id2 = await caseAtReferral({ disability: true });
    const sent2 = await ok(
      act(id2, 'send-referral', { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'VITAL_INTEREST' }, spv),
    );
    const referral2 = sent2.referrals.find((r: { agencyId: string }) => r.agencyId === UPTD_PPA).id as string;
    const consented = await ok(
      act(id2, 'record-consent', {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories: ['HEALTH'],
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    expect(consented.consents).toHaveLength(1);
    const refused = await act(
      id2,
      'review-referral',
      { referralId: referral2, outcome: 'REVOKED', notes: 'the returnee could be asked after all' },
      spv,
    );
    expect(refused.status).toBe(200);
    const told = await eventually('referral.revoked at the receiver', () =>
      ppa.delivered('referral.revoked').find((r) => r.json.data.referralId === referral2),
    );
    expect(told.body).not.toContain('asked after all'); // the review's notes stay in the case
    const partnerView = (await ok(sut.http('GET', '/api/v1/referrals?limit=200', undefined, partner))).items.find(
      (r: { id: string }) => r.id === referral2,
    );
    expect(partnerView?.reason ?? '').not.toContain('asked after all');
    await eventually(
      'the referral REVOKED on the case',
      async () =>
        (await ok(sut.http('GET', `/api/v1/cases/${id2}`))).referrals.find((r: { id: string }) => r.id === referral2)
          .status === 'REVOKED',
    );
    expect(await inboxTask(id2)).toBeUndefined();
  });
});
