// Issue 18: the worker killed with SIGKILL in the middle of a burst of reminder and escalation mails. Every alert of
// a person is mailed, none is queued twice, and every mail the SMTP server holds is one of the queued messages. A
// retry after the kill may hand the server a message it had already accepted (the moment between its "250 OK" and
// our record of it): that copy carries the same Message-ID, by which a mail program shows it once, and this test
// counts it as the mailbox does.
import { stopProcess, type Managed } from '../../scripts/infra/processes';
import { nodeProcess, startE2eStack, type E2eStack } from '../support/e2e-stack';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp';
import { processEnv } from './harness';

const CASES = 12;
const registration = (i: number) => ({
  person: {
    fullName: `Peserta Uji ${i}`,
    sex: i % 2 ? 'F' : 'M',
    dateOfBirth: '1990-01-01',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
  },
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T09:00:00+08:00', fromCountry: 'MY' },
  category: 'TPPO_VICTIM',
});

describe('fault: the worker killed in a burst of staff mails', () => {
  let sut: E2eStack;
  let smtp: SmtpTestServer;
  let replacement: Managed | null = null;
  const env = (url: string) => ({
    SLA_TIME_SCALE: '0.0005',
    SMTP_URL: url,
    MESSAGE_FIRST_RETRY_SECONDS: '0.2',
    MESSAGE_MAX_RETRY_INTERVAL_SECONDS: '1',
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sut = await startE2eStack(env(smtp.url));
  });
  afterAll(async () => {
    if (replacement) await stopProcess(replacement, 'SIGTERM', 10000);
    await sut?.stop();
    await smtp?.stop();
  });

  it('should mail every alert once (by Message-ID) and queue nothing twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const r = await sut.http('POST', '/api/v1/cases', registration(i));
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    // the burst: reminders, breaches, level 1 and 2 of twelve cases within seconds; the worker dies a third in
    while (smtp.mails.length < 15) await new Promise((r) => setTimeout(r, 20));
    sut.worker.child.kill('SIGKILL');
    await sut.worker.exited;
    const killedAt = smtp.mails.length;
    replacement = nodeProcess('worker-2', 'worker', { ...processEnv(sut), ...env(smtp.url) });

    // settled: every case at level 2, and no message left to send (alone about 30 s; a CI run beside other files once
    // left 17 messages unsent after 120 s, so the bound is generous: what is asserted is that each is sent once)
    const end = Date.now() + 240000;
    for (;;) {
      const { rows } = await sut.db.query(
        `SELECT (SELECT count(DISTINCT case_id)::int FROM alerts WHERE case_id = ANY($1::uuid[]) AND kind = 'ESCALATION_2') AS l2,
                (SELECT count(*)::int FROM staff_messages WHERE case_id = ANY($1::uuid[]) AND status <> 'SENT') AS pending`,
        [ids],
      );
      if (rows[0].l2 === CASES && rows[0].pending === 0) break;
      if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(rows[0])}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000));

    // every alert of a person has exactly one email queued (all demo staff have an address)
    const unmailed = await sut.db.query(
      `SELECT a.id FROM alerts a LEFT JOIN staff_messages s ON s.alert_id = a.id AND s.channel = 'EMAIL'
        WHERE a.case_id = ANY($1::uuid[]) AND a.user_id IS NOT NULL AND s.id IS NULL`,
      [ids],
    );
    expect(unmailed.rows).toEqual([]);
    const twice = await sut.db.query(
      `SELECT alert_id FROM staff_messages WHERE case_id = ANY($1::uuid[]) GROUP BY alert_id, channel HAVING count(*) > 1`,
      [ids],
    );
    expect(twice.rows).toEqual([]);
    const { rows: messages } = await sut.db.query(
      `SELECT id FROM staff_messages WHERE case_id = ANY($1::uuid[]) AND channel = 'EMAIL'`,
      [ids],
    );
    expect(messages.length).toBeGreaterThanOrEqual(CASES * 4);

    // the mailbox: one mail per message, by Message-ID, and nothing that was not queued
    const queued = new Set(messages.map((m: { id: string }) => `<${m.id}@rujukan>`));
    const byId = new Map<string, typeof smtp.mails>();
    for (const mail of smtp.mails) byId.set(mail.messageId, [...(byId.get(mail.messageId) ?? []), mail]);
    expect([...byId.keys()].filter((id) => !queued.has(id))).toEqual([]);
    expect([...queued].filter((id) => !byId.has(id))).toEqual([]);
    // a copy sent again after the kill is the same mail, word for word
    const copies = [...byId.values()].filter((list) => list.length > 1);
    for (const list of copies)
      for (const m of list) expect([m.subject, m.text]).toEqual([list[0].subject, list[0].text]);
    process.stderr.write(
      `fault test (worker SIGKILL in a mail burst): ${messages.length} messages, ${smtp.mails.length} mails received ` +
        `(${killedAt} before the kill), ${copies.length} handed to the server twice and shown once by Message-ID; ` +
        `${smtp.connectionErrors.length} connection(s) broken by the kill (${smtp.connectionErrors.map((e) => e.message).join(', ')})\n`,
    );
  }, 420000);
});
