// A signed-POST receiver on loopback, as a partner agency's webhook endpoint or an office's message gateway runs one:
// answers from a script (then 200), records every request, and verifies each signature with the function
// docs/partners.md ships when it is given the secret(s).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstMatch } from './wait';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyRujukanWebhook } = require('../../docs/verify-rujukan-webhook.js') as {
  verifyRujukanWebhook: (args: { rawBody: string; signatureHeader?: string; secrets: string[] }) => {
    ok: boolean;
    reason?: string;
  };
};

export type Received = {
  eventId: string;
  type: string;
  signature: string;
  body: string;
  json: any;
  answered: number;
  // null: no secret to check with
  verified: boolean | null;
};

export class WebhookReceiver {
  received: Received[] = [];
  // the status codes of the next answers, in order; 200 once it is empty
  script: number[] = [];
  secrets: string[] = [];
  private server!: Server;
  url = '';

  async start(port = 0, path = '/rujukan'): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = this.script.shift() ?? 200;
        const signature = String(req.headers['rujukan-signature']);
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // recorded as it came; the test says what it expected
        }
        this.received.push({
          eventId: String(req.headers['rujukan-event-id']),
          type: String(req.headers['rujukan-event-type']),
          signature,
          body,
          json,
          answered,
          verified: this.secrets.length
            ? verifyRujukanWebhook({ rawBody: body, signatureHeader: signature, secrets: this.secrets }).ok
            : null,
        });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  port(): number {
    return Number(new URL(this.url).port);
  }

  // the next n requests are answered with this status (500: a gateway down for a moment)
  failNext(n: number, status = 500): void {
    this.script.push(...Array.from({ length: n }, () => status));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  delivered(type?: string): Received[] {
    return this.received.filter(
      (r) => (type === undefined || r.type === type) && r.answered >= 200 && r.answered < 300,
    );
  }

  // the first request (in arrival order) that matches, once it has come
  waitFor(predicate: (r: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    return firstMatch(this.received, predicate, timeoutMs, 'the webhook receiver');
  }
}
