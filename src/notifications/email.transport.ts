// Email to staff over SMTP (nodemailer): one message per call, both parts, a stable Message-ID so that a receiver
// (or a person) can tell a resend from a new message. Off unless SMTP_URL is set. No framework imports: the worker's
// activities build it once from the environment.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { ConfigError, readInt, readOptional } from '../config/env';
import type { MessageLanguage, Rendered } from './kinds';

// Development default only (the reserved .test domain): a real deployment sets SMTP_FROM.
export const DEV_SMTP_FROM = 'Rujukan <rujukan@rujukan.test>';

export type EmailConfig = {
  // smtp://host:port (STARTTLS when the server offers it) or smtps://host:port (TLS from the start); user:password@
  // in the URL when the server wants a login
  url: string;
  from: string;
  // a dead or silent server fails the attempt in about this long instead of holding it
  timeoutMs: number;
};

export type EmailMessage = {
  // the staff message's id: the Message-ID is <id@rujukan> on every attempt
  messageId: string;
  to: string;
  rendered: Rendered;
  language: MessageLanguage;
};

// permanent: the server refused for good (5xx: no such mailbox, refused sender), so retrying will not help
export type EmailResult = { accepted: boolean; response: string; permanent: boolean };

const ADDRESS = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+\.[^\s@,;<>"()[\]\\]+$/;

export function readEmailConfig(env: NodeJS.ProcessEnv = process.env): EmailConfig | null {
  const url = readOptional(env, 'SMTP_URL');
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('SMTP_URL is not a URL: write it as smtp://host:port or smtps://host:port');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  if (!parsed.hostname) throw new ConfigError('SMTP_URL has no host: write it as smtp://host:port');
  return {
    url,
    from: readOptional(env, 'SMTP_FROM') ?? DEV_SMTP_FROM,
    timeoutMs: readInt(env, 'SMTP_TIMEOUT_MS', 10_000, 100, 120_000),
  };
}

export class EmailTransport {
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  // null when SMTP_URL is not set (email off); a malformed SMTP_URL stops the process at boot (ConfigError)
  static fromEnv(env: NodeJS.ProcessEnv = process.env): EmailTransport | null {
    const config = readEmailConfig(env);
    return config ? new EmailTransport(config) : null;
  }

  constructor(private readonly config: EmailConfig) {
    const url = new URL(config.url);
    this.transporter = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // a few connections kept open, so a burst of messages does not open one each
      pool: true,
      maxConnections: 5,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs * 2,
      dnsTimeout: config.timeoutMs,
    });
  }

  // "smtp://mail.example.org:587 as Rujukan <rujukan@…>", without the password, for the startup line
  describe(): string {
    const url = new URL(this.config.url);
    return `${url.protocol}//${url.host} as ${this.config.from}`;
  }

  async send(m: EmailMessage): Promise<EmailResult> {
    if (!ADDRESS.test(m.to)) return { accepted: false, response: 'not an email address', permanent: true };
    try {
      const info = await this.transporter.sendMail({
        from: this.config.from,
        to: m.to,
        subject: m.rendered.subject,
        text: m.rendered.text,
        html: m.rendered.html,
        messageId: `<${m.messageId}@rujukan>`,
        headers: {
          'Content-Language': m.language,
          // RFC 3834: no vacation replies to a machine
          'Auto-Submitted': 'auto-generated',
        },
      });
      const accepted = info.accepted.length > 0 && info.rejected.length === 0;
      return { accepted, response: info.response, permanent: !accepted };
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string; response?: string };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      return { accepted: false, response: e.response ?? (e.code ? `${e.code}: ${e.message}` : e.message), permanent };
    }
  }

  close(): void {
    this.transporter.close();
  }
}
