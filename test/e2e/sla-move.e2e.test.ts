// Moving running cases to another SLA policy version over HTTP (issue 20): the preview, every refusal, the move
// with its progress, and the cases' timelines. SLA_TIME_SCALE 0.004: an hour of policy is 14.4 s here.
import { DEMO_OFFICES } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const registration = {
  person: {
    fullName: 'Wa Ode Nurhaya',
    sex: 'F',
    dateOfBirth: '1990-02-11',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Sigi' },
  },
  arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: '2026-11-27T09:00:00+08:00', fromCountry: 'MY' },
  category: 'DEPORTEE',
};

describe('moving running cases to another SLA policy version over HTTP', () => {
  let sut: E2eStack;
  let spv: Record<string, string>;
  let admin: Record<string, string>;
  let spvMakassar: Record<string, string>;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.004' });
    [spv, admin] = (await Promise.all(['spv.palu', 'admin'].map((u) => sut.login(u)))).map((t) => sut.as(t));
    spvMakassar = sut.as(await sut.addStaffUser('spv.makassar', 'SUPERVISOR', DEMO_OFFICES.sulsel.id));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 202) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // A stored, activated version for the province: the policy in force with registration (MEDIUM) at 1 hour.
  async function shorterPolicy(version: string, province = 'Sulawesi Tengah'): Promise<void> {
    const { slaPolicy } = await ok(sut.http('GET', '/api/v1/process-definition'));
    const deadlines = { ...slaPolicy.deadlines };
    deadlines.REGISTRATION = { ...deadlines.REGISTRATION, MEDIUM: { amount: 1, unit: 'hours' } };
    await ok(sut.http('POST', '/api/v1/sla-policies', { province, version, deadlines }, admin));
    await ok(sut.http('POST', `/api/v1/sla-policies/${version}/activate`, undefined, admin));
  }

  const timeline = async (id: string): Promise<{ type: string; data: any; migration?: any }[]> =>
    (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`))).events;

  it('should preview, refuse what it must, then move the cases once each, the late one escalating at once', async () => {
    // registration is due 4 h (57.6 s) after each case starts; under the new version 1 h (14.4 s)
    const late = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    await new Promise((r) => setTimeout(r, 16_000));
    const early = (await ok(sut.http('POST', '/api/v1/cases', registration))).id as string;
    await shorterPolicy('sulteng-short-1');
    await shorterPolicy('sulsel-short-1', 'Sulawesi Selatan');
    const set = { filter: { caseIds: [late, early] } };

    const preview = await ok(sut.http('POST', '/api/v1/sla-policies/sulteng-short-1/migrations/preview', set, spv));
    expect(preview).toMatchObject({ officeId: DEMO_OFFICES.sulteng.id, toVersion: 'sulteng-short-1', total: 2 });
    expect(preview.lateNow).toBe(1);
    const byId = new Map(preview.cases.map((c: { caseId: string }) => [c.caseId, c]));
    const lateClock = (byId.get(late) as any).clocks[0];
    expect(lateClock).toMatchObject({ step: 'REGISTRATION', lateNow: true });
    // the same deadline code as the workflow: the old one 4 h and the new one 1 h (scaled) from the clock's start
    const started = Date.parse(lateClock.startedAt);
    expect(Date.parse(lateClock.oldDueAt) - started).toBe(Math.round(4 * 3600_000 * 0.004));
    expect(Date.parse(lateClock.newDueAt) - started).toBe(Math.round(3600_000 * 0.004));
    expect(byId.get(early)).toMatchObject({ lateNow: false, fromVersion: expect.any(String) });
    // the preview changed nothing
    expect((await timeline(late)).map((e) => e.type)).not.toContain('sla.policy_migrated');

    // every refusal, and none of them starts anything
    const move = (body: unknown, as: Record<string, string>, version = 'sulteng-short-1') =>
      sut.http('POST', `/api/v1/sla-policies/${version}/migrations`, body, as);
    const refusals: [string, HttpResult, number, string?][] = [
      ['no reason', await move(set, spv), 422, 'reason'],
      ['a blank reason', await move({ ...set, reason: '   ' }, spv), 422, 'reason'],
      ['a caseworker', await move({ ...set, reason: 'SOP baru' }, sut.as(await sut.login('cw.palu'))), 403],
      [
        'another office',
        await move({ ...set, reason: 'SOP baru', officeId: DEMO_OFFICES.sulsel.id }, spv),
        403,
        undefined,
      ],
      [
        'a supervisor of another office',
        await move({ ...set, reason: 'SOP baru', officeId: DEMO_OFFICES.sulteng.id }, spvMakassar),
        403,
      ],
      ['an unknown version', await move({ ...set, reason: 'SOP baru' }, spv, 'no-such-version'), 404],
      ['another province', await move({ ...set, reason: 'SOP baru' }, spv, 'sulsel-short-1'), 422, 'version'],
      ['an admin without an office', await move({ ...set, reason: 'SOP baru' }, admin), 422, 'officeId'],
      ['a bad filter', await move({ filter: { tiers: ['URGENT'] }, reason: 'SOP baru' }, spv), 422, 'filter.tiers'],
      ['a bad version', await move({ ...set, reason: 'SOP baru' }, spv, 'bad%20version'), 400],
    ];
    for (const [what, res, status, field] of refusals) {
      expect({ what, status: res.status }).toEqual({ what, status });
      if (field) expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const previewForeign = await sut.http(
      'POST',
      '/api/v1/sla-policies/sulteng-short-1/migrations/preview',
      { officeId: DEMO_OFFICES.sulteng.id },
      spvMakassar,
    );
    expect(previewForeign.status).toBe(403);
    expect((await sut.db.query('SELECT count(*)::int AS n FROM sla_migrations')).rows[0].n).toBe(0);

    // the move: accepted at once, then followed to its end
    const started202 = await move({ ...set, reason: 'Perubahan SOP provinsi' }, spv);
    expect(started202.status).toBe(202);
    const id = started202.body.id as string;
    expect(started202.body).toMatchObject({ total: 2, toVersion: 'sulteng-short-1', reason: 'Perubahan SOP provinsi' });
    let progress: any;
    for (const until = Date.now() + 60_000; ;) {
      progress = await ok(sut.http('GET', `/api/v1/sla-policies/sulteng-short-1/migrations/${id}`, undefined, spv));
      if (progress.status === 'DONE') break;
      if (Date.now() > until) throw new Error(`the migration did not finish: ${JSON.stringify(progress)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(progress).toMatchObject({ total: 2, done: 2, moved: 2, failed: 0, pending: 0, closed: 0 });
    // another office does not see it; nor under another version
    expect(
      (await sut.http('GET', `/api/v1/sla-policies/sulteng-short-1/migrations/${id}`, undefined, spvMakassar)).status,
    ).toBe(404);
    expect((await sut.http('GET', `/api/v1/sla-policies/sulsel-short-1/migrations/${id}`, undefined, spv)).status).toBe(
      404,
    );

    const lateEvents = await timeline(late);
    const migrated = lateEvents.filter((e) => e.type === 'sla.policy_migrated');
    expect(migrated).toHaveLength(1);
    expect(migrated[0]!.data).toMatchObject({ migrationId: id, toVersion: 'sulteng-short-1' });
    expect(migrated[0]!.data.clocks[0]).toMatchObject({ step: 'REGISTRATION', lateNow: true });
    // the reason beside the event, from PostgreSQL
    expect(migrated[0]!.migration).toEqual({ id, text: 'Perubahan SOP provinsi' });
    expect(JSON.stringify(migrated[0]!.data)).not.toContain('Perubahan SOP');
    const after = lateEvents.slice(lateEvents.indexOf(migrated[0]!)).map((e) => e.type);
    expect(after).toEqual(expect.arrayContaining(['sla.breached', 'escalation.opened']));
    const earlyMigrated = (await timeline(early)).filter((e) => e.type === 'sla.policy_migrated');
    expect(earlyMigrated).toHaveLength(1);
    expect(earlyMigrated[0]!.data.clocks[0].lateNow).toBe(false);
    const c = await ok(sut.http('GET', `/api/v1/cases/${late}`));
    expect(c.escalationLevel).toBeGreaterThanOrEqual(1);
    // the read model knows the version the case now runs under
    expect(c.policyVersion).toBe('sulteng-short-1');

    // the reason is kept in PostgreSQL with the migration; the workflow's payloads hold only its id
    const row = (await sut.db.query('SELECT reason, created_by_role FROM sla_migrations WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ reason: 'Perubahan SOP provinsi', created_by_role: 'SUPERVISOR' });
  }, 180_000);
});
