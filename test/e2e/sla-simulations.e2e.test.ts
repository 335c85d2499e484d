// What-if runs of a draft SLA policy over real HTTP (issue 20, part 2): every bad request refused by name with
// nothing stored, the reach of a head and of a caseworker, one run of a draft at a time, and a run of 20 synthetic
// cases played by the real worker on its own time-skipping server to the end, its progress and its results kept with
// the draft; the draft's shorter registration deadline shows in its breaches; a run cancelled, its process gone.
import { readdirSync, readFileSync } from 'node:fs';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const SULTENG = 'Sulawesi Tengah';
const NOWHERE = '6b1a8a4e-0000-4000-8000-000000000000';

describe('SLA policy what-if runs', () => {
  let sut: E2eStack;
  const tokens: Record<string, string> = {};
  let draftId: string;

  beforeAll(async () => {
    sut = await startE2eStack();
    for (const u of ['admin', 'head.palu', 'cw.palu']) tokens[u] = await sut.login(u);
    const draft = await ok(call('head.palu', 'POST', '/drafts', { province: SULTENG }));
    // registration of a MEDIUM case: 4 h in force, 1 h in the draft (as long as a HIGH case's)
    await ok(
      call('head.palu', 'PATCH', `/drafts/${draft.id}`, {
        revision: draft.revision,
        deadlines: { REGISTRATION: { MEDIUM: { amount: 1, unit: 'hours' } } },
      }),
    );
    draftId = draft.id;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const call = (user: string, method: string, path: string, body?: unknown) =>
    sut.http(method, `/api/v1/sla-policies${path}`, body, sut.as(tokens[user]!));

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function refused(res: Promise<HttpResult>, status: number, error: string, field?: string): Promise<void> {
    const r = await res;
    expect({ status: r.status, error: r.body?.error }).toEqual({ status, error });
    if (field) expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  }

  it('should refuse every bad request by name and store nothing', async () => {
    const run = (body: unknown, user = 'head.palu', id = draftId) => call(user, 'POST', `/${id}/simulations`, body);
    await refused(run({ source: 'GUESS' }), 422, 'VALIDATION_FAILED', 'source');
    await refused(run({ source: 'SYNTHETIC', cases: 0 }), 422, 'VALIDATION_FAILED', 'cases');
    await refused(run({ source: 'SYNTHETIC', cases: 2001 }), 422, 'VALIDATION_FAILED', 'cases');
    await refused(run({ source: 'SYNTHETIC', cases: 'many' }), 422, 'VALIDATION_FAILED', 'cases');
    await refused(
      run({ source: 'SYNTHETIC', silentPartnerPercent: 101 }),
      422,
      'VALIDATION_FAILED',
      'silentPartnerPercent',
    );
    await refused(
      run({ source: 'SYNTHETIC', tiers: { HIGH: 0, MEDIUM: 0, LOW: 0 } }),
      422,
      'VALIDATION_FAILED',
      'tiers',
    );
    await refused(
      run({ source: 'SYNTHETIC', silentPartnerPercent: 60, declinePercent: 50 }),
      422,
      'VALIDATION_FAILED',
      'declinePercent',
    );
    await refused(run({ source: 'DERIVED', from: 'last year', to: '2026-12-01' }), 422, 'VALIDATION_FAILED', 'from');
    await refused(run({ source: 'DERIVED', from: '2026-06-01', to: '2026-01-01' }), 422, 'VALIDATION_FAILED', 'to');
    await refused(run({ source: 'DERIVED', from: '2020-01-01', to: '2024-01-01' }), 422, 'VALIDATION_FAILED', 'to');
    // a period in which no case of the province arrived and closed
    await refused(run({ source: 'DERIVED', from: '2001-01-01', to: '2001-07-01' }), 422, 'VALIDATION_FAILED', 'from');
    await refused(run({ source: 'SYNTHETIC' }, 'head.palu', 'not-a-uuid'), 400, 'INVALID_ID');
    await refused(run({ source: 'SYNTHETIC' }, 'head.palu', NOWHERE), 404, 'SLA_DRAFT_NOT_FOUND');
    await refused(run({ source: 'SYNTHETIC' }, 'cw.palu'), 403, 'FORBIDDEN');
    await refused(call('head.palu', 'GET', `/${draftId}/simulations/${NOWHERE}`), 404, 'SLA_SIMULATION_NOT_FOUND');
    expect(await ok(call('head.palu', 'GET', `/${draftId}/simulations`))).toEqual([]);
  });

  it('should run 20 synthetic cases on the real workflow to their end, one run at a time, its results kept', async () => {
    const body = {
      source: 'SYNTHETIC',
      cases: 20,
      seed: 7,
      tiers: { HIGH: 0, MEDIUM: 100, LOW: 0 },
      silentPartnerPercent: 20,
      declinePercent: 10,
      unreachablePercent: 10,
    };
    const started = await ok(call('head.palu', 'POST', `/${draftId}/simulations`, body));
    expect(started).toMatchObject({ draftId, total: 40, done: 0, results: null, requestedBy: 'head.palu' });
    expect(['QUEUED', 'RUNNING']).toContain(started.status);
    expect(started.spec).toEqual(body);
    await refused(
      call('admin', 'POST', `/${draftId}/simulations`, { source: 'SYNTHETIC' }),
      409,
      'SLA_SIMULATION_RUNNING',
    );

    const seen: number[] = [];
    let run = started;
    const deadline = Date.now() + 240_000;
    while (run.status !== 'DONE' && run.status !== 'FAILED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      run = await ok(call('head.palu', 'GET', `/${draftId}/simulations/${started.id}`));
      seen.push(run.done);
    }
    expect(run.error).toBeNull();
    expect(run.status).toBe('DONE');
    // progress only ever grows
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(run.done).toBe(40);
    const { inForce, draft } = run.results;
    for (const outcome of [inForce, draft]) {
      expect(outcome).toMatchObject({ cases: 20, closed: 20, failed: 0, failures: [] });
      expect(outcome.medianDaysToClose).toBeGreaterThan(30);
    }
    expect(inForce.version).toMatch(/^id-default|^Sulawesi/i);
    const registration = (o: any) => o.stages.find((s: any) => s.stage === 'REGISTRATION' && s.tier === 'MEDIUM');
    expect(registration(inForce).deadlines).toBe(20);
    expect(registration(draft).deadlines).toBe(20);
    // the same people under a deadline of 1 h instead of 4 h: more of them late
    expect(registration(draft).breaches).toBeGreaterThan(registration(inForce).breaches);
    // the same actions, the same closures: only what the policy makes of them differs
    expect(draft.medianDaysToClose).toBe(inForce.medianDaysToClose);
    process.stderr.write(
      `[figures] what-if of 20 MEDIUM cases: ${run.results.seconds} s, ${run.results.simulatedDays} days simulated; ` +
        `registration breaches ${registration(inForce).breaches} in force, ${registration(draft).breaches} draft\n`,
    );

    const listed = await ok(call('admin', 'GET', `/${draftId}/simulations`));
    expect(listed.map((s: { id: string }) => s.id)).toEqual([started.id]);
    const audit = await sut.db.query(
      `SELECT status, target_id AS target FROM audit_log WHERE username = 'head.palu'
          AND action = 'sla_policy.simulation.create' ORDER BY id`,
    );
    // the refused requests are audited as refused; the accepted one as 202
    expect(audit.rows.filter((r: { status: number }) => r.status === 202)).toHaveLength(1);
  });

  it('should cancel a running what-if at once: its process and servers gone, no results, the draft free to run again', async () => {
    const started = await ok(
      call('head.palu', 'POST', `/${draftId}/simulations`, { source: 'SYNTHETIC', cases: 2000, seed: 3 }),
    );
    // under way: its process forked by the worker, its time-skipping servers (one Java process serving them all)
    // started by it, all below the worker's priority
    const processes = await until('the what-if process and its servers', async () => {
      const found = whatIfProcesses(sut.worker.child.pid!);
      return found.filter((p) => p.cmd.includes('java')).length === 1 ? found : null;
    });
    // niceness 19, and Linux's idle class (SCHED_IDLE, policy 5): it runs on what the office leaves
    expect(processes.map((p) => [p.nice, p.policy])).toEqual(processes.map(() => [19, 5]));
    const id = started.id as string;
    await refused(call('head.palu', 'POST', `/${draftId}/simulations/not-a-uuid/cancel`), 400, 'INVALID_ID');
    await refused(
      call('head.palu', 'POST', `/${draftId}/simulations/${NOWHERE}/cancel`),
      404,
      'SLA_SIMULATION_NOT_FOUND',
    );
    await refused(call('cw.palu', 'POST', `/${draftId}/simulations/${id}/cancel`), 403, 'FORBIDDEN');
    expect((await ok(call('head.palu', 'GET', `/${draftId}/simulations/${id}`))).status).not.toBe('CANCELLED');

    const cancelled = await ok(call('head.palu', 'POST', `/${draftId}/simulations/${id}/cancel`));
    expect(cancelled).toMatchObject({ id, status: 'CANCELLED', cancelledBy: 'head.palu', results: null });
    expect(cancelled.finishedAt).not.toBeNull();
    // the process, its time-skipping servers with it, ends within a heartbeat or two
    await until('the what-if process to end', async () =>
      whatIfProcesses(sut.worker.child.pid!).length ? null : true,
    );
    for (const p of processes) expect(alive(p.pid)).toBe(false);
    const again = await sut.http(
      'POST',
      `/api/v1/sla-policies/${draftId}/simulations/${id}/cancel`,
      undefined,
      sut.as(tokens['admin']!),
    );
    expect({ status: again.status, error: again.body.error, runStatus: again.body.status }).toEqual({
      status: 409,
      error: 'SLA_SIMULATION_ENDED',
      runStatus: 'CANCELLED',
    });
    // nothing the cancelled run would have written came later, and the draft may run again
    await new Promise((r) => setTimeout(r, 2000));
    expect(await ok(call('head.palu', 'GET', `/${draftId}/simulations/${id}`))).toMatchObject({
      status: 'CANCELLED',
      results: null,
    });
    const next = await ok(call('head.palu', 'POST', `/${draftId}/simulations`, { source: 'SYNTHETIC', cases: 2000 }));
    expect(['QUEUED', 'RUNNING']).toContain(next.status);
    await ok(call('admin', 'POST', `/${draftId}/simulations/${next.id}/cancel`));
    await until('the second what-if process to end', async () =>
      whatIfProcesses(sut.worker.child.pid!).length ? null : true,
    );
    const audit = await sut.db.query(
      `SELECT username, status FROM audit_log WHERE action = 'sla_policy.simulation.cancel' ORDER BY id`,
    );
    expect(
      audit.rows.filter((r: { status: number }) => r.status === 200).map((r: { username: string }) => r.username),
    ).toEqual(['head.palu', 'admin']);
  });
});

// the worker's what-if processes (forked, a process group of their own) and everything in their groups
function whatIfProcesses(workerPid: number): { pid: number; nice: number; policy: number; cmd: string }[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        // field 41 of stat: the scheduling policy
        const policy = Number(fields[38]);
        return {
          pid: Number(d),
          ppid: Number(fields[1]),
          pgid: Number(fields[2]),
          nice: Number(fields[16]),
          policy,
          cmd,
        };
      } catch {
        return null;
      }
    })
    .filter((p) => p !== null);
  const leaders = all.filter((p) => p.ppid === workerPid && p.cmd.includes('what-if-process')).map((p) => p.pid);
  return all.filter((p) => leaders.includes(p.pgid)).map(({ pid, nice, policy, cmd }) => ({ pid, nice, policy, cmd }));
}

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(state);
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
