// Partner notifications as a queue per agency (issue 21), over real HTTP to loopback receivers: a burst queued for one
// agency is delivered while another agency's partner answers slowly (its own queue, its own limit), each event once,
// signed, every attempt recorded, every outcome a case event; and a delivery queued before the queues (a notification
// workflow of its own) is still delivered by that workflow.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleRegistration } from '../../scripts/infra/stack';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { wakePartnerDeliveries } from '../../src/temporal/partner-deliveries';
import type { NotificationWorkflowInput } from '../../workflows/notification.workflow';
import { caseWorkflowId, NOTIFICATION_WORKFLOW_TYPE } from '../../workflows/types';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyRujukanWebhook } = require('../../docs/verify-rujukan-webhook.js') as {
  verifyRujukanWebhook: (args: { rawBody: string; signatureHeader?: string; secret: string }) => { ok: boolean };
};

const FAST = DEMO_AGENCIES.uptdPpaSulteng.id;
const SLOW = DEMO_AGENCIES.rsBhayangkara.id;
const SLOW_ANSWER_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Arrival = { eventId: string; body: string; signature: string; at: number };

// answers 200 after `delayMs`, and notes every request
async function receiver(delayMs: number): Promise<{ url: string; arrivals: Arrival[]; server: Server }> {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({
        eventId: String(req.headers['rujukan-event-id']),
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['rujukan-signature']),
        at: Date.now(),
      });
      setTimeout(() => res.writeHead(200).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrivals, server };
}

