// Fault test: 100 cases in flight, each referred to a partner with a webhook receiver on loopback; the worker is
// killed with SIGKILL mid-flight and a new one started. Every case must finish, no event be written twice, and the
// receiver see every delivered event id exactly once after its own dedup, with none missing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { isRunning, stopProcess, type Managed } from '../../scripts/infra/processes';
import { nodeProcess, startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SeenEvents } = require('../../docs/verify-rujukan-webhook.js') as { SeenEvents: new () => { firstTime: (id: string) => boolean } };

const CASES = Number(process.env.FAULT_CASES ?? 100);
const CONCURRENCY = 10;
const AGENCY = DEMO_AGENCIES.uptdPpaSulteng.id;

describe('fault: the worker killed with SIGKILL mid-flight', () => {
  let sut: E2eStack;
  let receiver: Server;
  const seen = new SeenEvents();
  const received: string[] = [];
  let replacement: Managed | null = null;
  let apiReplacement: Managed | null = null;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const id = String(req.headers['rujukan-event-id']);
        received.push(id);
        seen.firstTime(id);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    sut = await startE2eStack({ WEBHOOK_FIRST_RETRY_SECONDS: '0.5', WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '2' });
    const admin = sut.as(await sut.login('admin'));
    const patched = await sut.http('PATCH', `/api/v1/partner-agencies/${AGENCY}`, { webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }, admin);
    expect(patched.status).toBe(200);
    partner = sut.as(await sut.login('ppa.sulteng'));
    spv = sut.as(await sut.login('spv.palu'));
  });
  afterAll(async () => {
    if (replacement) await stopProcess(replacement, 'SIGTERM', 10000);
    if (apiReplacement) await stopProcess(apiReplacement, 'SIGTERM', 10000);
    await sut?.stop();
    receiver?.close();
  });

  let partner: Record<string, string> = {};
  let spv: Record<string, string> = {};
  let done = 0;
  let retries = 0;

  // a client that retries a 503 or a dropped connection with the same Idempotency-Key, as clients are told to
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string>, key?: string): Promise<HttpResult> => {
    for (let attempt = 0; ; attempt += 1) {
      const res = await sut.http(method, path, body, { ...headers, ...(key ? { 'idempotency-key': key } : {}) }).catch(() => ({ status: 599, body: null, headers: new Headers() }) as HttpResult);
      if (res.status < 500 || attempt > 60) return res;
      retries += 1;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const must = async (res: Promise<HttpResult>): Promise<any> => {
    const r = await res;
    if (r.status !== 200 && r.status !== 201) throw new Error(`got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const runCase = async (i: number, tag: string): Promise<string> => {
    const k = (step: string) => `fault-${tag}-${i}-${step}`;
    const created = await must(call('POST', '/api/v1/cases', {
      person: { fullName: `Returnee ${i}`, sex: 'F', dateOfBirth: '1990-01-01', homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' } },
      arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
      category: 'PMI_PURNA',
    }, {}, k('register')));
    const id = created.id as string;
    const act = (type: string, payload: unknown = {}, headers: Record<string, string> = {}) => must(call('POST', `/api/v1/cases/${id}/actions`, { type, payload }, headers, k(type)));
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {} });
    const c = await act('record-consent', { givenBy: 'SELF', method: 'WRITTEN', purpose: 'REFERRAL', recipientAgencyId: AGENCY, dataCategories: ['HEALTH'], expiresAt: new Date(Date.now() + 86400000).toISOString() });
    const sent = await act('send-referral', { agencyId: AGENCY, services: ['COUNSELLING'], legalBasis: 'CONSENT', consentId: c.consents[0].id });
    await must(call('POST', `/api/v1/referrals/${sent.referrals[0].id}/accept`, {}, partner, k('accept')));
    for (let t = 0; ; t += 1) {
      const now = await must(call('GET', `/api/v1/cases/${id}`, undefined, {}));
      if (now.currentStep === 'ASSESSMENT') break;
      if (t > 600) throw new Error(`case ${id} stuck at ${now.currentStep}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await act('complete-assessment', { plan: {} });
    await act('record-handover', { handedTo: 'FAMILY' });
    await must(call('POST', `/api/v1/cases/${id}/actions`, { type: 'record-follow-up', payload: { reached: true } }, {}, k('follow-up-1')));
    await must(call('POST', `/api/v1/cases/${id}/actions`, { type: 'record-follow-up', payload: { reached: true } }, {}, k('follow-up-2')));
    await act('propose-closure', { reason: 'done' });
    await act('approve-closure', {}, spv);
    done += 1;
    return id;
  };


  it('should finish every case, write no event twice, and deliver every notification exactly once after dedup', async () => {
    // 100 cases, 10 at a time; the worker dies when a third are done
    const ids: string[] = [];
    let next = 0;
    const killer = (async () => {
      while (done < CASES / 3) await new Promise((r) => setTimeout(r, 50));
      sut.worker.child.kill('SIGKILL');
      await sut.worker.exited;
      replacement = nodeProcess('worker-2', 'worker', { ...process.env, ...workerEnv(sut) });
    })();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CASES) {
          const i = next++;
          ids.push(await runCase(i, 'kill'));
        }
      }),
    );
    await killer;
    expect(isRunning(sut.worker)).toBe(false);
    expect(replacement && isRunning(replacement)).toBe(true);

    // every case finished
    const closed = await sut.db.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'CLOSED'`, [ids]);
    expect(closed.rows[0].n).toBe(CASES);
    // no event written twice: one of each once-only event per case, and seq without gaps
    const twice = await sut.db.query(
      `SELECT case_id, type, count(*) FROM case_events WHERE case_id = ANY($1::uuid[])
          AND type IN ('case.registered', 'registration.completed', 'screening.completed', 'referral.sent', 'referral.accepted', 'case.closed')
        GROUP BY 1, 2 HAVING count(*) <> 1`,
      [ids],
    );
    expect(twice.rows).toEqual([]);
    const gaps = await sut.db.query(`SELECT case_id FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY 1 HAVING max(seq) <> count(*)`, [ids]);
    expect(gaps.rows).toEqual([]);
    // every notification to the partner delivered; the receiver saw each exactly once after dedup, none missing
    const deliveries = await (async () => {
      for (let t = 0; ; t += 1) {
        const { rows } = await sut.db.query(`SELECT event_id, status FROM notification_deliveries WHERE case_id = ANY($1::uuid[]) AND agency_id = $2`, [ids, AGENCY]);
        if (rows.every((r) => r.status === 'DELIVERED') || t > 300) return rows;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    expect(deliveries.length).toBeGreaterThanOrEqual(CASES);
    expect(deliveries.filter((d) => d.status !== 'DELIVERED')).toEqual([]);
    const unique = new Set(received);
    for (const d of deliveries) expect(unique.has(d.event_id)).toBe(true);
    expect([...unique].filter((id) => !deliveries.some((d) => d.event_id === id))).toEqual([]);
    process.stderr.write(`fault test: ${CASES} cases, ${received.length} webhook receipts for ${unique.size} event ids, ${retries} client retries\n`);
  }, 600000);

  it('should ride out PostgreSQL refusing connections for 30 s: reads answer 503 meanwhile, nothing is lost, all recovers on its own', async () => {
    const n = 30;
    done = 0;
    const dbName = new URL(sut.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.RUJUKAN_TEST_PG_ADMIN_URL });
    await admin.connect();
    const statusesDuring: number[] = [];
    const outage = (async () => {
      while (done < n / 3) await new Promise((r) => setTimeout(r, 50));
      // the database goes away for 30 s: no new connections, and the open ones are cut
      await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [dbName]);
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        statusesDuring.push((await sut.http('GET', '/api/v1/cases?limit=5').catch(() => ({ status: 599 }) as HttpResult)).status);
        await new Promise((r) => setTimeout(r, 1000));
      }
      await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
    })();
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) ids.push(await runCase(next++, 'pg'));
      }),
    );
    await outage;
    await admin.end();
    // meanwhile: 503 (unavailable, retry), never a 500
    expect(statusesDuring.filter((s) => s === 503).length).toBeGreaterThan(10);
    expect(statusesDuring.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect((await sut.http('GET', '/health/ready')).status).toBe(200);
    const closed = await sut.db.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'CLOSED'`, [ids]);
    expect(closed.rows[0].n).toBe(n);
    const gaps = await sut.db.query(`SELECT case_id FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY 1 HAVING max(seq) <> count(*)`, [ids]);
    expect(gaps.rows).toEqual([]);
    const twice = await sut.db.query(
      `SELECT case_id, type FROM case_events WHERE case_id = ANY($1::uuid[]) AND type IN ('registration.completed', 'referral.sent', 'case.closed') GROUP BY 1, 2 HAVING count(*) <> 1`,
      [ids],
    );
    expect(twice.rows).toEqual([]);
    process.stderr.write(`fault test (PostgreSQL away 30 s): ${n} cases closed, ${statusesDuring.length} reads meanwhile (${statusesDuring.filter((s) => s === 503).length} answered 503)\n`);
  }, 600000);

  it('should keep every action that got a 2xx when the API restarts during a burst', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const c = await call('POST', '/api/v1/cases', {
        person: { fullName: `Burst ${i}`, sex: 'M', dateOfBirth: '1985-01-01', homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' } },
        arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
        category: 'PMI_PURNA',
      }, {});
      caseIds.push(c.body.id);
    }
    const accepted: string[] = [];
    const refused: number[] = [];
    let sent = 0;
    const total = 200;
    const restart = (async () => {
      while (sent < total / 3) await new Promise((r) => setTimeout(r, 20));
      await stopProcess(sut.api, 'SIGTERM', 10000);
      apiReplacement = nodeProcess('api-2', 'main', { ...process.env, ...workerEnv(sut), PORT: new URL(sut.baseUrl).port, HOST: '127.0.0.1' });
    })();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < total) {
          const i = sent++;
          const marker = `burst-${i}`;
          // no retry here: what counts is that a 2xx is never lost
          const res = await sut
            .http('POST', `/api/v1/cases/${caseIds[i % caseIds.length]}/actions`, {
              type: 'record-consent',
              payload: { givenBy: 'SELF', method: 'WRITTEN', purpose: 'REFERRAL', recipientAgencyId: AGENCY, dataCategories: [marker], expiresAt: new Date(Date.now() + 86400000).toISOString() },
            })
            .catch(() => ({ status: 599 }) as HttpResult);
          if (res.status === 200) accepted.push(marker);
          else refused.push(res.status);
          if (res.status === 599 || res.status === 503) await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    await restart;
    expect(refused.filter((s) => s >= 500 && s !== 503 && s !== 599)).toEqual([]);
    // in the timeline: each consent row joined to its consent.recorded case event
    const { rows } = await sut.db.query(
      `SELECT c.data_categories->>0 AS marker FROM consents c
         JOIN case_events e ON e.case_id = c.case_id AND e.type = 'consent.recorded' AND e.data->>'consentId' = c.id::text
        WHERE c.case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const stored = new Set(rows.map((r: { marker: string }) => r.marker));
    expect(accepted.filter((m) => !stored.has(m))).toEqual([]);
    expect(accepted.length).toBeGreaterThan(total / 3);
    process.stderr.write(`fault test (API restart): ${accepted.length} of ${total} actions answered 2xx, all in the timeline; ${refused.length} refused while it restarted\n`);
  }, 300000);
});

function workerEnv(sut: E2eStack): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: sut.databaseUrl,
    TEMPORAL_ADDRESS: process.env.RUJUKAN_TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: sut.taskQueue,
    LOG_LEVEL: 'log',
    WEBHOOK_FIRST_RETRY_SECONDS: '0.5',
    WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '2',
  };
}