// The two message transports against real servers on loopback (no mocks): a real SMTP server (smtp-server, each
// message parsed with mailparser) and the signed-POST receiver the partner tests use. A message arrives whole, under
// its stable id; a dead, silent or refusing server fails the attempt with its reason, quickly.
import { createServer, type Server } from 'node:net';
import { ConfigError } from '../../src/config/env';
import { newSigningSecret } from '../../src/partners/secret-box';
import { DEV_SMTP_FROM, EmailTransport, readEmailConfig } from '../../src/notifications/email.transport';
import { GatewayTransport, type GatewayMessage } from '../../src/notifications/gateway.transport';
import type { MessageData } from '../../src/notifications/kinds';
import { caseLink, render } from '../../src/notifications/templates';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp';
import { WebhookReceiver } from '../support/webhook-receiver';

const ctx = { consoleUrl: 'http://127.0.0.1:3000', timeZone: 'Asia/Makassar' };
const data: MessageData = {
  kind: 'REMINDER_80',
  caseId: '5f0c7a52-1d8e-4f3a-9a55-0c1e2d3f4a5b',
  caseNumber: 'BP3MI-ST-2026-000123',
  step: 'SCREENING',
  riskTier: 'HIGH',
  dueAt: '2026-12-07T01:00:00.000Z',
};

// a port nothing listens on
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// a server that takes the connection and then says nothing
async function silentServer(): Promise<{ port: number; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, server };
}

async function timed<T>(f: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await f();
  return { result, ms: Date.now() - started };
}

