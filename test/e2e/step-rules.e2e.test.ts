// Rules 3, 10 and 11 of issue 16 over real HTTP, PostgreSQL and Temporal, with deadlines passing (SLA_TIME_SCALE
// shrinks an hour to 1.8 s): the alert rows of each reminder, breach and escalation, one per recipient and written
// once, the signed case.escalated webhook to the provincial task force at a loopback receiver, the shelter's limits
// and a refused extension, and the handover counted from fit-to-travel with its witness kept in PostgreSQL and
// printed on the berita acara.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AGENCIES, DEMO_USERS } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyRujukanWebhook } = require('../../docs/verify-rujukan-webhook.js') as {
  verifyRujukanWebhook: (args: { rawBody: string; signatureHeader?: string; secret: string }) => { ok: boolean };
};

const SCALE = 0.0005;
const HOUR = 3600_000;
const TASK_FORCE = DEMO_AGENCIES.gugusTugasSulteng.id;
const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const NAME = 'Sitti Rahmah Lamakarate';
const WITNESS = 'Kepala Desa Towale';

type Hook = { type: string; signature: string; body: string };

describe('step rules over HTTP: alert recipients, the task force webhook, shelter and handover timing', () => {
  let sut: E2eStack;
  let spv: Record<string, string>;
  let admin: Record<string, string>;
  let partner: Record<string, string>;
  let secret = '';
  const hooks: Hook[] = [];
  let receiver: Server;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: String(SCALE) });
    [spv, admin, partner] = (await Promise.all(['spv.palu', 'admin', 'ppa.sulteng'].map((u) => sut.login(u)))).map(
      (t) => sut.as(t),
    );
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push({
          type: String(req.headers['rujukan-event-type']),
          signature: String(req.headers['rujukan-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gugus-tugas`;
    secret = (await ok(sut.http('PATCH', `/api/v1/partner-agencies/${TASK_FORCE}`, { webhookUrl: url }, admin)))
      .signingSecret;
  });
  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  const act = (id: string, type: string, payload: unknown = {}, as: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, as);

  async function register(category: string): Promise<string> {
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName: NAME,
          sex: 'F',
          dateOfBirth: '1990-04-12',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
        category,
      }),
    );
    return created.id as string;
  }

  // Registered, screened with these flags, referred to UPTD PPA; accepted unless told not to.
  async function referred(flags: Record<string, boolean>, accept = true): Promise<string> {
    const id = await register('DEPORTEE');
    await ok(act(id, 'complete-registration'));
    await ok(act(id, 'complete-screening', { indicators: [], flags }));
    const consented = await ok(
      act(id, 'record-consent', {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories: ['HEALTH'],
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    const consentId = consented.consents[0].id as string;
    const sent = await ok(
      act(id, 'send-referral', { agencyId: UPTD_PPA, services: ['SHELTER'], legalBasis: 'CONSENT', consentId }),
    );
    if (!accept) return id;
    await ok(sut.http('POST', `/api/v1/referrals/${sent.referrals[0].id}/accept`, {}, partner));
    await until('the case past REFERRAL', async () => {
      const c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
      return c.currentStep !== 'REFERRAL';
    });
    return id;
  }

  type AlertRow = { kind: string; user_id: string | null; agency_id: string | null; type: string; event_seq: number };
  async function alerts(caseId: string): Promise<AlertRow[]> {
    return (
      await sut.db.query(
        `SELECT a.kind, a.user_id, a.agency_id, a.event_seq, e.type FROM alerts a
           JOIN case_events e ON e.case_id = a.case_id AND e.seq = a.event_seq
          WHERE a.case_id = $1 ORDER BY a.event_seq, a.user_id NULLS LAST, a.agency_id`,
        [caseId],
      )
    ).rows as AlertRow[];
  }
  const user = (id: string) => ({ user_id: id, agency_id: null });
  const agency = (id: string) => ({ user_id: null, agency_id: id });

  it('should write one alert row per recipient from the 50 % reminder to level 2 at 200 %, and sign the task force its webhook', async () => {
    // a trafficking victim is HIGH until screened: the registration is due in 1 h (1.8 s), level 2 at 3.6 s
    const id = await register('TPPO_VICTIM');
    const rows = await until('the level-2 alerts', async () => {
      const r = await alerts(id);
      return r.filter((a) => a.kind === 'ESCALATION_2').length === 2 && r;
    });
    expect(rows.map(({ kind, type, user_id, agency_id }) => ({ kind, type, user_id, agency_id }))).toEqual([
      { kind: 'REMINDER_50', type: 'sla.reminder', ...user(DEMO_USERS.cwPalu!.id) },
      { kind: 'REMINDER_80', type: 'sla.reminder', ...user(DEMO_USERS.cwPalu!.id) },
      { kind: 'BREACH', type: 'sla.breached', ...user(DEMO_USERS.spvPalu!.id) },
      { kind: 'ESCALATION_1', type: 'escalation.opened', ...user(DEMO_USERS.spvPalu!.id) },
      { kind: 'ESCALATION_2', type: 'escalation.opened', ...user(DEMO_USERS.headPalu!.id) },
      { kind: 'ESCALATION_2', type: 'escalation.opened', ...agency(TASK_FORCE) },
    ]);

    // ids only: no column could hold a name
    const columns = await sut.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'alerts' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((c: { column_name: string }) => c.column_name)).toEqual([
      'id',
      'case_id',
      'event_seq',
      'kind',
      'user_id',
      'agency_id',
      'escalation_id',
      'created_at',
      'read_at',
    ]);
    // written once: a retried activity's second write of the same recipient and event changes nothing
    const head = rows[4]!;
    const again = await sut.db.query(
      `INSERT INTO alerts (case_id, event_seq, kind, user_id) VALUES ($1, $2, 'ESCALATION_2', $3) ON CONFLICT DO NOTHING`,
      [id, head.event_seq, head.user_id],
    );
    expect(again.rowCount).toBe(0);
    await expect(
      sut.db.query(`INSERT INTO alerts (case_id, event_seq, kind, agency_id) VALUES ($1, $2, 'ESCALATION_2', $3)`, [
        id,
        head.event_seq,
        TASK_FORCE,
      ]),
    ).rejects.toThrow(/alerts_agency_once/);

    // the task force's webhook: signed, the escalation's ids and codes, the minimum profile and no name
    const hook = await until('case.escalated at the task force', async () =>
      hooks.find((h) => h.type === 'case.escalated'),
    );
    expect(verifyRujukanWebhook({ rawBody: hook.body, signatureHeader: hook.signature, secret }).ok).toBe(true);
    const escalation = (await sut.db.query(`SELECT id FROM escalations WHERE case_id = $1 AND level = 2`, [id]))
      .rows[0] as { id: string };
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'case.escalated',
      data: { escalationId: escalation.id, level: 2, kind: 'STEP', step: 'REGISTRATION' },
    });
    expect(hook.body).not.toContain('Sitti');
    expect(hook.body).not.toContain('Lamakarate');
  }, 60000);

  it("should take a silent partner's level 2 to the head of the partner unit as well", async () => {
    // HIGH by disability: the partner's acknowledgement is due in 2 h (3.6 s), level 2 at 7.2 s
    const id = await referred({ disability: true }, false);
    const rows = await until('the partner head alert', async () => {
      const r = await alerts(id);
      return r.some((a) => a.agency_id === UPTD_PPA) && r;
    });
    const level2 = rows.filter(
      (a) => a.kind === 'ESCALATION_2' && a.event_seq === rows.find((r) => r.agency_id === UPTD_PPA)!.event_seq,
    );
    expect(level2.map(({ user_id, agency_id }) => ({ user_id, agency_id }))).toEqual(
      expect.arrayContaining([
        user(DEMO_USERS.headPalu!.id),
        agency(UPTD_PPA),
        // the head of the partner's unit by name, as well as the agency (its webhook)
        user(DEMO_USERS.ppaSulteng!.id),
        agency(TASK_FORCE),
      ]),
    );
    expect(level2).toHaveLength(4);
  }, 60000);

  it('should hold the shelter to 14 days in all and let only a supervisor refuse an extension, with a reason', async () => {
    const id = await referred({ needsShelter: true });
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).currentStep).toBe('SHELTER');
    await ok(act(id, 'start-shelter', { shelterKind: 'RUMAH_RAMAH' }));
    const noneWaiting = await act(id, 'reject-shelter-extension', { reason: 'keluarga sudah siap' }, spv);
    expect([noneWaiting.status, noneWaiting.body.message]).toEqual([
      409,
      'no shelter extension is waiting for approval',
    ]);
    const tooLong = await act(id, 'request-shelter-extension', { days: 8, reason: 'keluarga belum ditemukan' });
    expect([tooLong.status, tooLong.body.message]).toEqual([
      409,
      'a shelter stay lasts at most 14 days in all (7 more days left)',
    ]);
    await ok(act(id, 'request-shelter-extension', { days: 7, reason: 'keluarga belum ditemukan' }));
    expect((await act(id, 'reject-shelter-extension', { reason: 'keluarga sudah siap' })).status).toBe(403);
    const blank = await act(id, 'reject-shelter-extension', { reason: '  ' }, spv);
    expect(blank.status).toBe(422);
    expect(blank.body.details.map((d: { field: string }) => d.field)).toEqual(['payload.reason']);
    const refused = await ok(act(id, 'reject-shelter-extension', { reason: 'keluarga sudah siap menjemput' }, spv));
    // the supervisor's answer lists what the supervisor may do now: nothing waits for approval
    expect(refused.allowedActions).not.toContain('approve-shelter-extension');
    expect(refused.allowedActions).toContain('request-shelter-extension');
    const events = await sut.db.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'shelter.extension_rejected'`,
      [id],
    );
    expect(events.rows.map((r: { data: Record<string, unknown> }) => r.data.days)).toEqual([7]);
  }, 90000);

  it('should count a MEDIUM handover from fit-to-travel, keep the witness in PostgreSQL and print the name', async () => {
    const id = await referred({ elderly: true });
    await ok(act(id, 'record-refusal', { signedBy: 'SELF' }));
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).currentStep).toBe('RETURN_HANDOVER');

    const bad = await act(id, 'record-fit-to-travel', { at: 'kemarin sore' });
    expect([bad.status, bad.body.details[0].field]).toEqual([422, 'payload.at']);
    const future = await act(id, 'record-fit-to-travel', { at: new Date(Date.now() + 3_600_000).toISOString() });
    expect([future.status, future.body.message]).toEqual([409, 'payload.at must not be in the future']);
    const fit = new Date(Date.now() - 10_000).toISOString();
    const counted = await ok(act(id, 'record-fit-to-travel', { at: fit }));
    // 3 working days, scaled as a plain span
    expect(Date.parse(counted.dueAt)).toBe(Date.parse(fit) + Math.round(3 * 24 * HOUR * SCALE));
    await ok(act(id, 'record-arrival-home'));

    await ok(act(id, 'record-handover', { handedTo: 'FAMILY', witnessedBy: WITNESS }));
    const witness = (await sut.db.query(`SELECT id, name FROM handover_witnesses WHERE case_id = $1`, [id])).rows;
    expect(witness).toEqual([{ id: expect.any(String), name: WITNESS }]);
    const handover = (
      await sut.db.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'handover.completed'`, [id])
    ).rows[0].data as Record<string, unknown>;
    expect(handover).toEqual({ handedTo: 'FAMILY', witnessId: witness[0].id });
    const types = (await sut.db.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [id])).rows.map(
      (r: { type: string }) => r.type,
    );
    expect(types).toEqual(expect.arrayContaining(['return.fit_to_travel', 'return.arrived_home']));

    const res = await fetch(`${sut.baseUrl}/api/v1/cases/${id}/letters/handover`, {
      headers: { authorization: `Bearer ${await sut.login('cw.palu')}` },
    });
    expect(res.status).toBe(200);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(await res.arrayBuffer()),
    }).toString('utf8');
    expect(text).toContain(WITNESS);
  }, 90000);
});
