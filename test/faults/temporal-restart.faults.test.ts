// Fault test: the Temporal dev server (persistent SQLite file) is stopped and started again while 100 cases are in
// flight. The worker and the API reconnect on their own; every case finishes, no event is written twice, and the
// partner's receiver sees every notification, exactly once after its own dedup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/infra/processes';
import { startTemporalDevServer, type DevServer } from '../../scripts/infra/temporal';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import {
  CaseDriver,
  expectClosedAndWrittenOnce,
  expectDeliveredOnce,
  FAST_WEBHOOK_RETRIES,
  startReceiver,
  type Receiver,
} from './harness';

const CASES = Number(process.env.FAULT_CASES ?? 100);
const CONCURRENCY = 10;
const DOWN_MS = 10_000;

describe('fault: the Temporal server restarted mid-flight', () => {
  let sut: E2eStack;
  let receiver: Receiver;
  let driver: CaseDriver;
  let temporal: DevServer | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-fault-temporal-'));
  const dbFile = join(dir, 'temporal.sqlite');
  let port = 0;
  const log = (line: string) => process.stderr.write(`[temporal] ${line}\n`);

  beforeAll(async () => {
    port = await freePort();
    temporal = await startTemporalDevServer({ port, uiPort: null, dbFile, log });
    receiver = await startReceiver();
    sut = await startE2eStack({ ...FAST_WEBHOOK_RETRIES, TEMPORAL_ADDRESS: temporal.address });
    driver = new CaseDriver(sut);
    await driver.prepare(receiver);
  });
  afterAll(async () => {
    await sut?.stop();
    receiver?.close();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should finish every case, write no event twice and deliver every notification once after dedup', async () => {
    // creates sent while it is down: the client's gRPC retries (about 20 s in all) ride out a short outage, and
    // what cannot be ridden out is a 503 (retry later); never a 500
    const during: Promise<{ status: number; ms: number }>[] = [];
    let downFor = 0;
    const restart = (async () => {
      while (driver.done < CASES / 3) await new Promise((r) => setTimeout(r, 50));
      const t0 = Date.now();
      await temporal!.stop();
      temporal = null;
      const until = Date.now() + DOWN_MS;
      for (let i = 0; Date.now() < until; i += 1) {
        const sent = Date.now();
        during.push(
          sut
            .http('POST', '/api/v1/cases', {
              person: {
                fullName: `During outage ${i}`,
                sex: 'F',
                dateOfBirth: '1990-01-01',
                homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
              },
              arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
              category: 'PMI_PURNA',
            })
            .catch(() => ({ status: 599 }) as HttpResult)
            .then((res) => ({ status: res.status, ms: Date.now() - sent })),
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
      temporal = await startTemporalDevServer({ port, uiPort: null, dbFile, log });
      downFor = Date.now() - t0;
    })();
    const ids = await driver.runMany(CASES, CONCURRENCY, 'temporal');
    await restart;
    const outcomes = await Promise.all(during);
    expect(outcomes.length).toBeGreaterThan(5);
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    await expectClosedAndWrittenOnce(sut, ids);
    const delivered = await expectDeliveredOnce(sut, ids, receiver);
    const ridden = outcomes.filter((o) => o.status === 201);
    process.stderr.write(
      `fault test (Temporal restart, down ${(downFor / 1000).toFixed(1)} s): ${CASES} cases closed, ` +
        `${delivered} notifications, ${receiver.received.length} webhook receipts, ${driver.retries} client retries; ` +
        `creates sent meanwhile: ${ridden.length} of ${outcomes.length} waited and succeeded ` +
        `(slowest ${Math.max(0, ...ridden.map((o) => o.ms))} ms), ${outcomes.length - ridden.length} answered 503\n`,
    );
  }, 900000);
});
