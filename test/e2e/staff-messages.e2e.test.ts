// Issue 18: every reminder and escalation reaches the person who must act, by email through a real SMTP server
// (smtp-server, on loopback) and by the office's WhatsApp/SMS gateway (a loopback receiver that checks the
// signature), with deadlines passing for real under SLA_TIME_SCALE. Each message once, in its reader's language, with
// no returnee's name; a user who switched reminders off by email gets none; a message the server will not take is
// retried, FAILED past its budget, listed for an administrator and sent again.
import { DEMO_USERS } from '../../src/database/seed';
import { DIGEST_WORKFLOW_TYPE } from '../../workflows/digest.workflow';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp';
import { WebhookReceiver } from '../support/webhook-receiver';

const NAME = 'Wa Ode Nurhaya';
const registration = {
  person: {
    fullName: NAME,
    sex: 'F',
    dateOfBirth: '1991-03-14',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
  },
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T09:00:00+08:00', fromCountry: 'MY' },
  category: 'TPPO_VICTIM',
};

type Row = { id: string; kind: string; channel: string; user_id: string; status: string; language: string };

describe('messages to staff: email over SMTP and the office gateway, with deadlines passing', () => {
  let sut: E2eStack;
  let smtp: SmtpTestServer;
  let gateway: WebhookReceiver;
  let admin: Record<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    gateway = new WebhookReceiver();
    await gateway.start();
    sut = await startE2eStack({
      SLA_TIME_SCALE: '0.0005',
      SMTP_URL: smtp.url,
      MESSAGE_FIRST_RETRY_SECONDS: '0.2',
      MESSAGE_MAX_RETRY_INTERVAL_SECONDS: '0.5',
      MESSAGE_RETRY_BUDGET_SECONDS: '3',
    });
    admin = sut.as(await sut.login('admin'));
    // the supervisor reads English; everyone else the default, Bahasa Indonesia
    await sut.db.query(`UPDATE users SET language = 'en' WHERE username = 'spv.palu'`);
  });
  afterAll(async () => {
    await sut?.stop();
    await smtp?.stop();
    await gateway?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function messagesOf(caseId: string): Promise<Row[]> {
    return (
      await sut.db.query(
        `SELECT id, kind, channel, user_id, status, language FROM staff_messages WHERE case_id = $1 ORDER BY created_at`,
        [caseId],
      )
    ).rows as Row[];
  }

  async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const received = (id: string) => smtp.mails.filter((m) => m.messageId === `<${id}@rujukan>`);

  it('should mail the 50 % and 80 % reminders to the assignee, level 1 to the supervisor and level 2 to the head, each once, in their language', async () => {
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    // the registration step runs late: reminders, the breach and level 1, then level 2 at 200 %
    const rows = await until('level 2 mailed to the head', async () => {
      const r = await messagesOf(id);
      const l2 = r.find((x) => x.kind === 'ESCALATION_2' && x.user_id === DEMO_USERS.headPalu.id);
      return l2 && received(l2.id).length > 0 ? r : null;
    });
    const email = rows.filter((r) => r.channel === 'EMAIL');
    const one = (kind: string, userId: string) => {
      const mine = email.filter((r) => r.kind === kind && r.user_id === userId);
      expect(mine).toHaveLength(1);
      return mine[0];
    };
    const r50 = one('REMINDER_50', DEMO_USERS.cwPalu.id);
    const r80 = one('REMINDER_80', DEMO_USERS.cwPalu.id);
    const l1 = one('ESCALATION_1', DEMO_USERS.spvPalu.id);
    const l2 = one('ESCALATION_2', DEMO_USERS.headPalu.id);
    for (const row of [r50, r80, l1, l2]) {
      await until(`message ${row.kind} received`, async () => received(row.id).length > 0);
      const [mail, ...again] = received(row.id);
      expect(again).toEqual([]);
      const to = { [DEMO_USERS.cwPalu.id]: 'cw.palu', [DEMO_USERS.spvPalu.id]: 'spv.palu' }[row.user_id] ?? 'head.palu';
      expect(mail.to).toEqual([`${to}@rujukan.test`]);
      expect(mail.text).toContain(`/cases/${id}`);
      expect(mail.html).toContain(`/cases/${id}`);
      for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(NAME);
    }
    const caseNumber = (await ok(sut.http('GET', `/api/v1/cases/${id}`))).caseNumber as string;
    expect(received(r50.id)[0].subject).toContain(caseNumber);
    // Bahasa Indonesia for the caseworker and the head, English for the supervisor who chose it
    expect(received(r50.id)[0].headers['content-language']).toBe('id');
    expect(received(l2.id)[0].headers['content-language']).toBe('id');
    expect(received(l1.id)[0].headers['content-language']).toBe('en');
    expect(received(r50.id)[0].subject).toMatch(/^\[Rujukan\] Pengingat/);
    expect(received(r80.id)[0].subject).toMatch(/^\[Rujukan\] Segera/);
    expect(received(l1.id)[0].subject).toMatch(/[Ee]scalat/);
    // every attempt is recorded
    const attempts = await sut.db.query(
      `SELECT count(*)::int AS n FROM staff_message_attempts WHERE message_id = ANY($1::uuid[]) AND ok`,
      [[r50.id, r80.id, l1.id, l2.id]],
    );
    expect(attempts.rows[0].n).toBe(4);
  }, 120000);

  it('should send no reminder email to a caseworker who switched reminders off, while the in-app list keeps them', async () => {
    const cw2 = sut.as(await sut.login('cw2.palu'));
    await sut.db.query(
      `INSERT INTO notification_preferences (user_id, kind, channel, enabled)
       VALUES ($1, 'REMINDER_50', 'EMAIL', false), ($1, 'REMINDER_80', 'EMAIL', false)`,
      [DEMO_USERS.cw2Palu.id],
    );
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration, cw2))).id as string;
    await until('level 1 mailed', async () =>
      (await messagesOf(id)).some((r) => r.kind === 'ESCALATION_1' && r.status === 'SENT'),
    );
    const rows = await messagesOf(id);
    expect(rows.filter((r) => r.user_id === DEMO_USERS.cw2Palu.id && r.kind.startsWith('REMINDER'))).toEqual([]);
    const inApp = await sut.db.query(`SELECT kind FROM alerts WHERE case_id = $1 AND user_id = $2 ORDER BY kind`, [
      id,
      DEMO_USERS.cw2Palu.id,
    ]);
    expect(inApp.rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['REMINDER_50', 'REMINDER_80']));
  }, 120000);

  it('should post signed gateway messages to the office gateway, retry a refusal, fail past the budget and send again on an administrator’s word', async () => {
    const office = DEMO_USERS.cwPalu.officeId!;
    const set = await sut.http('PUT', `/api/v1/offices/${office}/message-gateway`, { url: gateway.url }, admin);
    expect(set.status).toBe(200);
    expect(set.body.signingSecret).toMatch(/^whsec_/);
    gateway.secrets = [set.body.signingSecret];
    // the offices' list says where the office's messages go, never with the secret
    const offices = (await ok(sut.http('GET', '/api/v1/offices', undefined, admin))) as Record<string, unknown>[];
    expect(offices.find((o) => o.id === office)).toMatchObject({ messageGatewayUrl: gateway.url });
    expect(JSON.stringify(offices)).not.toContain(set.body.signingSecret);
    expect((await sut.http('PUT', `/api/v1/offices/${office}/message-gateway`, { url: 'ftp://x' }, admin)).status).toBe(
      422,
    );
    expect((await sut.http('PUT', `/api/v1/offices/${office}/message-gateway`, { url: gateway.url })).status).toBe(403);
    await sut.db.query(`UPDATE users SET phone = '+6281234567890' WHERE username = 'cw.palu'`);
    // the gateway refuses everything for a while: the first reminder's attempts run out (budget 3 s)
    gateway.failNext(1000);
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    const failed = await until('a gateway message failed', async () =>
      (await messagesOf(id)).find((r) => r.channel === 'GATEWAY' && r.status === 'FAILED'),
    );
    const list = await ok(sut.http('GET', '/api/v1/staff-messages?status=FAILED', undefined, admin));
    const listed = list.items.find((m: { id: string }) => m.id === failed.id);
    expect(listed).toMatchObject({ channel: 'GATEWAY', kind: failed.kind, caseId: id, lastError: expect.any(String) });
    expect(listed.attempts).toBeGreaterThan(1);
    expect((await sut.http('GET', '/api/v1/staff-messages')).status).toBe(403);

    gateway.script = [];
    const again = await sut.http('POST', `/api/v1/staff-messages/${failed.id}/resend`, undefined, admin);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: failed.id, status: 'PENDING', round: 1 });
    await until('the resent message delivered', async () => {
      const [row] = (await sut.db.query(`SELECT status FROM staff_messages WHERE id = $1`, [failed.id])).rows;
      return row.status === 'SENT';
    });
    const posts = gateway.received.filter((r) => r.answered === 200 && r.json?.id === failed.id);
    expect(posts).toHaveLength(1);
    expect(posts[0].verified).toBe(true);
    expect(posts[0].eventId).toBe(failed.id);
    const body = posts[0].json;
    expect(body).toMatchObject({ to: '+6281234567890', language: 'id', caseId: id, link: expect.stringContaining(id) });
    expect(body.text).not.toContain(NAME);
    // a message that has not failed is not sent again; an unknown one is not found
    expect((await sut.http('POST', `/api/v1/staff-messages/${failed.id}/resend`, undefined, admin)).status).toBe(409);
    expect(
      (await sut.http('POST', `/api/v1/staff-messages/00000000-0000-4000-8000-000000000000/resend`, undefined, admin))
        .status,
    ).toBe(404);
    expect((await sut.http('DELETE', `/api/v1/offices/${office}/message-gateway`, undefined, admin)).status).toBe(204);
    const after = (await ok(sut.http('GET', '/api/v1/offices', undefined, admin))) as Record<string, unknown>[];
    expect(after.find((o) => o.id === office)).toMatchObject({ messageGatewayUrl: null });
  }, 120000);

  it('should mail the morning digest of an office at its 07:00 (WITA), once however often the hour is run', async () => {
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    const caseNumber = (await ok(sut.http('GET', `/api/v1/cases/${id}`))).caseNumber as string;
    // the last 07:00 WITA (23:00Z) that has passed; the case's registration task was due an hour before it
    const now = Date.now();
    let at = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 23);
    if (at > now) at -= 24 * 3600_000;
    await sut.db.query(`UPDATE tasks SET due_at = $2 WHERE case_id = $1 AND status = 'OPEN'`, [
      id,
      new Date(at - 3600_000),
    ]);
    const run = (n: number) =>
      sut.temporal.workflow.execute(DIGEST_WORKFLOW_TYPE, {
        workflowId: `digest-test-${sut.taskQueue}-${n}`,
        taskQueue: sut.taskQueue,
        args: [{ nextAt: new Date(at).toISOString(), hours: 1 }],
      });
    await run(1);
    const digestOf = async (userId: string) =>
      (
        await sut.db.query(`SELECT id, status, language FROM staff_messages WHERE kind = 'DIGEST' AND user_id = $1`, [
          userId,
        ])
      ).rows as { id: string; status: string; language: string }[];
    const [mine] = await until('the digest of cw.palu sent', async () => {
      const rows = await digestOf(DEMO_USERS.cwPalu.id);
      return rows[0]?.status === 'SENT' ? rows : null;
    });
    const [mail] = received(mine.id);
    expect(mail.to).toEqual(['cw.palu@rujukan.test']);
    expect(mail.subject).toMatch(/^\[Rujukan\] Ringkasan pagi .*terlambat/);
    expect(mail.text).toContain(caseNumber);
    expect(mail.text).toMatch(/Terlambat \(\d+\):/);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(NAME);
    // the supervisor had nothing due or overdue at that hour (the case's escalation opened after it): no digest
    expect(await digestOf(DEMO_USERS.spvPalu.id)).toEqual([]);
    // the same hour again: nobody gets a second digest
    await run(2);
    expect(await digestOf(DEMO_USERS.cwPalu.id)).toHaveLength(1);
    expect(
      smtp.mails.filter((m) => m.subject.includes('Ringkasan pagi') && m.to[0] === 'cw.palu@rujukan.test'),
    ).toHaveLength(1);
  }, 120000);
});
