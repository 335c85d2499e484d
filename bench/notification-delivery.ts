// `npm run bench:notifications`: 1,000 partner notifications through Rujukan's real delivery path (a queued
// notification_deliveries row, its agency's queue woken for it, the round activity that signs and POSTs) to a
// loopback receiver:
// latency from the event being queued to its receipt (p50/p95/p99) and throughput. Baseline in the same run: a bare
// HTTP POST loop of the same bodies to the same receiver, all 1,000 queued at once as well, at the concurrency the
// worker runs activities with. Results: bench/results/notification-delivery.json and .md.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DEMO_AGENCIES } from '../src/database/seed';
import { wakePartnerDeliveries } from '../src/temporal/partner-deliveries';
import { benchRegistration, log, ratio, ROOT, startBenchStack, stats } from './support/stack';

const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 1000);
const BASELINE_CONCURRENCY = Number(process.env.BENCH_BASELINE_CONCURRENCY ?? 100);
const AGENCY = DEMO_AGENCIES.uptdPpaSulteng.id;

async function main(): Promise<void> {
  // the receiver: answers 200 at once and notes when each event id arrived
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.set(String(req.headers['rujukan-event-id']), performance.timeOrigin + performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const stack = await startBenchStack();
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const token = await stack.login('cw.palu');
    await db.query(`UPDATE partner_agencies SET webhook_url = $2, allowed_fields = '["age","sex"]' WHERE id = $1`, [
      AGENCY,
      url,
    ]);
    // the agency needs a sealed secret: the admin API issues one
    const admin = await stack.login('admin');
    const patched = await fetch(`${stack.baseUrl}/api/v1/partner-agencies/${AGENCY}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ rotateSecret: true }),
    });
    if (patched.status !== 200) throw new Error(`could not issue a secret: ${patched.status}`);
    const caseIds: string[] = [];
    for (let i = 0; i < 10; i += 1)
      caseIds.push((await stack.post('/api/v1/cases', benchRegistration(i), token)).body.id as string);

    // Queue the burst the way the case activity does (one committed row per event on its agency's queue, then the
    // queue woken, once per event as a case transition each would), timed from the commit.
    const runDelivery = async (label: string): Promise<{ latencies: number[]; seconds: number }> => {
      const queuedAt = new Map<string, number>();
      const t0 = performance.timeOrigin + performance.now();
      const { rows } = await db.query<{ event_id: string; case_id: string }>(
        `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id,
                                              next_attempt_at)
         SELECT 'bench:' || $1 || ':' || g, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], 'referral.sent',
                $3, 'PENDING',
                jsonb_build_object('referralId', gen_random_uuid(), 'services', jsonb_build_array('SHELTER')),
                gen_random_uuid(), now()
           FROM generate_series(1, $4) g RETURNING event_id, case_id`,
        [label, caseIds, AGENCY, NOTIFICATIONS],
      );
      for (const r of rows) queuedAt.set(r.event_id, t0);
      await Promise.all(rows.map(() => wakePartnerDeliveries(stack.temporal, 'rujukan-bench', AGENCY)));
      const until = Date.now() + 300_000;
      while ([...queuedAt.keys()].some((id) => !arrivals.has(id))) {
        if (Date.now() > until) throw new Error(`${label}: not every notification arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const latencies = [...queuedAt].map(([id, at]) => arrivals.get(id)! - at);
      const last = Math.max(...[...queuedAt.keys()].map((id) => arrivals.get(id)!));
      return { latencies, seconds: (last - t0) / 1000 };
    };

    // Baseline: the same number of bodies POSTed straight to the receiver, all queued at t0.
    const runBaseline = async (): Promise<{ latencies: number[]; seconds: number }> => {
      const body = JSON.stringify({
        id: 'x',
        type: 'referral.sent',
        occurredAt: new Date().toISOString(),
        caseNumber: 'SULTENG-2026-000001',
        data: { services: ['SHELTER'], returnee: { age: 30, sex: 'F' } },
      });
      const ids = Array.from({ length: NOTIFICATIONS }, () => crypto.randomUUID());
      const t0 = performance.timeOrigin + performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: BASELINE_CONCURRENCY }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!;
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'rujukan-event-id': id },
              body,
            });
            await res.arrayBuffer();
          }
        }),
      );
      const latencies = ids.map((id) => arrivals.get(id)! - t0);
      return { latencies, seconds: (Math.max(...ids.map((id) => arrivals.get(id)!)) - t0) / 1000 };
    };

    log('warm-up');
    await runDelivery('warmup');
    await runBaseline();
    log(`delivering ${NOTIFICATIONS} notifications`);
    const delivered = await runDelivery('run');
    const baseline = await runBaseline();
    const d = {
      ...stats(delivered.latencies),
      seconds: Math.round(delivered.seconds * 100) / 100,
      perSecond: Math.round((NOTIFICATIONS / delivered.seconds) * 10) / 10,
    };
    const b = {
      ...stats(baseline.latencies),
      seconds: Math.round(baseline.seconds * 100) / 100,
      perSecond: Math.round((NOTIFICATIONS / baseline.seconds) * 10) / 10,
    };
    const attempts = (
      await db.query(
        `SELECT count(*)::int AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
         WHERE d.idempotency_key LIKE 'bench:run:%'`,
      )
    ).rows[0].n as number;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      notifications: NOTIFICATIONS,
      attemptsRecorded: attempts,
      rujukan: d,
      bareHttpPostLoop: { ...b, concurrency: BASELINE_CONCURRENCY },
      ratio: { p50: ratio(d.p50, b.p50), p95: ratio(d.p95, b.p95), throughput: ratio(d.perSecond, b.perSecond) },
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notification-delivery.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(
      join(dir, 'notification-delivery.md'),
      [
        `# Notification delivery (${result.date.slice(0, 10)}, ${NOTIFICATIONS} notifications queued at once, ` +
          `${cpus().length} CPUs, loopback receiver)`,
        '',
        "Latency is from the moment the burst was queued (committed rows) to each event's receipt.",
        '',
        '| path | p50 ms | p95 ms | p99 ms | max ms | all delivered in s | per second |',
        '|---|---|---|---|---|---|---|',
        `| Rujukan: row, agency queue woken per event, round activity (sign, POST, record) | ${d.p50} | ${d.p95} | ${d.p99} | ${d.max} | ${d.seconds} | ${d.perSecond} |`,
        `| baseline: bare HTTP POST loop, concurrency ${BASELINE_CONCURRENCY} | ${b.p50} | ${b.p95} | ${b.p99} | ${b.max} | ${b.seconds} | ${b.perSecond} |`,
        '',
        `Rujukan ÷ baseline: p50 **${result.ratio.p50}×**, p95 **${result.ratio.p95}×**, ` +
          `throughput **${result.ratio.throughput}×**. ${attempts} attempts recorded for ${NOTIFICATIONS} ` +
          'notifications.',
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.end();
    await stack.stop();
    receiver.closeAllConnections();
    receiver.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
