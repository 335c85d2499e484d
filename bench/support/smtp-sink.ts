// A real SMTP server (smtp-server) on loopback for the benches: it takes every message and notes when each
// Message-ID arrived; the bodies are read only for that header.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SmtpSink = {
  port: number;
  receivedAt: Map<string, number[]>;
  count: () => number;
  stop: () => Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const receivedAt = new Map<string, number[]>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks)
          .toString('utf8')
          .split(/\r?\n\r?\n/, 1)[0];
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
        const at = Date.now();
        receivedAt.set(id, [...(receivedAt.get(id) ?? []), at]);
        total += 1;
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    receivedAt,
    count: () => total,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
