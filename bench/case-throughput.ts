// `npm run bench:throughput`: N full HIGH cases driven over HTTP at concurrency C on the embedded stack (the real
// API, worker and PostgreSQL): cases per second and action latency p50/p95/p99. Baseline in the same run, on the same
// Temporal server: bare workflows taking the same number of Updates, each running a no-op activity, driven straight
// through the Temporal client. A third row, for finding the bottleneck: the same full case through the Temporal
// client on a worker with no-op activities (the case workflow without the API and PostgreSQL).
// Results: bench/results/case-throughput.json and .md.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { noopCaseActivities } from './support/noop-activities';
import { DEMO_AGENCIES } from '../src/database/seed';
import { createCalendar, DEFAULT_SLA_POLICY } from '../workflows/definition';
import { awaitRegistrationUpdate, performActionUpdate, referralAnswerUpdate } from '../workflows/messages';
import {
  caseWorkflowId,
  referralWorkflowId,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type StaffActor,
} from '../workflows/types';
import { baselineStepUpdate } from './workflows/baseline.workflow';
import {
  log,
  pool,
  ratio,
  ROOT,
  startBenchStack,
  stats,
  writeResults,
  type BenchStack,
  runBench,
} from './support/stack';

const CASES = Number(process.env.BENCH_CASES ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const cw: StaffActor = { userId: randomUUID(), role: 'CASEWORKER' };
const spv: StaffActor = { userId: randomUUID(), role: 'SUPERVISOR' };
const agency = randomUUID();
const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;

type Tokens = { cw: string; spv: string; partner: string };

// One full HIGH trafficking case over HTTP, every step, as caseworker, partner and supervisor would drive it.
// Returns the latency of each action (ms).
async function httpHighCase(stack: BenchStack, t: Tokens, i: number): Promise<number[]> {
  const ms: number[] = [];
  const timed = async (path: string, body: unknown, token: string) => {
    const start = performance.now();
    const res = await stack.post(path, body, token);
    ms.push(performance.now() - start);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return res.body as Record<string, any>;
  };
  const created = await timed(
    '/api/v1/cases',
    {
      person: {
        fullName: `Bench Returnee ${i}`,
        sex: 'F',
        dateOfBirth: '1990-01-01',
        homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
      },
      arrival: { point: 'bench', arrivedAt: new Date().toISOString(), fromCountry: 'MY' },
      category: 'TPPO_VICTIM',
    },
    t.cw,
  );
  const id = created.id as string;
  const act = (type: string, payload: Record<string, unknown> = {}, token = t.cw) =>
    timed(`/api/v1/cases/${id}/actions`, { type, payload }, token);
  await act('complete-registration');
  await act('complete-screening', { indicators: ['DECEPTION'], flags: { medical: true } });
  await act('record-emergency-care', { facilityKind: 'HOSPITAL' });
  // a supervisor files the TPPO report directly (a caseworker's waits for a confirmation)
  await act('file-tppo-report', { reportedTo: ['POLICE'] }, t.spv);
  const consented = await act('record-consent', {
    givenBy: 'SELF',
    method: 'WRITTEN',
    purpose: 'REFERRAL',
    recipientAgencyId: UPTD_PPA,
    dataCategories: ['HEALTH'],
    expiresAt: new Date(Date.now() + 86400000 * 90).toISOString(),
  });
  const sent = await act('send-referral', {
    agencyId: UPTD_PPA,
    services: ['SHELTER'],
    legalBasis: 'CONSENT',
    consentId: consented.consents[0].id,
  });
  const referralId = sent.referrals[0].id as string;
  await timed(`/api/v1/referrals/${referralId}/acknowledge`, {}, t.partner);
  await timed(`/api/v1/referrals/${referralId}/accept`, {}, t.partner);
  for (;;) {
    const now = await stack.get(`/api/v1/cases/${id}`, t.cw);
    if (now.body.currentStep === 'SHELTER') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await act('start-shelter', { shelterKind: 'RUMAH_AMAN' });
  await act('complete-assessment', { plan: { rehabilitation: true, reintegration: true } });
  await act('start-rehabilitation');
  await act('record-rehabilitation-review', { notes: 'bench' });
  await act('complete-rehabilitation');
  await act('record-handover', { handedTo: 'FAMILY' });
  await act('enrol-reintegration', { programme: 'DESMIGRATIF' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let c: Record<string, any>;
  do c = await act('record-follow-up', { reached: true });
  while (c.currentStep === 'MONITORING');
  await act('propose-closure', { reason: 'bench' });
  await act('approve-closure', {}, t.spv);
  return ms;
}

// The same full HIGH case straight through the Temporal client, on a worker with no-op activities: the case
// workflow's own cost, without the API and PostgreSQL. Returns how many Updates it took.
async function fullHighCase(
  client: Client,
  taskQueue: string,
  calendar: ReturnType<typeof createCalendar>,
): Promise<{ updates: number; workflowId: string }> {
  const caseId = randomUUID();
  const now = new Date().toISOString();
  const input: CaseWorkflowInput = {
    caseId,
    officeId: randomUUID(),
    personId: randomUUID(),
    category: 'TPPO_VICTIM',
    arrival: { point: 'bench', arrivedAt: now, fromCountry: 'MY' },
    policyVersion: DEFAULT_SLA_POLICY.version,
    policy: DEFAULT_SLA_POLICY,
    calendar,
    slaTimeScale: 1,
    registeredBy: cw,
    registeredAt: now,
  };
  const handle = await client.workflow.start('caseWorkflow', {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [input],
  });
  let updates = 1;
  await handle.executeUpdate(awaitRegistrationUpdate);
  const act = async (type: string, payload: Record<string, unknown> = {}, actor = cw): Promise<CaseSnapshot> => {
    updates += 1;
    return handle.executeUpdate(performActionUpdate, { args: [{ type: type as never, payload, actor }] });
  };
  await act('complete-registration');
  await act('complete-screening', { indicators: ['DECEPTION'], flags: { medical: true } });
  await act('record-emergency-care');
  await act('file-tppo-report', { reportedTo: ['POLICE'] }, spv);
  const consented = await act('record-consent', {
    givenBy: 'SELF',
    method: 'WRITTEN',
    purpose: 'REFERRAL',
    recipientAgencyId: agency,
    dataCategories: [],
    expiresAt: new Date(Date.now() + 86400000 * 90).toISOString(),
  });
  const sent = await act('send-referral', {
    agencyId: agency,
    services: ['SHELTER'],
    legalBasis: 'CONSENT',
    consentId: consented.consents[0]!.id,
  });
  const referral = client.workflow.getHandle(referralWorkflowId(sent.referrals[0]!.id));
  for (const type of ['acknowledge', 'accept'] as const) {
    updates += 1;
    await referral.executeUpdate(referralAnswerUpdate, { args: [{ type, actor: { userId: null, role: 'PARTNER' } }] });
  }
  for (;;) {
    const s = (await handle.query('caseSnapshot' as never)) as CaseSnapshot;
    if (s.currentStep === 'SHELTER') break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await act('start-shelter');
  await act('complete-assessment', { plan: { rehabilitation: true, reintegration: true } });
  await act('start-rehabilitation');
  await act('record-rehabilitation-review');
  await act('complete-rehabilitation');
  await act('record-handover', { handedTo: 'FAMILY' });
  await act('enrol-reintegration');
  let s: CaseSnapshot;
  do s = await act('record-follow-up', { reached: true });
  while (s.currentStep === 'MONITORING');
  await act('propose-closure');
  await act('approve-closure', {}, spv);
  return { updates, workflowId: handle.workflowId };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ TOKEN_TTL_SECONDS: '3600' });
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: stack.temporalAddress });
  const holidays = JSON.parse(
    readFileSync(join(ROOT, 'src', 'database', 'seed-data', 'holidays-id-2026.json'), 'utf8'),
  ) as { holidays: { date: string }[] };
  const calendar = createCalendar(holidays.holidays);
  const taskQueue = `bench-direct-${randomUUID()}`;
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: noopCaseActivities,
  });
  try {
    await worker.runUntil(async () => {
      const tokens: Tokens = {
        cw: await stack.login('cw.palu'),
        spv: await stack.login('spv.palu'),
        partner: await stack.login('ppa.sulteng'),
      };
      // warm-up of every path: JIT, connection pools, sticky caches
      await pool(5, 5, (i) => httpHighCase(stack, tokens, -1 - i));
      const warm = await pool(5, 5, () => fullHighCase(client, taskQueue, calendar));
      const updatesPerCase = warm[0]!.updates;

      log(`${CASES} full HIGH cases over HTTP, ${CONCURRENCY} at a time`);
      const t0 = performance.now();
      const http = (await pool(CASES, CONCURRENCY, (i) => httpHighCase(stack, tokens, i))).flat();
      const httpSeconds = (performance.now() - t0) / 1000;

      log(`baseline: ${CASES} bare workflows of ${updatesPerCase} Updates through the Temporal client`);
      const baselineMs: number[] = [];
      const t1 = performance.now();
      await pool(CASES, CONCURRENCY, async () => {
        const handle = await client.workflow.start('baselineWorkflow', {
          workflowId: `baseline-${randomUUID()}`,
          taskQueue,
          args: [updatesPerCase],
        });
        for (let i = 0; i < updatesPerCase; i += 1) {
          const start = performance.now();
          await handle.executeUpdate(baselineStepUpdate);
          baselineMs.push(performance.now() - start);
        }
        await handle.result();
      });
      const baselineSeconds = (performance.now() - t1) / 1000;

      log(`the case workflow alone: ${CASES} full cases through the Temporal client, no-op activities`);
      const t2 = performance.now();
      const direct = await pool(CASES, CONCURRENCY, () => fullHighCase(client, taskQueue, calendar));
      const directSeconds = (performance.now() - t2) / 1000;
      const events = (await client.workflow.getHandle(direct[0]!.workflowId).fetchHistory()).events!;

      const httpStats = stats(http);
      const baseStats = stats(baselineMs);
      const result = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length },
        cases: CASES,
        concurrency: CONCURRENCY,
        httpCallsPerCase: Math.round(http.length / CASES),
        updatesPerCase,
        overHttp: {
          seconds: r2(httpSeconds),
          casesPerSecond: r2(CASES / httpSeconds),
          actionsPerSecond: r2(http.length / httpSeconds),
          actionLatencyMs: httpStats,
        },
        baseline: {
          seconds: r2(baselineSeconds),
          workflowsPerSecond: r2(CASES / baselineSeconds),
          updatesPerSecond: r2((CASES * updatesPerCase) / baselineSeconds),
          updateLatencyMs: baseStats,
        },
        caseWorkflowNoOpActivities: {
          seconds: r2(directSeconds),
          casesPerSecond: r2(CASES / directSeconds),
          historyEventsPerCase: events.length,
          workflowTasksPerCase: events.filter((e) => Number(e.eventType) === 6).length,
        },
        ratio: {
          throughputHttpToBaseline: ratio(baselineSeconds, httpSeconds),
          throughputCaseWorkflowToBaseline: ratio(baselineSeconds, directSeconds),
          latencyP50: ratio(httpStats.p50, baseStats.p50),
          latencyP95: ratio(httpStats.p95, baseStats.p95),
          latencyP99: ratio(httpStats.p99, baseStats.p99),
        },
      };
      writeResults('case-throughput', result, [
        `# Case throughput (${result.date.slice(0, 10)}, ${CASES} full HIGH cases, concurrency ${CONCURRENCY}, ` +
          `${cpus().length} cores, embedded stack)`,
        '',
        '| run | seconds | cases (workflows) per second | latency p50 / p95 / p99 (ms) |',
        '|---|---|---|---|',
        `| over HTTP: API, worker, PostgreSQL (${result.httpCallsPerCase} calls per case) | ${result.overHttp.seconds} | ${result.overHttp.casesPerSecond} | ${httpStats.p50} / ${httpStats.p95} / ${httpStats.p99} (per action) |`,
        `| baseline: bare workflow, ${updatesPerCase} Updates with a no-op activity, Temporal client | ${result.baseline.seconds} | ${result.baseline.workflowsPerSecond} | ${baseStats.p50} / ${baseStats.p95} / ${baseStats.p99} (per Update) |`,
        `| the case workflow alone: Temporal client, no-op activities | ${result.caseWorkflowNoOpActivities.seconds} | ${result.caseWorkflowNoOpActivities.casesPerSecond} | |`,
        '',
        `Over HTTP, throughput is **${result.ratio.throughputHttpToBaseline}×** the baseline's; ` +
          `action latency is **${result.ratio.latencyP50}× / ${result.ratio.latencyP95}× / ` +
          `${result.ratio.latencyP99}×** the baseline Update's (p50/p95/p99). ` +
          `The case workflow alone runs at ${result.ratio.throughputCaseWorkflowToBaseline}× the baseline ` +
          `(${events.length} history events and ${result.caseWorkflowNoOpActivities.workflowTasksPerCase} ` +
          'workflow tasks per case).',
      ]);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
  } finally {
    await native.close();
    await connection.close();
    await stack.stop();
  }
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}

runBench(main);
