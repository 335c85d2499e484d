// Fault test of moving running cases to another SLA policy version (issue 20): the worker is killed with SIGKILL
// while the migration's fan-out is under way, and a new one started. Every case must be moved exactly once: one
// sla.policy_migrated event each, none lost, none twice.
import { isRunning, stopProcess, type Managed } from '../../scripts/infra/processes';
import { nodeProcess, startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { processEnv } from './harness';

const CASES = Number(process.env.FAULT_SLA_MOVE_CASES ?? 60);
const AT_ONCE = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const registration = (i: number) => ({
  person: {
    fullName: `Pekerja Migran ${i}`,
    sex: i % 2 ? 'F' : 'M',
    dateOfBirth: '1988-04-02',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
  },
  arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: '2026-11-27T09:00:00+08:00', fromCountry: 'MY' },
  category: 'DEPORTEE',
});

describe('faults: the worker killed while an SLA migration moves cases', () => {
  let sut: E2eStack;
  let replacement: Managed | null = null;
  let apiReplacement: Managed | null = null;

  beforeAll(async () => {
    sut = await startE2eStack();
  });
  afterAll(async () => {
    if (replacement) await stopProcess(replacement, 'SIGTERM', 10000);
    if (apiReplacement) await stopProcess(apiReplacement, 'SIGTERM', 10000);
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 202) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  it('should move every case exactly once when the worker dies mid-way', async () => {
    const admin = sut.as(await sut.login('admin'));
    const spv = sut.as(await sut.login('spv.palu'));
    const ids: string[] = [];
    for (let i = 0; i < CASES; i += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, CASES - i) }, (_, k) => i + k);
      ids.push(
        ...(await Promise.all(
          batch.map(async (n) => (await ok(sut.http('POST', '/api/v1/cases', registration(n)))).id),
        )),
      );
    }
    const { slaPolicy } = await ok(sut.http('GET', '/api/v1/process-definition'));
    const deadlines = { ...slaPolicy.deadlines };
    deadlines.REGISTRATION = { ...deadlines.REGISTRATION, MEDIUM: { amount: 8, unit: 'hours' } };
    await ok(
      sut.http('POST', '/api/v1/sla-policies', { province: 'Sulawesi Tengah', version: 'faults-1', deadlines }, admin),
    );
    await ok(sut.http('POST', '/api/v1/sla-policies/faults-1/activate', undefined, admin));

    const started = await ok(
      sut.http(
        'POST',
        '/api/v1/sla-policies/faults-1/migrations',
        { filter: { caseIds: ids }, reason: 'uji gangguan' },
        spv,
      ),
    );
    expect(started.total).toBe(CASES);
    const migrationId = started.id as string;
    const count = async (status: string): Promise<number> =>
      (
        await sut.db.query(
          'SELECT count(*)::int AS n FROM sla_migration_cases WHERE migration_id = $1 AND status = $2',
          [migrationId, status],
        )
      ).rows[0].n;

    // the worker dies as soon as the first cases are moved, the rest still to do
    while ((await count('MOVED')) === 0) await sleep(10);
    sut.worker.child.kill('SIGKILL');
    await sut.worker.exited;
    const pendingAtKill = await count('PENDING');
    expect(pendingAtKill).toBeGreaterThan(0);
    replacement = nodeProcess('worker-2', 'worker', processEnv(sut));

    let progress: any;
    for (const until = Date.now() + 240_000; ;) {
      progress = await ok(sut.http('GET', `/api/v1/sla-policies/faults-1/migrations/${migrationId}`, undefined, spv));
      if (progress.status === 'DONE') break;
      if (Date.now() > until)
        throw new Error(`the migration did not finish: ${JSON.stringify(progress).slice(0, 300)}`);
      await sleep(500);
    }
    expect(isRunning(sut.worker)).toBe(false);
    expect(progress).toMatchObject({ total: CASES, done: CASES, moved: CASES, failed: 0, pending: 0 });

    // exactly one sla.policy_migrated event per case, all of this migration
    const events = await sut.db.query(
      `SELECT case_id, count(*)::int AS n, min(data->>'migrationId') AS m FROM case_events
        WHERE type = 'sla.policy_migrated' GROUP BY case_id`,
    );
    expect(events.rows).toHaveLength(CASES);
    expect(events.rows.every((r: { n: number; m: string }) => r.n === 1 && r.m === migrationId)).toBe(true);
    expect(new Set(events.rows.map((r: { case_id: string }) => r.case_id))).toEqual(new Set(ids));
    // every case runs under the new version
    const snapshots = await Promise.all(ids.map((id) => ok(sut.http('GET', `/api/v1/cases/${id}`))));
    expect(new Set(snapshots.map((s) => s.policyVersion))).toEqual(new Set(['faults-1']));
    process.stderr.write(
      `fault test (SLA migration, worker SIGKILL): ${CASES} cases moved once each, ${pendingAtKill} pending at the kill\n`,
    );
  }, 400_000);

  it('should take up, at the next API start, a migration whose fan-out the API never started', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) ids.push((await ok(sut.http('POST', '/api/v1/cases', registration(n)))).id);
    // the API stopped right after writing the migration and its set, before starting the fan-out: as it left them
    const migrationId = '5a1e0000-0000-4000-8000-000000000001';
    await sut.db.query(
      `INSERT INTO sla_migrations (id, office_id, to_version, reason, selection, created_by, created_by_role, status)
       VALUES ($1, $2, 'faults-1', 'uji mulai ulang', '{}', $3, 'SUPERVISOR', 'RUNNING')`,
      [migrationId, DEMO_OFFICES.sulteng.id, DEMO_USERS.spvPalu!.id],
    );
    await sut.db.query(
      `INSERT INTO sla_migration_cases (migration_id, case_id, status) SELECT $1, unnest($2::uuid[]), 'PENDING'`,
      [migrationId, ids],
    );
    await stopProcess(sut.api, 'SIGKILL', 10000);
    apiReplacement = nodeProcess('api-2', 'main', {
      ...processEnv(sut),
      PORT: new URL(sut.baseUrl).port,
      HOST: '127.0.0.1',
    });
    const status = async () =>
      (await sut.db.query('SELECT status FROM sla_migrations WHERE id = $1', [migrationId])).rows[0].status;
    for (const until = Date.now() + 120_000; (await status()) !== 'DONE';) {
      if (Date.now() > until) throw new Error('the migration left behind was not taken up');
      await sleep(500);
    }
    const events = await sut.db.query(
      `SELECT case_id FROM case_events WHERE type = 'sla.policy_migrated' AND data->>'migrationId' = $1`,
      [migrationId],
    );
    expect(events.rows.map((r: { case_id: string }) => r.case_id).sort()).toEqual([...ids].sort());
  }, 200_000);
});
