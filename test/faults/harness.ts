// What the fault tests share: a loopback partner receiver that dedups by event id as docs/partners.md tells
// partners to, a client that retries as clients are told to, one full case driven over HTTP, and the checks that
// nothing was lost or written twice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AGENCIES } from '../../src/database/seed';
import type { E2eStack, HttpResult } from '../support/e2e-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SeenEvents } = require('../../docs/verify-rujukan-webhook.js') as {
  SeenEvents: new () => { firstTime: (id: string) => boolean };
};

export const AGENCY = DEMO_AGENCIES.uptdPpaSulteng.id;
export const FAST_WEBHOOK_RETRIES = { WEBHOOK_FIRST_RETRY_SECONDS: '0.5', WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '2' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// received: every delivery's event id as it came; accepted: those the partner's dedup (docs/verify-rujukan-webhook.js)
// took as new, so each id at most once
export type Receiver = { url: string; received: string[]; accepted: string[]; close: () => void };

export async function startReceiver(): Promise<Receiver> {
  const seen = new SeenEvents();
  const received: string[] = [];
  const accepted: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['rujukan-event-id']);
      received.push(id);
      if (seen.firstTime(id)) accepted.push(id);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    accepted,
    close: () => server.close(),
  };
}

// The environment a replacement worker or API process gets: the same database, Temporal and task queue.
export function processEnv(
  sut: E2eStack,
  temporalAddress = process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: sut.databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: sut.taskQueue,
    // a message's link to a case points at this stack's console, as the first worker's did (a replacement worker
    // that mails the same message again must write it word for word)
    API_PUBLIC_URL: sut.baseUrl,
    LOG_LEVEL: 'log',
    ...FAST_WEBHOOK_RETRIES,
  };
}

export class CaseDriver {
  done = 0;
  retries = 0;
  private partner: Record<string, string> = {};
  private spv: Record<string, string> = {};

  constructor(private readonly sut: E2eStack) {}

  // points the demo partner at the receiver and signs in the partner user and the supervisor
  async prepare(receiver: Receiver): Promise<void> {
    const admin = this.sut.as(await this.sut.login('admin'));
    const patched = await this.sut.http(
      'PATCH',
      `/api/v1/partner-agencies/${AGENCY}`,
      { webhookUrl: receiver.url },
      admin,
    );
    if (patched.status !== 200) throw new Error(`could not point the partner at the receiver: ${patched.status}`);
    this.partner = this.sut.as(await this.sut.login('ppa.sulteng'));
    this.spv = this.sut.as(await this.sut.login('spv.palu'));
  }

  // a client that retries a 5xx or a dropped connection with the same Idempotency-Key, as clients are told to
  async call(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    key?: string,
  ): Promise<HttpResult> {
    for (let attempt = 0; ; attempt += 1) {
      const res = await this.sut
        .http(method, path, body, { ...headers, ...(key ? { 'idempotency-key': key } : {}) })
        .catch(() => ({ status: 599, body: null, headers: new Headers() }) as HttpResult);
      if (res.status < 500 || attempt > 120) return res;
      this.retries += 1;
      await sleep(500);
    }
  }

