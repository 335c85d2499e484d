// A real SMTP server on a free loopback port (smtp-server), as the tests' mail host: every message is parsed
// (mailparser) and kept as the recipient's mail program would show it. It can refuse the next messages, as a mail
// host that is full (4xx) or that knows no such mailbox (5xx) does.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { firstMatch } from './wait';

export type ReceivedMail = {
  // the Message-ID header, with its angle brackets
  messageId: string;
  // the envelope's recipients (RCPT TO)
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  // every header as it came, by its lower-case name (the first one of a name)
  headers: Record<string, string>;
  raw: string;
};

export type SmtpTestServer = {
  url: string;
  mails: ReceivedMail[];
  // the next n messages are refused with this reply (451: try again later; 550: no such mailbox)
  refuseNext: (n: number, code?: number) => void;
  waitFor: (predicate: (m: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  // the connections that broke (a client killed mid-conversation resets its connection), as smtp-server reported them
  connectionErrors: Error[];
  stop: () => Promise<void>;
};

export async function startSmtpServer(): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // plain text on loopback: no self-signed certificate for the client to refuse
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          const err = Object.assign(new Error(refusal >= 500 ? 'No such mailbox here' : 'Mailbox busy, try later'), {
            responseCode: refusal,
          });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const h of parsed.headerLines) {
              headers[h.key] ??= h.line.slice(h.line.indexOf(':') + 1).trim();
            }
            mails.push({
              messageId: parsed.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers,
              raw,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // smtp-server reports a broken connection (read ECONNRESET when a fault test kills the worker in the middle of a
  // mail) as the server's 'error' event, which with no listener would be thrown in the test's process and fail the
  // whole file after its tests had passed; kept here instead, for a test to look at
  const connectionErrors: Error[] = [];
  server.on('error', (err: Error) => connectionErrors.push(err));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuseNext: (n, code = 451) => refusals.push(...Array.from({ length: n }, () => code)),
    waitFor: (predicate, timeoutMs = 10_000) => firstMatch(mails, predicate, timeoutMs, 'the test SMTP server'),
    connectionErrors,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