describe('email transport (a real SMTP server on loopback)', () => {
  let smtp: SmtpTestServer;
  let email: EmailTransport;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    email = EmailTransport.fromEnv({ SMTP_URL: smtp.url, SMTP_TIMEOUT_MS: '2000' })!;
  });
  afterAll(async () => {
    email?.close();
    await smtp?.stop();
  });

  it.each(['id', 'en'] as const)(
    'should deliver a %s message with both parts, its Message-ID, the recipient and Content-Language',
    async (language) => {
      const rendered = render(data, language, ctx);
      const messageId = `0f6a-${language}`;
      const sent = await email.send({ messageId, to: 'cw.palu@rujukan.test', rendered, language });
      expect(sent).toEqual({ accepted: true, response: expect.stringMatching(/^250/), permanent: false });
      const got = await smtp.waitFor((m) => m.messageId === `<${messageId}@rujukan>`);
      expect(got.to).toEqual(['cw.palu@rujukan.test']);
      expect(got.from).toBe('rujukan@rujukan.test');
      expect(got.headers.from).toBe(DEV_SMTP_FROM);
      expect(got.subject).toBe(rendered.subject);
      expect(got.text.trim()).toBe(rendered.text.trim());
      expect(got.html.trim()).toBe(rendered.html.trim());
      expect(got.headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(got.headers['content-language']).toBe(language);
      expect(got.headers['auto-submitted']).toBe('auto-generated');
      expect(got.text).toContain(caseLink(ctx.consoleUrl, data.caseId));
    },
  );

  it('should send a retried message under the same Message-ID, so the receiver can tell it is the same', async () => {
    const rendered = render(data, 'id', ctx);
    for (let i = 0; i < 2; i++) {
      expect(
        (await email.send({ messageId: 'retried-1', to: 'spv.palu@rujukan.test', rendered, language: 'id' })).accepted,
      ).toBe(true);
    }
    await smtp.waitFor(
      (m) =>
        m.messageId === '<retried-1@rujukan>' && smtp.mails.filter((x) => x.messageId === m.messageId).length === 2,
    );
    expect(new Set(smtp.mails.filter((m) => m.to[0] === 'spv.palu@rujukan.test').map((m) => m.messageId))).toEqual(
      new Set(['<retried-1@rujukan>']),
    );
  });

  it('should report a refusal with the server reply: 4xx to retry, 5xx permanent', async () => {
    const rendered = render(data, 'id', ctx);
    smtp.refuseNext(1, 451);
    const busy = await email.send({ messageId: 'busy-1', to: 'cw.palu@rujukan.test', rendered, language: 'id' });
    expect(busy).toEqual({ accepted: false, response: expect.stringMatching(/^451 /), permanent: false });
    smtp.refuseNext(1, 550);
    const gone = await email.send({ messageId: 'gone-1', to: 'nobody@rujukan.test', rendered, language: 'id' });
    expect(gone).toEqual({ accepted: false, response: expect.stringMatching(/^550 /), permanent: true });
    expect(smtp.mails.some((m) => m.messageId === '<busy-1@rujukan>' || m.messageId === '<gone-1@rujukan>')).toBe(
      false,
    );
  });

  it('should refuse a recipient that is not one plain address, without sending', async () => {
    const rendered = render(data, 'id', ctx);
    const before = smtp.mails.length;
    for (const to of [
      'cw@rujukan.test, other@example.org',
      'cw@rujukan.test\r\nBcc: x@example.org',
      'no-at-sign',
      '',
    ]) {
      expect(await email.send({ messageId: 'bad-to', to, rendered, language: 'id' })).toEqual({
        accepted: false,
        response: 'not an email address',
        permanent: true,
      });
    }
    expect(smtp.mails.length).toBe(before);
  });

  it('should fail fast, with the reason, when nothing listens or the server never greets', async () => {
    const rendered = render(data, 'id', ctx);
    const refused = EmailTransport.fromEnv({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` })!;
    const r1 = await timed(() => refused.send({ messageId: 'r1', to: 'cw@rujukan.test', rendered, language: 'id' }));
    refused.close();
    expect(r1.result).toEqual({ accepted: false, response: expect.stringContaining('ECONNREFUSED'), permanent: false });
    expect(r1.ms).toBeLessThan(2000);

    const silent = await silentServer();
    const mute = EmailTransport.fromEnv({ SMTP_URL: `smtp://127.0.0.1:${silent.port}`, SMTP_TIMEOUT_MS: '300' })!;
    const r2 = await timed(() => mute.send({ messageId: 'r2', to: 'cw@rujukan.test', rendered, language: 'id' }));
    mute.close();
    silent.server.close();
    expect(r2.result.accepted).toBe(false);
    expect(r2.result.response).toMatch(/greeting|timeout/i);
    expect(r2.ms).toBeLessThan(2000);
  });

  it('should be off without SMTP_URL and stop the boot with a clear error for a malformed one', () => {
    expect(EmailTransport.fromEnv({})).toBeNull();
    expect(EmailTransport.fromEnv({ SMTP_URL: '  ' })).toBeNull();
    expect(readEmailConfig({ SMTP_URL: 'smtp://mail.example.org:587' })).toEqual({
      url: 'smtp://mail.example.org:587',
      from: DEV_SMTP_FROM,
      timeoutMs: 10_000,
    });
    expect(
      readEmailConfig({ SMTP_URL: 'smtps://mail.example.org', SMTP_FROM: 'BP3MI <noreply@bp3mi.go.id>' })?.from,
    ).toBe('BP3MI <noreply@bp3mi.go.id>');
    for (const [url, message] of [
      ['mail.example.org:25', /smtp:\/\/ or smtps:\/\//],
      ['not a url', /SMTP_URL is not a URL/],
      ['http://mail.example.org', /must start with smtp:\/\/ or smtps:\/\/, not http:\/\//],
      ['smtp://', /SMTP_URL has no host/],
    ] as const) {
      expect(() => EmailTransport.fromEnv({ SMTP_URL: url })).toThrow(ConfigError);
      expect(() => EmailTransport.fromEnv({ SMTP_URL: url })).toThrow(message);
    }
    expect(() => readEmailConfig({ SMTP_URL: 'smtp://h', SMTP_TIMEOUT_MS: 'soon' })).toThrow(/SMTP_TIMEOUT_MS/);
    const withLogin = EmailTransport.fromEnv({ SMTP_URL: 'smtps://rujukan:s3cret@mail.example.org:465' })!;
    expect(withLogin.describe()).toBe(`smtps://mail.example.org:465 as ${DEV_SMTP_FROM}`);
    withLogin.close();
  });
});

describe('gateway transport (the signed-POST receiver on loopback)', () => {
  const secret = newSigningSecret();
  const receiver = new WebhookReceiver();
  const gateway = new GatewayTransport(1000);
  const rendered = render(data, 'id', ctx);
  const message = (id: string): GatewayMessage => ({
    id,
    kind: 'REMINDER_80',
    to: '+6281234567890',
    language: 'id',
    text: rendered.short,
    caseId: data.caseId,
    caseNumber: data.caseNumber,
    link: caseLink(ctx.consoleUrl, data.caseId),
  });

  beforeAll(async () => {
    receiver.secrets = [secret];
    await receiver.start(0, '/gateway');
  });
  afterAll(() => receiver.stop());

  it('should POST the message signed as the partner webhooks are, with the message id as the event id', async () => {
    const sent = await gateway.send({ url: receiver.url, secrets: [secret], message: message('gw-1') });
    expect(sent).toEqual({ accepted: true, response: 'HTTP 200', statusCode: 200, latencyMs: expect.any(Number) });
    const got = await receiver.waitFor((r) => r.eventId === 'gw-1');
    expect(got.verified).toBe(true);
    expect(got.type).toBe('staff.reminder_80');
    expect(got.json).toEqual(message('gw-1'));
    expect(got.json.text.length).toBeLessThanOrEqual(480);
    expect(got.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('should sign with every secret in force during a rotation, and not verify with a secret not given', async () => {
    const next = newSigningSecret();
    await gateway.send({ url: receiver.url, secrets: [next, secret], message: message('gw-rot') });
    expect((await receiver.waitFor((r) => r.eventId === 'gw-rot')).verified).toBe(true);
    await gateway.send({ url: receiver.url, secrets: [next], message: message('gw-other') });
    expect((await receiver.waitFor((r) => r.eventId === 'gw-other')).verified).toBe(false);
  });

  it('should count a 500 as not accepted, and send the same body under the same id on the retry', async () => {
    receiver.failNext(2);
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(await gateway.send({ url: receiver.url, secrets: [secret], message: message('gw-500') }));
    expect(results.map((r) => [r.accepted, r.response, r.statusCode])).toEqual([
      [false, 'HTTP 500', 500],
      [false, 'HTTP 500', 500],
      [true, 'HTTP 200', 200],
    ]);
    const attempts = receiver.received.filter((r) => r.eventId === 'gw-500');
    expect(attempts.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    expect(attempts.every((r) => r.verified)).toBe(true);
  });

  it('should not follow a redirect (a 3xx is not accepted)', async () => {
    receiver.failNext(1, 302);
    expect(await gateway.send({ url: receiver.url, secrets: [secret], message: message('gw-302') })).toMatchObject({
      accepted: false,
      response: 'HTTP 302',
    });
  });

  it('should fail fast, with the reason, when nothing listens or the gateway does not answer', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/gateway`;
    const r1 = await timed(() => gateway.send({ url, secrets: [secret], message: message('gw-down') }));
    expect(r1.result).toMatchObject({ accepted: false, response: 'ECONNREFUSED', statusCode: null });
    expect(r1.ms).toBeLessThan(1000);

    const silent = await silentServer();
    const quick = new GatewayTransport(300);
    const r2 = await timed(() =>
      quick.send({ url: `http://127.0.0.1:${silent.port}/`, secrets: [secret], message: message('gw-mute') }),
    );
    silent.server.close();
    expect(r2.result).toMatchObject({ accepted: false, response: 'no answer in 300 ms', statusCode: null });
    expect(r2.ms).toBeLessThan(1500);
  });
});