  private async must(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status !== 200 && r.status !== 201) throw new Error(`got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // one case from registration to closure, referred to the partner, who accepts
  async runCase(i: number, tag: string): Promise<string> {
    const k = (step: string) => `fault-${tag}-${i}-${step}`;
    const created = await this.must(
      this.call(
        'POST',
        '/api/v1/cases',
        {
          person: {
            fullName: `Returnee ${tag} ${i}`,
            sex: 'F',
            dateOfBirth: '1990-01-01',
            homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
          },
          arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
          category: 'PMI_PURNA',
        },
        {},
        k('register'),
      ),
    );
    const id = created.id as string;
    const act = (type: string, payload: unknown = {}, headers: Record<string, string> = {}, key = type) =>
      this.must(this.call('POST', `/api/v1/cases/${id}/actions`, { type, payload }, headers, k(key)));
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {} });
    const c = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: AGENCY,
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 86400000).toISOString(),
    });
    const sent = await act('send-referral', {
      agencyId: AGENCY,
      services: ['COUNSELLING'],
      legalBasis: 'CONSENT',
      consentId: c.consents[0].id,
    });
    await this.must(
      this.call('POST', `/api/v1/referrals/${sent.referrals[0].id}/accept`, {}, this.partner, k('accept')),
    );
    for (let t = 0; ; t += 1) {
      const now = await this.must(this.call('GET', `/api/v1/cases/${id}`, undefined, {}));
      if (now.currentStep === 'ASSESSMENT') break;
      if (t > 1200) throw new Error(`case ${id} stuck at ${now.currentStep}`);
      await sleep(100);
    }
    await act('complete-assessment', { plan: {} });
    await act('record-handover', { handedTo: 'FAMILY' });
    await act('record-follow-up', { reached: true }, {}, 'follow-up-1');
    await act('record-follow-up', { reached: true }, {}, 'follow-up-2');
    await act('propose-closure', { reason: 'done' });
    await act('approve-closure', {}, this.spv);
    this.done += 1;
    return id;
  }

  // n cases, `concurrency` at a time
  async runMany(n: number, concurrency: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) ids.push(await this.runCase(next++, tag));
      }),
    );
    return ids;
  }
}

// Every case closed; each once-only event written exactly once; each case's seq without gaps.
export async function expectClosedAndWrittenOnce(sut: E2eStack, ids: string[]): Promise<void> {
  const closed = await sut.db.query(
    `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'CLOSED'`,
    [ids],
  );
  expect(closed.rows[0].n).toBe(ids.length);
  const twice = await sut.db.query(
    `SELECT case_id, type, count(*) FROM case_events WHERE case_id = ANY($1::uuid[])
        AND type IN ('case.registered', 'registration.completed', 'screening.completed', 'referral.sent',
                     'referral.accepted', 'case.closed')
      GROUP BY 1, 2 HAVING count(*) <> 1`,
    [ids],
  );
  expect(twice.rows).toEqual([]);
  const gaps = await sut.db.query(
    `SELECT case_id FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY 1 HAVING max(seq) <> count(*)`,
    [ids],
  );
  expect(gaps.rows).toEqual([]);
}

// Every notification to the partner delivered; the receiver saw each event id (exactly once after its dedup), and
// no id it saw is unknown to Rujukan. Returns the number of distinct ids.
export async function expectDeliveredOnce(sut: E2eStack, ids: string[], receiver: Receiver): Promise<number> {
  let deliveries: { event_id: string; status: string }[] = [];
  for (let t = 0; t <= 600; t += 1) {
    ({ rows: deliveries } = await sut.db.query(
      `SELECT event_id, status FROM notification_deliveries WHERE case_id = ANY($1::uuid[]) AND agency_id = $2`,
      [ids, AGENCY],
    ));
    if (deliveries.every((r) => r.status === 'DELIVERED')) break;
    await sleep(200);
  }
  expect(deliveries.length).toBeGreaterThanOrEqual(ids.length);
  expect(deliveries.filter((d) => d.status !== 'DELIVERED')).toEqual([]);
  // after the partner's dedup: each event id once, every delivered one there, none Rujukan does not know
  expect(new Set(receiver.accepted).size).toBe(receiver.accepted.length);
  expect(new Set(receiver.accepted)).toEqual(new Set(receiver.received));
  const accepted = new Set(receiver.accepted);
  expect(deliveries.filter((d) => !accepted.has(d.event_id))).toEqual([]);
  const all = await sut.db.query(`SELECT event_id FROM notification_deliveries WHERE agency_id = $1`, [AGENCY]);
  const known = new Set(all.rows.map((r: { event_id: string }) => r.event_id));
  expect(receiver.accepted.filter((id) => !known.has(id))).toEqual([]);
  return deliveries.length;
}
