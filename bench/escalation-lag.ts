// `npm run bench:escalations`: how long after a deadline passes its escalation is visible in GET /api/v1/escalations,
// when 1,000 cases' deadlines pass at the same moment.
//
// On the embedded stack with SLA_TIME_SCALE set so that registration (MEDIUM: 4 h) is due about 2 minutes after a case
// is registered:
//   1. register 1,000 cases over HTTP; their registration deadlines pass over the time registration took (round 1);
//   2. the supervisor resolves each level-1 escalation with EXTEND to one and the same new deadline T, as a
//      supervisor setting "everything by 09:00" would;
//   3. at T all 1,000 clocks pass at once: a second breach in a case goes to level 2 (the head). A poller pages
//      through GET /api/v1/escalations?level=2 and notes when each case's escalation first appears.
// Lag = first seen - deadline (p50/p99/max), split into engine lag (openedAt, the workflow's time when the timer
// fired, - deadline) and the rest (the read-model write and the poll). Baseline in the same run: the lag of round 1,
// where the same 1,000 deadlines were spread over the registration time.
// And the people told (issue 18): email is on (SMTP_URL, a real smtp-server on loopback in this process), so every
// reminder, breach and escalation of the run is also mailed; for round 2, the time from T to the head's in-app
// notification (its row's created_at) and to the SMTP server's receipt of the head's level-2 mail, p50/p95/p99,
// beside the escalation lag of the same round.
// Second baseline (issue 21), after round 2 in the same run on the same Temporal server: 1,000 bare workflows whose one
// timer fires at the same moment, each then running one activity that notes when it ran, on a worker of the bench's
// own with the SDK's default tuning: the lag the engine itself gives 1,000 timers at once.
// Results: bench/results/escalation-lag.json and .md.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client } from 'pg';
import type { TimerActivities } from './workflows/baseline.workflow';
import { DEMO_USERS } from '../src/database/seed';
import { startSmtpSink } from './support/smtp-sink';
import {
  benchCommit,
  benchRegistration,
  log,
  pool,
  ratio,
  startBenchStack,
  stats,
  writeResults,
  type BenchStack,
  runBench,
} from './support/stack';

const CASES = Number(process.env.BENCH_ESCALATION_CASES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_SECONDS ?? 120);
const MEDIUM_REGISTRATION_S = 4 * 3600;
// 1: round 1 only, with no resolutions: the people told of 1,000 deadlines passing within the registration time,
// beside the escalations' own lag (bench/results/escalation-told.*); 2 (default): both rounds
const ROUNDS = Number(process.env.BENCH_ESCALATION_ROUNDS ?? 2);
const SLACK_S = Number(process.env.BENCH_SLACK_SECONDS ?? 600);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 250);
const workerTuning = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WORKER_')));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Escalation = { id: string; caseId: string; level: number; openedAt: string };

