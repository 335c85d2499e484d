// Deadlines passing for real (SLA_TIME_SCALE shrinks an hour to 1.8 s): the overdue list, the escalation queue,
// and each resolution over HTTP, with level 2 kept for the head of office.
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const registration = {
  person: {
    fullName: 'La Ode Saleh',
    sex: 'M',
    dateOfBirth: '1985-08-30',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Sigi' },
  },
  arrival: { point: 'Bandara Mutiara SIS Al-Jufri, Palu', arrivedAt: '2026-11-27T09:00:00+08:00', fromCountry: 'SA' },
  category: 'TPPO_VICTIM',
};

describe('escalations over HTTP with deadlines passing (SLA_TIME_SCALE) and cases continuing as new', () => {
  let sut: E2eStack;
  let spv: Record<string, string>;
  let head: Record<string, string>;
  let cw2: Record<string, string>;
  let makassar: Record<string, string>;
  let spvMakassar: Record<string, string>;

  beforeAll(async () => {
    // short histories too, so cases continue as new while actions and deadlines keep coming
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.0005', CASE_CONTINUE_AFTER_EVENTS: '60' });
    [spv, head, cw2, makassar] = (
      await Promise.all(['spv.palu', 'head.palu', 'cw2.palu', 'cw.makassar'].map((u) => sut.login(u)))
    ).map((t) => sut.as(t));
    spvMakassar = sut.as(await sut.addStaffUser('spv.makassar', 'SUPERVISOR', DEMO_OFFICES.sulsel.id));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status !== 200 && r.status !== 201)
      throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function escalationOf(caseId: string, level: 1 | 2, as: Record<string, string>): Promise<any> {
    const until = Date.now() + 30000;
    for (;;) {
      const list = await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, as));
      const found = list.items.find((e: { caseId: string; level: number }) => e.caseId === caseId && e.level === level);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no level-${level} escalation for ${caseId}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('should list the overdue case, queue its escalation for the supervisor, and resolve it by EXTEND', async () => {
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    const escalation = await escalationOf(id, 1, spv);
    expect(escalation).toMatchObject({
      status: 'OPEN',
      step: 'REGISTRATION',
      assignedRole: 'SUPERVISOR',
      kind: expect.any(String),
      caseNumber: expect.any(String),
    });

    const overdue = await ok(sut.http('GET', '/api/v1/cases?overdue=true&limit=200'));
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      slaState: 'OVERDUE',
      escalationLevel: expect.any(Number),
    });
    const inbox = await ok(sut.http('GET', '/api/v1/inbox?limit=200'));
    expect(inbox.items.find((t: { caseId: string }) => t.caseId === id)).toMatchObject({
      overdue: true,
      step: 'REGISTRATION',
    });

    const resolve = (body: unknown, as: Record<string, string> = spv, escalationId = escalation.id) =>
      sut.http('POST', `/api/v1/escalations/${escalationId}/resolve`, body, as);
    const bad: Array<[string, Promise<HttpResult>, number]> = [
      ['REASSIGN without assigneeId', resolve({ resolution: 'REASSIGN', reason: 'leave' }), 422],
      [
        'REASSIGN to someone of another office',
        resolve({ resolution: 'REASSIGN', assigneeId: DEMO_USERS.cwMakassar!.id, reason: 'leave' }),
        422,
      ],
      ['EXTEND without newDueAt', resolve({ resolution: 'EXTEND', reason: 'waiting for the hospital' }), 422],
      ['EXTEND into the past', resolve({ resolution: 'EXTEND', newDueAt: '2020-01-01T00:00:00Z', reason: 'x' }), 422],
      ['no reason', resolve({ resolution: 'ACKNOWLEDGE' }), 422],
      ['an unknown resolution', resolve({ resolution: 'IGNORE', reason: 'x' }), 422],
      ['a caseworker', resolve({ resolution: 'ACKNOWLEDGE', reason: 'x' }, {}), 403],
      ['a caseworker of another office', resolve({ resolution: 'ACKNOWLEDGE', reason: 'x' }, makassar), 403],
      ['a supervisor of another office', resolve({ resolution: 'ACKNOWLEDGE', reason: 'x' }, spvMakassar), 404],
      [
        'an unknown escalation',
        resolve({ resolution: 'ACKNOWLEDGE', reason: 'x' }, spv, '6b1a8a4e-0000-4000-8000-000000000000'),
        404,
      ],
      ['an id that is not a UUID', resolve({ resolution: 'ACKNOWLEDGE', reason: 'x' }, spv, 'esc-1'), 400],
    ];
    for (const [what, res, status] of bad) expect({ what, status: (await res).status }).toEqual({ what, status });
    const elsewhere = await ok(sut.http('GET', '/api/v1/escalations?limit=200', undefined, spvMakassar));
    expect(elsewhere.items.map((e: { id: string }) => e.id)).not.toContain(escalation.id);

    const newDueAt = new Date(Date.now() + 10 * 60 * 1000).toISOString();
    const resolved = await ok(
      resolve({ resolution: 'EXTEND', newDueAt, reason: 'returnee in hospital; registration tomorrow' }),
    );
    expect(resolved.escalation).toMatchObject({
      id: escalation.id,
      status: 'RESOLVED',
      resolution: 'EXTEND',
      resolvedBy: DEMO_USERS.spvPalu!.id,
    });
    expect(Date.parse(resolved.case.dueAt)).toBe(Date.parse(newDueAt));
    const again = await resolve({ resolution: 'ACKNOWLEDGE', reason: 'again' });
    expect(again.status).toBe(409);
    expect(
      (await ok(sut.http('GET', '/api/v1/escalations?status=RESOLVED&limit=200', undefined, spv))).items.map(
        (e: { id: string }) => e.id,
      ),
    ).toContain(escalation.id);
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['sla.reminder', 'sla.breached', 'escalation.opened', 'escalation.resolved']),
    );
    expect(timeline.verification.valid).toBe(true);
  }, 60000);

  it('should keep a level-2 escalation for the head, who reassigns the case', async () => {
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    const level2 = await escalationOf(id, 2, head);
    expect(level2).toMatchObject({ assignedRole: 'HEAD', notifyTaskForce: true });
    const bySupervisor = await sut.http(
      'POST',
      `/api/v1/escalations/${level2.id}/resolve`,
      { resolution: 'ACKNOWLEDGE', reason: 'seen' },
      spv,
    );
    expect(bySupervisor.status).toBe(403);
    const byHead = await ok(
      sut.http(
        'POST',
        `/api/v1/escalations/${level2.id}/resolve`,
        { resolution: 'REASSIGN', assigneeId: DEMO_USERS.cw2Palu!.id, reason: 'cw.palu is at the port all week' },
        head,
      ),
    );
    expect(byHead.case.assigneeId).toBe(DEMO_USERS.cw2Palu!.id);
    const inbox = await ok(sut.http('GET', '/api/v1/inbox?limit=200', undefined, cw2));
    expect(inbox.items.map((t: { caseId: string }) => t.caseId)).toContain(id);

    const metrics = await (await fetch(`${sut.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/rujukan_sla_breaches_total\{step="REGISTRATION"\} [1-9]/);
    expect(metrics).toMatch(/rujukan_escalations_opened_total\{level="2"\} [1-9]/);
    expect(metrics).toMatch(/rujukan_actions_total\{type="resolve-escalation:REASSIGN",outcome="ok"\} 1/);
  }, 60000);

  it('should accept every action of a burst while the case continues as new under it', async () => {
    const id = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    const firstRun = (await sut.temporal.workflow.getHandle(`case-${id}`).describe()).runId;
    const consent = () => ({
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e01',
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 86400000).toISOString(),
    });
    const statuses: number[] = [];
    for (let wave = 0; wave < 8; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          sut.http('POST', `/api/v1/cases/${id}/actions`, { type: 'record-consent', payload: consent() }),
        ),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses).toEqual(Array(32).fill(200));
    const first = await sut.temporal.workflow.getHandle(`case-${id}`, firstRun).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    const c = await ok(sut.http('GET', `/api/v1/cases/${id}`));
    expect(c.consents).toHaveLength(32);
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    expect(timeline.events.filter((e: { type: string }) => e.type === 'consent.recorded')).toHaveLength(32);
    expect(timeline.verification.valid).toBe(true);
  }, 90000);
});
