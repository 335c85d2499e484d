// `npm run bench`: full HIGH cases driven through every step with immediate actions on the Temporal dev server,
// against a baseline measured in the same run: bare workflows taking the same number of Updates, each with a no-op
// activity. Both use no-op activities, so the ratio is the cost of the case workflow itself (state machine,
// child referral workflow, signals, search attributes), not of PostgreSQL.
// Results: bench/results/case-throughput.json and .md.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { CaseActivities } from '../src/activities/case.activities';
import { createCalendar, DEFAULT_SLA_POLICY } from '../workflows/definition';
import { awaitRegistrationUpdate, performActionUpdate, referralAnswerUpdate } from '../workflows/messages';
import { caseWorkflowId, referralWorkflowId, type CaseSnapshot, type CaseWorkflowInput, type StaffActor } from '../workflows/types';
import { freePort } from '../scripts/infra/processes';
import { startTemporalDevServer } from '../scripts/infra/temporal';
import { baselineStepUpdate } from './workflows/baseline.workflow';

const CASES = Number(process.env.BENCH_CASES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROOT = resolve(__dirname, '..', '..');
const cw: StaffActor = { userId: randomUUID(), role: 'CASEWORKER' };
const spv: StaffActor = { userId: randomUUID(), role: 'SUPERVISOR' };
const agency = randomUUID();

const noop: CaseActivities = {
  async applyCaseEffects() {
    return { caseNumber: 'BENCH' };
  },
  async recordReferral() {},
  async queueNotifications() {},
};

async function pool<T>(n: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

// One full HIGH case; returns how many Updates it took.
async function fullHighCase(client: Client, taskQueue: string, calendar: ReturnType<typeof createCalendar>): Promise<{ updates: number; workflowId: string }> {
  const caseId = randomUUID();
  const now = new Date().toISOString();
  const input: CaseWorkflowInput = {
    caseId, officeId: randomUUID(), personId: randomUUID(), category: 'TPPO_VICTIM',
    arrival: { point: 'bench', arrivedAt: now, fromCountry: 'MY' }, policyVersion: DEFAULT_SLA_POLICY.version,
    policy: DEFAULT_SLA_POLICY, calendar, slaTimeScale: 1, registeredBy: cw, registeredAt: now,
  };
  const handle = await client.workflow.start('caseWorkflow', { workflowId: caseWorkflowId(caseId), taskQueue, args: [input] });
  let updates = 1;
  await handle.executeUpdate(awaitRegistrationUpdate);
  const act = async (type: string, payload: Record<string, unknown> = {}, actor = cw): Promise<CaseSnapshot> => {
    updates += 1;
    return handle.executeUpdate(performActionUpdate, { args: [{ type: type as never, payload, actor }] });
  };
  await act('complete-registration');
  await act('complete-screening', { indicators: ['DECEPTION'], flags: { medical: true } });
  await act('record-emergency-care');
  await act('file-tppo-report', { reportedTo: ['POLICE'] });
  const consented = await act('record-consent', { givenBy: 'SELF', method: 'WRITTEN', purpose: 'REFERRAL', recipientAgencyId: agency, dataCategories: [], expiresAt: new Date(Date.now() + 86400000 * 90).toISOString() });
  const sent = await act('send-referral', { agencyId: agency, services: ['SHELTER'], legalBasis: 'CONSENT', consentId: consented.consents[0]!.id });
  const referral = client.workflow.getHandle(referralWorkflowId(sent.referrals[0]!.id));
  for (const type of ['acknowledge', 'accept'] as const) {
    updates += 1;
    await referral.executeUpdate(referralAnswerUpdate, { args: [{ type, actor: { userId: null, role: 'PARTNER' } }] });
  }
  for (;;) {
    const s = await handle.query('caseSnapshot' as never) as CaseSnapshot;
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
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const server = await startTemporalDevServer({ port: await freePort(), uiPort: null, dbFile: null, log });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: server.address });
  const holidays = JSON.parse(readFileSync(join(ROOT, 'src', 'database', 'seed-data', 'holidays-id-2026.json'), 'utf8')) as { holidays: { date: string }[] };
  const calendar = createCalendar(holidays.holidays);
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({ connection: native, taskQueue, workflowsPath: require.resolve('./workflows'), activities: noop });
  try {
    await worker.runUntil(async () => {
      // warm-up: the first workflows pay for caches and JIT
      const warm = await pool(10, 5, () => fullHighCase(client, taskQueue, calendar));
      const updatesPerCase = warm[0]!.updates;

      const t0 = performance.now();
      const cases = await pool(CASES, CONCURRENCY, () => fullHighCase(client, taskQueue, calendar));
      const caseSeconds = (performance.now() - t0) / 1000;

      const t1 = performance.now();
      await pool(CASES, CONCURRENCY, async () => {
        const handle = await client.workflow.start('baselineWorkflow', { workflowId: `baseline-${randomUUID()}`, taskQueue, args: [updatesPerCase] });
        for (let i = 0; i < updatesPerCase; i += 1) await handle.executeUpdate(baselineStepUpdate);
        await handle.result();
      });
      const baselineSeconds = (performance.now() - t1) / 1000;

      const history = await client.workflow.getHandle(cases[0]!.workflowId).fetchHistory();
      const events = history.events!;
      const workflowTasks = events.filter((e) => Number(e.eventType) === 6).length;
      const result = {
        date: new Date().toISOString(),
        cases: CASES,
        concurrency: CONCURRENCY,
        updatesPerCase,
        fullHighCase: { seconds: round(caseSeconds), casesPerSecond: round(CASES / caseSeconds), updatesPerSecond: round((CASES * updatesPerCase) / caseSeconds) },
        baseline: { seconds: round(baselineSeconds), workflowsPerSecond: round(CASES / baselineSeconds), updatesPerSecond: round((CASES * updatesPerCase) / baselineSeconds) },
        ratioCaseToBaselineThroughput: round(baselineSeconds / caseSeconds),
        oneFullHighCase: { historyEvents: events.length, workflowTasks },
      };
      const dir = join(ROOT, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'case-throughput.json'), `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(
        join(dir, 'case-throughput.md'),
        [
          `# Case throughput (${result.date.slice(0, 10)}, ${CASES} cases, concurrency ${CONCURRENCY}, dev server in memory, no-op activities)`,
          '',
          '| run | seconds | per second | Updates per second |',
          '|---|---|---|---|',
          `| full HIGH case (${updatesPerCase} Updates each) | ${result.fullHighCase.seconds} | ${result.fullHighCase.casesPerSecond} cases | ${result.fullHighCase.updatesPerSecond} |`,
          `| baseline: bare workflow, same Updates, no-op activity | ${result.baseline.seconds} | ${result.baseline.workflowsPerSecond} workflows | ${result.baseline.updatesPerSecond} |`,
          '',
          `Case throughput is **${result.ratioCaseToBaselineThroughput}×** the baseline's. One full HIGH case: ${events.length} history events, ${workflowTasks} workflow tasks.`,
          '',
        ].join('\n'),
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
  } finally {
    await native.close();
    await connection.close();
    await server.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
