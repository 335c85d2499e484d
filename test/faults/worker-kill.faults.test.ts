// Fault tests on one stack: 100 cases in flight, each referred to a partner with a webhook receiver on loopback.
// (1) the worker is killed with SIGKILL mid-flight and a new one started; (2) PostgreSQL refuses connections for 30 s;
// (3) the API is restarted during a burst of actions. Nothing may be lost or written twice.
import { Client } from 'pg';
import { isRunning, stopProcess, type Managed } from '../../scripts/infra/processes';
import { nodeProcess, startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import {
  AGENCY,
  CaseDriver,
  expectClosedAndWrittenOnce,
  expectDeliveredOnce,
  FAST_WEBHOOK_RETRIES,
  processEnv,
  startReceiver,
  type Receiver,
} from './harness';

const CASES = Number(process.env.FAULT_CASES ?? 100);
const CONCURRENCY = 10;

describe('faults: worker killed, database away, API restarted', () => {
  let sut: E2eStack;
  let receiver: Receiver;
  let driver: CaseDriver;
  let replacement: Managed | null = null;
  let apiReplacement: Managed | null = null;

  beforeAll(async () => {
    receiver = await startReceiver();
    sut = await startE2eStack(FAST_WEBHOOK_RETRIES);
    driver = new CaseDriver(sut);
    await driver.prepare(receiver);
  });
  afterAll(async () => {
    if (replacement) await stopProcess(replacement, 'SIGTERM', 10000);
    if (apiReplacement) await stopProcess(apiReplacement, 'SIGTERM', 10000);
    await sut?.stop();
    receiver?.close();
  });

  it('should finish every case, write no event twice, and deliver every notification exactly once after dedup', async () => {
    // 100 cases, 10 at a time; the worker dies when a third are done
    const killer = (async () => {
      while (driver.done < CASES / 3) await new Promise((r) => setTimeout(r, 50));
      sut.worker.child.kill('SIGKILL');
      await sut.worker.exited;
      replacement = nodeProcess('worker-2', 'worker', processEnv(sut));
    })();
    const ids = await driver.runMany(CASES, CONCURRENCY, 'kill');
    await killer;
    expect(isRunning(sut.worker)).toBe(false);
    expect(replacement && isRunning(replacement)).toBe(true);
    await expectClosedAndWrittenOnce(sut, ids);
    const delivered = await expectDeliveredOnce(sut, ids, receiver);
    process.stderr.write(
      `fault test (worker SIGKILL): ${CASES} cases closed, ${delivered} notifications, ` +
        `${receiver.received.length} webhook receipts, ${driver.retries} client retries\n`,
    );
  }, 600000);

  it('should ride out PostgreSQL refusing connections for 30 s: reads answer 503 meanwhile, nothing is lost, all recovers on its own', async () => {
    const n = 30;
    driver.done = 0;
    const dbName = new URL(sut.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.RUJUKAN_TEST_PG_ADMIN_URL });
    await admin.connect();
    const statusesDuring: number[] = [];
    const outage = (async () => {
      while (driver.done < n / 3) await new Promise((r) => setTimeout(r, 50));
      // the database goes away for 30 s: no new connections, and the open ones are cut
      await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [dbName]);
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        statusesDuring.push(
          (await sut.http('GET', '/api/v1/cases?limit=5').catch(() => ({ status: 599 }) as HttpResult)).status,
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
      await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
    })();
    const ids = await driver.runMany(n, CONCURRENCY, 'pg');
    await outage;
    await admin.end();
    // meanwhile: 503 (unavailable, retry), never a 500
    expect(statusesDuring.filter((s) => s === 503).length).toBeGreaterThan(10);
    expect(statusesDuring.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect((await sut.http('GET', '/health/ready')).status).toBe(200);
    await expectClosedAndWrittenOnce(sut, ids);
    process.stderr.write(
      `fault test (PostgreSQL away 30 s): ${n} cases closed, ${statusesDuring.length} reads meanwhile ` +
        `(${statusesDuring.filter((s) => s === 503).length} answered 503)\n`,
    );
  }, 600000);

  it('should keep every action that got a 2xx when the API restarts during a burst', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const c = await driver.call(
        'POST',
        '/api/v1/cases',
        {
          person: {
            fullName: `Burst ${i}`,
            sex: 'M',
            dateOfBirth: '1985-01-01',
            homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
          },
          arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
          category: 'PMI_PURNA',
        },
        {},
      );
      caseIds.push(c.body.id);
    }
    const accepted: string[] = [];
    const refused: number[] = [];
    let sent = 0;
    const total = 200;
    const restart = (async () => {
      while (sent < total / 3) await new Promise((r) => setTimeout(r, 20));
      await stopProcess(sut.api, 'SIGTERM', 10000);
      apiReplacement = nodeProcess('api-2', 'main', {
        ...processEnv(sut),
        PORT: new URL(sut.baseUrl).port,
        HOST: '127.0.0.1',
      });
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
              payload: {
                givenBy: 'SELF',
                method: 'WRITTEN',
                purpose: 'REFERRAL',
                recipientAgencyId: AGENCY,
                dataCategories: [marker],
                expiresAt: new Date(Date.now() + 86400000).toISOString(),
              },
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
         JOIN case_events e ON e.case_id = c.case_id AND e.type = 'consent.recorded'
          AND e.data->>'consentId' = c.id::text
        WHERE c.case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const stored = new Set(rows.map((r: { marker: string }) => r.marker));
    expect(accepted.filter((m) => !stored.has(m))).toEqual([]);
    expect(accepted.length).toBeGreaterThan(total / 3);
    process.stderr.write(
      `fault test (API restart): ${accepted.length} of ${total} actions answered 2xx, all in the timeline; ` +
        `${refused.length} refused while it restarted\n`,
    );
  }, 300000);
});