// Every escalation of the office at a level, all pages.
async function allEscalations(stack: BenchStack, token: string, level: 1 | 2): Promise<Escalation[]> {
  const out: Escalation[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await stack.get(`/api/v1/escalations?level=${level}&limit=200&offset=${offset}`, token);
    if (res.status !== 200) throw new Error(`GET /escalations: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...(res.body.items as Escalation[]));
    if (!res.body.hasMore) return out;
  }
}

// Polls until every case has an escalation at `level`; returns when each was first seen (ms since epoch).
async function watch(
  stack: BenchStack,
  token: string,
  level: 1 | 2,
  cases: Set<string>,
  timeoutMs: number,
  onSeen?: (e: Escalation) => void,
) {
  const seen = new Map<string, { at: number; escalation: Escalation }>();
  const until = Date.now() + timeoutMs;
  let polls = 0;
  while (seen.size < cases.size && Date.now() < until) {
    const items = await allEscalations(stack, token, level);
    const at = Date.now();
    polls += 1;
    for (const e of items) {
      if (cases.has(e.caseId) && !seen.has(e.caseId)) {
        seen.set(e.caseId, { at, escalation: e });
        onSeen?.(e);
      }
    }
    await sleep(POLL_MS);
  }
  return { seen, polls };
}

// The in-app notification (its alert row) and the mail (its receipt by the SMTP server) of every case's alert of one
// kind to one person, in ms from each case's deadline; waits (10 minutes at most) until every mail has arrived.
async function told(
  db: Client,
  smtp: Awaited<ReturnType<typeof startSmtpSink>>,
  kind: string,
  userId: string,
  ids: Set<string>,
  deadline: (caseId: string) => number,
) {
  const read = async () =>
    (
      await db.query(
        `SELECT a.case_id AS "caseId", a.created_at AS "createdAt", s.id AS "messageId"
           FROM alerts a LEFT JOIN staff_messages s ON s.alert_id = a.id AND s.channel = 'EMAIL'
          WHERE a.kind = $1 AND a.user_id = $2 AND a.case_id = ANY($3::uuid[])`,
        [kind, userId, [...ids]],
      )
    ).rows as { caseId: string; createdAt: Date; messageId: string | null }[];
  const until = Date.now() + 600_000;
  let rows = await read();
  while (
    (rows.length < ids.size || rows.some((r) => !r.messageId || !smtp.receivedAt.has(`<${r.messageId}@rujukan>`))) &&
    Date.now() < until
  ) {
    await sleep(500);
    rows = await read();
  }
  const inApp = rows.map((r) => r.createdAt.getTime() - deadline(r.caseId));
  const mailed = rows.flatMap((r) => {
    const at = smtp.receivedAt.get(`<${r.messageId}@rujukan>`)?.[0];
    return at === undefined ? [] : [at - deadline(r.caseId)];
  });
  return { inApp, mailed };
}

// 1,000 bare timers firing at the same moment (BARE_LEAD_MS after their workflows are all started): from that moment,
// when each timer's workflow task ran (engine) and when its activity ran (ms).
async function bareTimers(stack: BenchStack): Promise<{ lag: number[]; engine: number[] }> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const native = await NativeConnection.connect({ address: stack.temporalAddress });
  const client = new TemporalClient({ connection });
  const lag: number[] = [];
  const engine: number[] = [];
  const activities: TimerActivities = {
    async timerFired(fireAt, workflowTime) {
      lag.push(Date.now() - fireAt);
      engine.push(workflowTime - fireAt);
    },
  };
  const taskQueue = `bench-timers-${randomUUID()}`;
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  try {
    await worker.runUntil(async () => {
      const t0 = Date.now();
      // a start takes a few ms; the moment leaves room for all of them
      const fireAt = t0 + 30_000 + CASES * 30;
      const handles = await pool(CASES, CONCURRENCY, () =>
        client.workflow.start('baselineTimerWorkflow', {
          workflowId: `bench-timer-${randomUUID()}`,
          taskQueue,
          args: [fireAt],
        }),
      );
      if (Date.now() > fireAt - 2000) throw new Error('the bare workflows started too late for their common moment');
      log(`${CASES} bare timers started in ${((Date.now() - t0) / 1000).toFixed(1)} s; they fire together`);
      await pool(CASES, CONCURRENCY, (i) => handles[i]!.result());
    });
  } finally {
    await native.close();
    await connection.close();
  }
  return { lag, engine };
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  const scale = DEADLINE_S / MEDIUM_REGISTRATION_S;
  const smtp = await startSmtpSink();
  const stack = await startBenchStack({
    SLA_TIME_SCALE: String(scale),
    LOG_LEVEL: 'warn',
    TOKEN_TTL_SECONDS: '3600',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  });
  try {
    const cw = await stack.login('cw.palu');
    const spv = await stack.login('spv.palu');
    const head = await stack.login('head.palu');

    // 1. register
    const dueAt = new Map<string, number>();
    const t0 = Date.now();
    // as a client should: an Idempotency-Key per case, a 503 (ENGINE_TIMEOUT on a loaded machine) sent again after
    // its Retry-After, which attaches to the same registration
    let registrationTimeouts = 0;
    await pool(CASES, CONCURRENCY, async (i) => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(`${stack.baseUrl}/api/v1/cases`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${cw}`,
            'idempotency-key': `bench-${i}`,
          },
          body: JSON.stringify(benchRegistration(i)),
        });
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status === 503 && attempt < 30) {
          registrationTimeouts += 1;
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        if (res.status !== 201 && res.status !== 200)
          throw new Error(`registration: ${res.status} ${JSON.stringify(body)}`);
        dueAt.set(body.id as string, Date.parse(body.dueAt as string));
        return;
      }
    });
    const registrationSeconds = (Date.now() - t0) / 1000;
    log(
      `${CASES} cases registered in ${registrationSeconds.toFixed(1)} s; ` +
        `first deadlines pass in ${((Math.min(...dueAt.values()) - Date.now()) / 1000).toFixed(0)} s; ` +
        `${registrationTimeouts} answered 503 ENGINE_TIMEOUT first`,
    );
    const ids = new Set(dueAt.keys());

    // 2. round 1 (deadlines spread over the registration time); each level-1 escalation is extended to T as soon as
    // it is seen, before its 200 % mark raises it to level 2. T leaves time for all the resolutions, also when the
    // engine lags by minutes behind a burst of mail (BENCH_SLACK_SECONDS, default 600).
    const T = Date.now() + DEADLINE_S * 1000 + Math.max(SLACK_S * 1000, registrationSeconds * 4000);
    // the supervisor's resolutions go out CONCURRENCY at a time, as they are seen (not 1,000 requests at once)
    const queue: Escalation[] = [];
    const refused: string[] = [];
    let watching = true;
    // as a client should: one Idempotency-Key per resolution, a 503 (ENGINE_TIMEOUT: no outcome within the API's
    // engine deadline) sent again after its Retry-After, which attaches to the same Update
    let engineTimeouts = 0;
    const resolve = async (e: Escalation) => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(`${stack.baseUrl}/api/v1/escalations/${e.id}/resolve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${spv}`, 'idempotency-key': e.id },
          body: JSON.stringify({
            resolution: 'EXTEND',
            newDueAt: new Date(T).toISOString(),
            reason: 'all by the morning meeting',
          }),
        });
        if (res.status === 200) return;
        if (res.status === 503 && attempt < 30) {
          engineTimeouts += 1;
          await res.body?.cancel();
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        refused.push(`${res.status} ${await res.text()}`);
        return;
      }
    };
    const resolvers = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (watching || queue.length > 0) {
          const e = queue.shift();
          if (e) await resolve(e);
          else await sleep(50);
        }
      }),
    );
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const round1 = await watch(stack, spv, 1, ids, DEADLINE_S * 1000 + 600_000, (e) => {
      if (ROUNDS > 1) queue.push(e);
    });
    watching = false;
    await resolvers;
    {
      const lag = stats([...round1.seen].map(([caseId, seen]) => seen.at - dueAt.get(caseId)!));
      log(`round 1: level 1 visible after its deadline p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
    }
    if (ROUNDS === 1) {
      const lag1 = [...round1.seen].map(([caseId, seen]) => seen.at - dueAt.get(caseId)!);
      const told1 = await told(db, smtp, 'ESCALATION_1', DEMO_USERS.spvPalu.id, ids, (caseId) => dueAt.get(caseId)!);
      await db.end();
      const result = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length },
        cases: CASES,
        slaTimeScale: scale,
        deadlinesSpreadOverSeconds: Math.round(registrationSeconds),
        pollEveryMs: POLL_MS,
        supervisorToldOfLevel1: {
          inAppMs: stats(told1.inApp),
          emailReceivedMs: stats(told1.mailed),
          mailsOfLevel1: told1.mailed.length,
        },
        baselineEscalationVisibleMs: stats(lag1),
        mailsReceived: smtp.count(),
        messageIdsReceivedTwice: [...smtp.receivedAt.values()].filter((v) => v.length > 1).length,
        ratio: {
          inAppP50: ratio(stats(told1.inApp).p50, stats(lag1).p50),
          emailP50: ratio(stats(told1.mailed).p50, stats(lag1).p50),
          emailP95: ratio(stats(told1.mailed).p95, stats(lag1).p95),
          emailP99: ratio(stats(told1.mailed).p99, stats(lag1).p99),
        },
      };
      const t = (x: ReturnType<typeof stats>) => `${x.p50} | ${x.p95} | ${x.p99} | ${x.max}`;
      writeResults('escalation-told', result, [
        `# People told of 1,000 deadlines (${result.date.slice(0, 10)}, ${CASES} cases, ${cpus().length} cores, embedded stack, email on)`,
        '',
        `${CASES} cases registered over HTTP in ${result.deadlinesSpreadOverSeconds} s, so their registration deadlines pass within that time; each breach opens a level-1 escalation, and the office's supervisor is told of it in the console and by email (a real SMTP server on loopback). From each case's deadline (ms):`,
        '',
        '| | p50 | p95 | p99 | max |',
        '|---|---|---|---|---|',
        `| the supervisor's in-app notification written | ${t(result.supervisorToldOfLevel1.inAppMs)} |`,
        `| the supervisor's level-1 mail received by the SMTP server | ${t(result.supervisorToldOfLevel1.emailReceivedMs)} |`,
        `| baseline: the level-1 escalation visible in \`GET /api/v1/escalations\` (same run) | ${t(result.baselineEscalationVisibleMs)} |`,
        '',
        `Mail vs escalation visible: p50 **${result.ratio.emailP50}×**, p95 **${result.ratio.emailP95}×**, p99 **${result.ratio.emailP99}×**; in-app vs escalation visible: p50 **${result.ratio.inAppP50}×**. ${result.mailsReceived} mails in the run (every reminder, breach and escalation), ${result.messageIdsReceivedTwice} Message-IDs received twice.`,
      ]);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    if (refused.length > 0 || round1.seen.size < CASES) {
      for (const r of refused.slice(0, 10)) log(`refused: ${r}`);
      throw new Error(
        `round 1: ${round1.seen.size} seen, ${refused.length} resolutions refused; raise BENCH_SLACK_SECONDS`,
      );
    }
    if (Date.now() > T - 5000) throw new Error('the resolutions ran past T; raise BENCH_DEADLINE_SECONDS');
    log(
      `round 1 done; ${CASES} escalations extended to ${new Date(T).toISOString()} (in ` +
        `${((T - Date.now()) / 1000).toFixed(0)} s); ${engineTimeouts} answered 503 ENGINE_TIMEOUT first`,
    );

    // 3. round 2: every deadline at T
    await sleep(Math.max(0, T - Date.now() - 2000));
    const round2 = await watch(stack, head, 2, ids, 600_000);
    if (round2.seen.size < CASES) throw new Error(`round 2: only ${round2.seen.size} of ${CASES} escalations appeared`);

    // the supervisor told of each level-1 escalation of round 1, in the console and by mail (from each deadline;
    // read after round 2, so that waiting for round 1's mail cannot delay round 2's poller)
    const told1 = await told(db, smtp, 'ESCALATION_1', DEMO_USERS.spvPalu.id, ids, (caseId) => dueAt.get(caseId)!);
    log(
      `round 1 told: in-app p50 ${stats(told1.inApp).p50} p95 ${stats(told1.inApp).p95} p99 ${stats(told1.inApp).p99}; ` +
        `mail p50 ${stats(told1.mailed).p50} p95 ${stats(told1.mailed).p95} p99 ${stats(told1.mailed).p99} ` +
        `(${told1.mailed.length} mails)`,
    );

    const told2 = await told(db, smtp, 'ESCALATION_2', DEMO_USERS.headPalu.id, ids, () => T);
    const { inApp, mailed } = told2;
    const duplicates = [...smtp.receivedAt.values()].filter((v) => v.length > 1).length;
    if (mailed.length < CASES) throw new Error(`only ${mailed.length} of ${CASES} level-2 mails arrived`);

    const bare = await bareTimers(stack);
    log(`bare timers: lag p50 ${stats(bare.lag).p50} ms, p99 ${stats(bare.lag).p99} ms`);

    const lag1 = [...round1.seen].map(([caseId, s]) => s.at - dueAt.get(caseId)!);
    const engine1 = [...round1.seen].map(([caseId, s]) => Date.parse(s.escalation.openedAt) - dueAt.get(caseId)!);
    const lag2 = [...round2.seen.values()].map((s) => s.at - T);
    const engine2 = [...round2.seen.values()].map((s) => Date.parse(s.escalation.openedAt) - T);
    const result = {
      date: new Date().toISOString(),
      commit: benchCommit(),
      machine: { cpus: cpus().length },
      load: { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) },
      cases: CASES,
      slaTimeScale: scale,
      workerTuning,
      pollEveryMs: POLL_MS,
      registrationSeconds: Math.round(registrationSeconds * 10) / 10,
      registrationsAnsweredEngineTimeoutFirst: registrationTimeouts,
      resolutionsAnsweredEngineTimeoutFirst: engineTimeouts,
      simultaneous: {
        deadline: new Date(T).toISOString(),
        lagMs: stats(lag2),
        engineLagMs: stats(engine2),
        polls: round2.polls,
      },
      baselineSpread: {
        spreadOverSeconds: Math.round(registrationSeconds),
        lagMs: stats(lag1),
        engineLagMs: stats(engine1),
        polls: round1.polls,
      },
      bareTimers: { lagMs: stats(bare.lag), engineLagMs: stats(bare.engine) },
      toldRound1: {
        inAppMs: stats(told1.inApp),
        emailReceivedMs: stats(told1.mailed),
        escalationVisibleMs: stats(lag1),
      },
      told: {
        inAppMs: stats(inApp),
        emailReceivedMs: stats(mailed),
        mailsReceived: smtp.count(),
        messageIdsReceivedTwice: duplicates,
        ratioToEscalationLag: {
          inAppP50: ratio(stats(inApp).p50, stats(lag2).p50),
          emailP50: ratio(stats(mailed).p50, stats(lag2).p50),
          emailP99: ratio(stats(mailed).p99, stats(lag2).p99),
        },
      },
      ratio: {
        p50: ratio(stats(lag2).p50, stats(lag1).p50),
        p99: ratio(stats(lag2).p99, stats(lag1).p99),
        max: ratio(stats(lag2).max, stats(lag1).max),
      },
      ratioToBareTimers: {
        lagP50: ratio(stats(lag2).p50, stats(bare.lag).p50),
        lagP99: ratio(stats(lag2).p99, stats(bare.lag).p99),
        engineP99: ratio(stats(engine2).p99, stats(bare.engine).p99),
      },
    };
    const s = (x: ReturnType<typeof stats>) => `${x.p50} | ${x.p99} | ${x.max}`;
    const t = (x: ReturnType<typeof stats>) => `${x.p50} | ${x.p95} | ${x.p99} | ${x.max}`;
    writeResults('escalation-lag', result, [
      `# Escalation lag (${result.date.slice(0, 10)}, commit ${result.commit}, ${CASES} cases, ${cpus().length} ` +
        `cores, embedded stack, SLA_TIME_SCALE=${scale.toFixed(6)})`,
      '',
      `Load average before ${result.load.before.join(' / ')}, after ${result.load.after.join(' / ')}.`,
      '',
      "Time from a deadline to its escalation visible in `GET /api/v1/escalations` (ms); the engine lag is the escalation's `openedAt` (when the workflow's timer fired) minus the deadline.",
      '',
      '| deadlines | lag p50 | lag p99 | lag max | engine p50 | engine p99 | engine max |',
      '|---|---|---|---|---|---|---|',
      `| ${CASES} at the same moment (level 2 after EXTEND) | ${s(result.simultaneous.lagMs)} | ${s(result.simultaneous.engineLagMs)} |`,
      `| baseline: the same ${CASES} spread over ${result.baselineSpread.spreadOverSeconds} s (level 1) | ${s(result.baselineSpread.lagMs)} | ${s(result.baselineSpread.engineLagMs)} |`,
      `| baseline: ${CASES} bare workflows' timers at the same moment, then one activity | ${s(result.bareTimers.lagMs)} | ${s(result.bareTimers.engineLagMs)} |`,
      '',
      `Simultaneous escalations vs bare timers at the same moment: lag p50 **${result.ratioToBareTimers.lagP50}×**, p99 **${result.ratioToBareTimers.lagP99}×**; engine p99 **${result.ratioToBareTimers.engineP99}×** (for the bare timers, "lag" is when the activity after the timer ran).`,
      '',
      '## The people told (issue 18)',
      '',
      `Email on, to a real SMTP server on loopback: ${result.told.mailsReceived} mails in the whole run (every reminder, breach and escalation of ${CASES} cases), ${duplicates} Message-IDs received twice. For the ${CASES} deadlines at T, from T (ms):`,
      '',
      '| | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|',
      `| the head's in-app notification written | ${t(result.told.inAppMs)} |`,
      `| the head's level-2 mail received by the SMTP server | ${t(result.told.emailReceivedMs)} |`,
      `| baseline: the level-2 escalation visible in the API (same round) | ${t(result.simultaneous.lagMs)} |`,
      '',
      `Round 1 (the same ${CASES} deadlines spread over ${result.baselineSpread.spreadOverSeconds} s), the supervisor told of each level-1 escalation, from its deadline (ms):`,
      '',
      '| | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|',
      `| the supervisor's in-app notification written | ${t(result.toldRound1.inAppMs)} |`,
      `| the supervisor's level-1 mail received by the SMTP server | ${t(result.toldRound1.emailReceivedMs)} |`,
      `| baseline: the level-1 escalation visible in the API (same round) | ${t(result.toldRound1.escalationVisibleMs)} |`,
      '',
      `Mail vs escalation visible: p50 **${result.told.ratioToEscalationLag.emailP50}×**, p99 **${result.told.ratioToEscalationLag.emailP99}×**; in-app vs escalation visible: p50 **${result.told.ratioToEscalationLag.inAppP50}×** (the in-app row is written in the escalation's own transaction; the API's visibility adds the poll).`,
      '',
      `Simultaneous vs spread: p50 **${result.ratio.p50}×**, p99 **${result.ratio.p99}×**, max **${result.ratio.max}×**. The poller pages through the whole list (200 a page) every ${POLL_MS} ms, so visibility is known to within one poll. Worker tuning: ${
        Object.keys(workerTuning).length
          ? Object.entries(workerTuning)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')
          : 'the SDK defaults'
      }.`,
    ]);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    await db.end();
  } finally {
    await stack.stop();
    await smtp.stop();
  }
}

runBench(main);