describe('notify21: a delivery queue per partner agency', () => {
  let sut: E2eStack;
  let fast: Awaited<ReturnType<typeof receiver>>;
  let slow: Awaited<ReturnType<typeof receiver>>;
  let fastSecret = '';
  let caseIds: string[] = [];

  beforeAll(async () => {
    sut = await startE2eStack({
      WEBHOOK_FIRST_RETRY_SECONDS: '0.2',
      WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '0.5',
      WEBHOOK_TIMEOUT_MS: '20000',
    });
    [fast, slow] = await Promise.all([receiver(0), receiver(SLOW_ANSWER_MS)]);
    const admin = sut.as(await sut.login('admin'));
    for (const [agency, url] of [
      [FAST, fast.url],
      [SLOW, slow.url],
    ] as const) {
      const res = await sut.http('PATCH', `/api/v1/partner-agencies/${agency}`, { webhookUrl: url }, admin);
      expect(res.status).toBe(200);
      if (agency === FAST) fastSecret = res.body.signingSecret as string;
    }
    caseIds = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await sut.http('POST', '/api/v1/cases', sampleRegistration(i, 'notify21'));
      expect(res.status).toBe(201);
      caseIds.push(res.body.id as string);
    }
  });
  afterAll(async () => {
    for (const r of [fast, slow]) {
      r?.server.closeAllConnections();
      r?.server.close();
    }
    await sut?.stop();
  });

  // n deliveries on the agency's queue, as the case activity queues them, then the queue woken once per event
  async function queue(agencyId: string, n: number, label: string): Promise<string[]> {
    const { rows } = await sut.db.query<{ event_id: string }>(
      `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id,
                                            next_attempt_at)
       SELECT 'notify21:' || $1 || ':' || g, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], 'referral.sent', $3,
              'PENDING', jsonb_build_object('referralId', gen_random_uuid(), 'services', jsonb_build_array('SHELTER')),
              gen_random_uuid(), now()
         FROM generate_series(1, $4) g RETURNING event_id`,
      [label, caseIds, agencyId, n],
    );
    await Promise.all(rows.map(() => wakePartnerDeliveries(sut.temporal, sut.taskQueue, agencyId)));
    return rows.map((r) => r.event_id);
  }

  async function statuses(eventIds: string[]): Promise<Map<string, { status: string; attempts: number }>> {
    const { rows } = await sut.db.query<{ event_id: string; status: string; attempts: number }>(
      `SELECT event_id, status, attempts FROM notification_deliveries WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r]));
  }

  async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  it("should deliver a burst to one agency while another's partner answers slowly, each event once, every outcome a case event", async () => {
    const slowIds = await queue(SLOW, 5, 'slow');
    await until('the slow partner to have the first requests', async () => slow.arrivals.length > 0);
    const started = Date.now();
    const fastIds = await queue(FAST, 120, 'burst');
    await until('the burst delivered', async () =>
      [...(await statuses(fastIds)).values()].every((d) => d.status === 'DELIVERED'),
    );
    // the slow partner's answers have not come yet: its queue holds up only itself
    expect(Date.now() - started).toBeLessThan(SLOW_ANSWER_MS);
    expect([...(await statuses(slowIds)).values()].every((d) => d.status === 'PENDING')).toBe(true);

    // each event once, as queued, signed with the agency's secret; one attempt each, recorded
    const got = fast.arrivals.filter((a) => fastIds.includes(a.eventId));
    expect(got.map((a) => a.eventId).sort()).toEqual([...fastIds].sort());
    for (const a of got.slice(0, 10)) {
      expect(JSON.parse(a.body)).toMatchObject({ id: a.eventId, type: 'referral.sent' });
      expect(verifyRujukanWebhook({ rawBody: a.body, signatureHeader: a.signature, secret: fastSecret }).ok).toBe(true);
    }
    expect([...(await statuses(fastIds)).values()].map((d) => d.attempts)).toEqual(fastIds.map(() => 1));
    const { rows: attempts } = await sut.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.event_id = ANY($1::uuid[]) AND a.status_code = 200`,
      [fastIds],
    );
    expect(attempts[0]!.n).toBe(fastIds.length);

    // then the slow partner's too; and every outcome is in its case's timeline, once
    await until('the slow deliveries', async () =>
      [...(await statuses(slowIds)).values()].every((d) => d.status === 'DELIVERED'),
    );
    const all = [...fastIds, ...slowIds];
    await until('every delivery a case event', async () => {
      const { rows } = await sut.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_events WHERE type = 'notification.delivered'
            AND data->>'eventId' = ANY($1::text[])`,
        [all],
      );
      return rows[0]!.n >= all.length;
    });
    const { rows: twice } = await sut.db.query(
      `SELECT data->>'eventId' AS id FROM case_events WHERE type = 'notification.delivered'
          AND data->>'eventId' = ANY($1::text[]) GROUP BY 1 HAVING count(*) > 1`,
      [all],
    );
    expect(twice).toEqual([]);
    // the last round's outcomes are marked as told at the next round: wake the queues once more
    await Promise.all([FAST, SLOW].map((a) => wakePartnerDeliveries(sut.temporal, sut.taskQueue, a)));
    await until('every outcome marked as told', async () => {
      const { rows } = await sut.db.query(
        `SELECT id FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) AND report_pending`,
        [all],
      );
      return rows.length === 0;
    });
  }, 120_000);

  it('should retry a failing partner with backoff on its queue, recording every attempt, then deliver once', async () => {
    const before = fast.arrivals.length;
    fast.server.removeAllListeners('request');
    let refusals = 2;
    fast.server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        fast.arrivals.push({
          eventId: String(req.headers['rujukan-event-id']),
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers['rujukan-signature']),
          at: Date.now(),
        });
        res.writeHead(refusals-- > 0 ? 503 : 200).end();
      });
    });
    const [eventId] = await queue(FAST, 1, 'retry');
    await until(
      'delivered after two refusals',
      async () => (await statuses([eventId!])).get(eventId!)?.status === 'DELIVERED',
    );
    const seen = fast.arrivals.slice(before).filter((a) => a.eventId === eventId);
    expect(seen).toHaveLength(3);
    // the same bytes every time, after the waits of the backoff (0.2 s, then 0.4 s)
    expect(new Set(seen.map((a) => a.body)).size).toBe(1);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(190);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(390);
    const { rows } = await sut.db.query<{ status_code: number }>(
      `SELECT a.status_code FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.event_id = $1 ORDER BY a.attempted_at, a.id`,
      [eventId],
    );
    expect(rows.map((r) => r.status_code)).toEqual([503, 503, 200]);
  }, 60_000);

  it('should still deliver a notification queued before the queues, by its own notification workflow', async () => {
    const { rows } = await sut.db.query<{ event_id: string; case_id: string }>(
      `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id)
       VALUES ('notify21:own', $1, 'referral.sent', $2, 'PENDING', '{"services":["SHELTER"]}', gen_random_uuid())
       RETURNING event_id, case_id`,
      [caseIds[0], FAST],
    );
    const { event_id: eventId, case_id: caseId } = rows[0]!;
    await sut.temporal.workflow.start(NOTIFICATION_WORKFLOW_TYPE, {
      workflowId: `notification-${eventId}`,
      taskQueue: sut.taskQueue,
      args: [
        {
          eventId,
          caseWorkflowId: caseWorkflowId(caseId),
          retry: { budgetMs: 10_000, firstRetryMs: 200, maxIntervalMs: 500, timeoutMs: 1000 },
        } satisfies NotificationWorkflowInput,
      ],
    });
    await until(
      'delivered by its workflow',
      async () => (await statuses([eventId])).get(eventId)?.status === 'DELIVERED',
    );
    await until('the case told', async () => {
      const { rows: events } = await sut.db.query(
        `SELECT 1 FROM case_events WHERE type = 'notification.delivered' AND data->>'eventId' = $1`,
        [eventId],
      );
      return events.length === 1;
    });
    // not a row of the agency's queue: nothing for the queue to report
    const { rows: row } = await sut.db.query(
      `SELECT report_pending, next_attempt_at FROM notification_deliveries WHERE event_id = $1`,
      [eventId],
    );
    expect(row[0]).toEqual({ report_pending: false, next_attempt_at: null });
  }, 60_000);
});
