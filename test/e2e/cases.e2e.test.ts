import { DEMO_OFFICES } from '../../src/database/seed';
import { PROCESS_PATCHES } from '../../workflows/case/patches';
import { eventHash, GENESIS_HASH } from '../../src/cases/case-timeline';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import { historyText } from '../support/history-text';

const registration = (overrides: Record<string, unknown> = {}) => ({
  person: {
    fullName: 'Siti Aminah Lestari',
    sex: 'F',
    dateOfBirth: '1994-05-17',
    nationalId: '7271015705940001',
    phone: '+6281234567890',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
  },
  arrival: { point: 'Bandara Mutiara SIS Al-Jufri, Palu', arrivedAt: '2026-11-27T08:30:00+08:00', fromCountry: 'MY' },
  category: 'TPPO_VICTIM',
  officeId: DEMO_OFFICES.sulteng.id,
  ...overrides,
});

describe('cases over HTTP (real API, worker, Temporal dev server and PostgreSQL)', () => {
  let sut: E2eStack;

  beforeAll(async () => {
    sut = await startE2eStack();
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('should report PostgreSQL and Temporal ready', async () => {
    const res = await sut.http('GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
    expect((await sut.http('GET', '/health')).body).toEqual({ status: 'ok' });
  });

  it('should register a case, start its workflow case-<uuid>, and read it back', async () => {
    const created = await sut.http('POST', '/api/v1/cases', registration());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body).toMatchObject({
      caseNumber: expect.stringMatching(/^SULTENG-2026-\d{6}$/),
      officeId: DEMO_OFFICES.sulteng.id,
      status: 'OPEN',
      currentStep: 'REGISTRATION',
      riskTier: null,
      slaState: 'ON_TIME',
      escalationLevel: 0,
      person: { fullName: 'Siti Aminah Lestari', homeRegion: { regency: 'Kabupaten Donggala' } },
    });

    const read = await sut.http('GET', `/api/v1/cases/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const description = await sut.temporal.workflow.getHandle(`case-${id}`).describe();
    expect(description.type).toBe('caseWorkflow');
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(sut.taskQueue);
  });

  it('should write the registration events hash-chained from the genesis hash, and the first task', async () => {
    const { body } = await sut.http('POST', '/api/v1/cases', registration({ category: 'DEPORTEE' }));
    expect(body.allowedActions).toEqual(
      expect.arrayContaining(['complete-registration', 'record-consent', 'change-risk-tier']),
    );
    const { rows } = await sut.db.query(
      'SELECT case_id, seq, type, actor_id, actor_role, step, occurred_at, data, prev_hash, hash ' +
        'FROM case_events WHERE case_id = $1 ORDER BY seq',
      [body.id],
    );
    expect(rows.map((e) => [e.seq, e.type])).toEqual([
      [1, 'case.registered'],
      [2, 'step.started'],
    ]);
    expect(rows[0].data).toMatchObject({ category: 'DEPORTEE', officeId: DEMO_OFFICES.sulteng.id });
    let prev = GENESIS_HASH;
    for (const e of rows) {
      expect(e.prev_hash).toBe(prev);
      const recomputed = eventHash(prev, {
        caseId: e.case_id,
        seq: e.seq,
        type: e.type,
        actorId: e.actor_id,
        actorRole: e.actor_role,
        step: e.step,
        occurredAt: e.occurred_at,
        data: e.data,
      });
      expect(e.hash).toBe(recomputed);
      prev = e.hash;
    }
    const tasks = await sut.db.query('SELECT kind, step, status, due_at FROM tasks WHERE case_id = $1', [body.id]);
    expect(tasks.rows).toEqual([expect.objectContaining({ kind: 'STEP', step: 'REGISTRATION', status: 'OPEN' })]);
    expect(tasks.rows[0].due_at.toISOString()).toBe(body.dueAt);
  });

  it("should keep the returnee's name, national id and phone out of Temporal", async () => {
    const { body } = await sut.http('POST', '/api/v1/cases', registration());
    const history = await sut.temporal.workflow.getHandle(`case-${body.id}`).fetchHistory();
    const text = historyText(history);
    for (const secret of ['Siti Aminah', '7271015705940001', '6281234567890', 'Donggala'])
      expect(text).not.toContain(secret);
    // every payload is encrypted (payload-codec.ts): the encoding says so, and only the key ring opens them
    // (search attributes are the server's index, never encrypted: ids and codes only, so they are left out here; so are
    // the SDK's patch markers, which hold only the patch's name, e.g. 'consent-gate-every-basis')
    const withoutIndex = JSON.stringify(
      (history.events ?? []).map((e) => ({
        ...e,
        markerRecordedEventAttributes: undefined,
        upsertWorkflowSearchAttributesEventAttributes: undefined,
        workflowExecutionStartedEventAttributes: e.workflowExecutionStartedEventAttributes
          ? { ...e.workflowExecutionStartedEventAttributes, searchAttributes: undefined }
          : undefined,
      })),
    );
    const markers = (history.events ?? []).flatMap((e) =>
      e.markerRecordedEventAttributes ? [historyText(e.markerRecordedEventAttributes)] : [],
    );
    // only the process's patch markers, which name no one
    for (const m of markers) expect(PROCESS_PATCHES.filter((p) => m.includes(p))).toHaveLength(1);
    const encodings = [...withoutIndex.matchAll(/"encoding":"([A-Za-z0-9+/=]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64').toString('utf8'),
    );
    expect(encodings.length).toBeGreaterThan(3);
    expect(new Set(encodings)).toEqual(new Set(['binary/encrypted']));
    const sealed = (history.events ?? []).flatMap(
      (e) => e.workflowExecutionStartedEventAttributes?.input?.payloads ?? [],
    );
    const codec = new EncryptionCodec(readPayloadKeys({}));
    const opened = await codec.decode(sealed.map((p) => ({ metadata: p.metadata ?? {}, data: p.data ?? undefined })));
    const input = Buffer.from(opened[0]!.data!).toString('utf8');
    expect(input).toContain(body.id);
    expect(input).not.toContain('Siti Aminah');
  });

  it('should return the same case for a retried create with the same Idempotency-Key, and write one person', async () => {
    const key = `retry-${Date.now()}`;
    const first = await sut.http('POST', '/api/v1/cases', registration(), { 'Idempotency-Key': key });
    const second = await sut.http('POST', '/api/v1/cases', registration(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.caseNumber).toBe(first.body.caseNumber);
    const { rows } = await sut.db.query(
      'SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1',
      [first.body.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('should refuse bad input with a 4xx, field-level details, and change nothing', async () => {
    const before = (
      await sut.db.query(
        'SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM persons)::int AS persons',
      )
    ).rows[0];

    const unknownField = await sut.http('POST', '/api/v1/cases', { ...registration(), admin: true });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      details: expect.arrayContaining([expect.objectContaining({ field: 'admin' })]),
    });

    const missing = await sut.http('POST', '/api/v1/cases', { category: 'DEPORTEE' });
    expect(missing.status).toBe(422);
    const fields = (missing.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['person', 'arrival']));

    const wrongTypes = await sut.http(
      'POST',
      '/api/v1/cases',
      registration({ category: 'TOURIST', arrival: { point: 'x', arrivedAt: 'yesterday', fromCountry: 'Malaysia' } }),
    );
    expect(wrongTypes.status).toBe(422);
    expect((wrongTypes.body.details as { field: string }[]).map((d) => d.field)).toEqual(
      expect.arrayContaining(['category', 'arrival.arrivedAt', 'arrival.fromCountry']),
    );

    const badDate = await sut.http(
      'POST',
      '/api/v1/cases',
      registration({ person: { ...registration().person, dateOfBirth: '1994-02-31' } }),
    );
    expect(badDate.status).toBe(422);

    const unknownOffice = await sut.http(
      'POST',
      '/api/v1/cases',
      registration({ officeId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknownOffice.status).toBe(403);
    expect(unknownOffice.body.error).toBe('OTHER_OFFICE');

    const malformed = await sut.http('POST', '/api/v1/cases', '{"person": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('BAD_REQUEST');

    const tooLarge = await sut.http('POST', '/api/v1/cases', { ...registration(), padding: 'x'.repeat(200_000) });
    expect(tooLarge.status).toBe(413);

    const badKey = await sut.http('POST', '/api/v1/cases', registration(), { 'Idempotency-Key': 'has spaces in it' });
    expect(badKey.status).toBe(400);

    const after = (
      await sut.db.query(
        'SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM persons)::int AS persons',
      )
    ).rows[0];
    expect(after).toEqual(before);
  });

  it('should answer 404 for an unknown case and 400 for an id that is not a UUID', async () => {
    const unknown = await sut.http('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('CASE_NOT_FOUND');
    const notUuid = await sut.http('GET', '/api/v1/cases/not-a-uuid');
    expect(notUuid.status).toBe(400);
    expect((await sut.http('GET', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('should serve the OpenAPI document and Swagger UI', async () => {
    const spec = await sut.http('GET', '/api/docs-json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/health/ready']),
    );
    const ui = await sut.http('GET', '/api/docs');
    expect(ui.status).toBe(200);
  });

  it('should sign in with the demo users and refuse a wrong password, a missing token and a forged one', async () => {
    const ok = await sut.http(
      'POST',
      '/api/v1/auth/login',
      { username: 'spv.palu', password: 'rujukan-demo' },
      sut.as(null),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      expiresIn: 900,
      user: { username: 'spv.palu', role: 'SUPERVISOR', officeId: DEMO_OFFICES.sulteng.id },
    });
    expect(ok.body.accessToken.split('.')).toHaveLength(3);
    const wrong = await sut.http(
      'POST',
      '/api/v1/auth/login',
      { username: 'spv.palu', password: 'nope' },
      sut.as(null),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('INVALID_CREDENTIALS');
    expect(
      (await sut.http('POST', '/api/v1/auth/login', { username: 'nobody', password: 'x' }, sut.as(null))).status,
    ).toBe(401);
    expect((await sut.http('POST', '/api/v1/cases', registration(), sut.as(null))).status).toBe(401);
    const [header, payload] = ok.body.accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(
      (await sut.http('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', undefined, sut.as(forged))).status,
    ).toBe(401);
    expect((await sut.http('GET', '/health/ready', undefined, sut.as(null))).status).toBe(200);
  });

  it('should keep a case to its office: another office cannot read it or register for it, a partner cannot call staff routes', async () => {
    const { body } = await sut.http('POST', '/api/v1/cases', registration());
    const makassar = await sut.login('cw.makassar');
    expect((await sut.http('GET', `/api/v1/cases/${body.id}`, undefined, sut.as(makassar))).status).toBe(404);
    const forPalu = await sut.http('POST', '/api/v1/cases', registration(), sut.as(makassar));
    expect(forPalu.status).toBe(403);
    const ownOffice = await sut.http('POST', '/api/v1/cases', registration({ officeId: undefined }), sut.as(makassar));
    expect(ownOffice.status).toBe(201);
    expect(ownOffice.body.officeId).toBe(DEMO_OFFICES.sulsel.id);
    const partner = await sut.login('ppa.sulteng');
    expect((await sut.http('GET', `/api/v1/cases/${body.id}`, undefined, sut.as(partner))).status).toBe(403);
    const supervisor = await sut.login('spv.palu');
    const asSupervisor = await sut.http('GET', `/api/v1/cases/${body.id}`, undefined, sut.as(supervisor));
    expect(asSupervisor.status).toBe(200);
    expect(asSupervisor.body.allowedActions).toEqual(
      expect.arrayContaining(['complete-registration', 'record-consent']),
    );
  });

  it('should serve the process definition to anyone signed in, from the same table the workflow runs', async () => {
    expect((await sut.http('GET', '/api/v1/process-definition', undefined, sut.as(null))).status).toBe(401);
    const partner = await sut.login('ppa.sulteng');
    const res = await sut.http('GET', '/api/v1/process-definition', undefined, sut.as(partner));
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { id: string }) => s.id)).toEqual([
      'REGISTRATION',
      'SCREENING',
      'EMERGENCY_CARE',
      'TPPO_REPORT',
      'REFERRAL',
      'SHELTER',
      'ASSESSMENT',
      'REHABILITATION',
      'RETURN_HANDOVER',
      'REINTEGRATION',
      'MONITORING',
      'CLOSURE',
    ]);
    expect(res.body.slaPolicy.deadlines.REGISTRATION).toEqual({
      HIGH: { amount: 1, unit: 'hours' },
      MEDIUM: { amount: 4, unit: 'hours' },
      LOW: { amount: 24, unit: 'hours' },
    });
    expect(res.body.actions['approve-closure'].roles).toEqual(['SUPERVISOR', 'HEAD']);
    expect(res.body.mermaid).toMatch(/^flowchart TD/);
  });
});
