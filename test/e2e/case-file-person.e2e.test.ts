import { DEMO_OFFICES } from '../../src/database/seed';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

// The returnee's file (item 2 of "The case file") and the search (item 3), on the real API, worker, Temporal dev
// server and PostgreSQL.

const person = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Siti Rahmawati',
  sex: 'F',
  dateOfBirth: '1992-03-14',
  nationalId: '7271015403920002',
  phone: '+6281355501234',
  language: 'id',
  passportNumber: 'C7654321',
  aliases: ['Siti Rahmawati binti Abdullah'],
  disability: 'tuna rungu; berkomunikasi secara tertulis',
  safetyNotes: 'perekrut tinggal di desa yang sama; alamat rumah aman jangan diberitahukan',
  contacts: [
    {
      name: 'Wa Ode Hasanah',
      relationship: 'ibu kandung',
      phone: '+6285298765432',
      address: 'Desa Towale, Kabupaten Donggala',
    },
    { name: 'Andi Lestari', relationship: 'kepala desa' },
  ],
  homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
  ...overrides,
});

const registration = (p: Record<string, unknown>, officeId: string = DEMO_OFFICES.sulteng.id) => ({
  person: p,
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T08:30:00+08:00', fromCountry: 'MY' },
  category: 'DEPORTEE',
  officeId,
});

describe('the returnee file and the search (real API, worker, Temporal and PostgreSQL)', () => {
  let sut: E2eStack;
  let makassar: Record<string, string>;
  let partner: Record<string, string>;
  let siti: { id: string; caseNumber: string };

  beforeAll(async () => {
    sut = await startE2eStack();
    makassar = sut.as(await sut.login('cw.makassar'));
    partner = sut.as(await sut.login('ppa.sulteng'));
    const created = await sut.http('POST', '/api/v1/cases', registration(person()));
    expect(created.status).toBe(201);
    siti = created.body;
    // others of the same office, to rank against, and one of another office that must never be found
    for (const p of [
      person({
        fullName: 'Siti Aminah',
        nationalId: '7271015403920003',
        phone: '+6281355509999',
        passportNumber: 'C1111111',
        aliases: [],
      }),
      person({
        fullName: 'Dewi Rahmawati Lestari',
        nationalId: undefined,
        phone: undefined,
        passportNumber: undefined,
        aliases: [],
      }),
      person({
        fullName: 'Dédé Sulistyowati',
        nationalId: undefined,
        phone: '0852 1111 2222',
        passportNumber: undefined,
        aliases: [],
      }),
    ]) {
      expect((await sut.http('POST', '/api/v1/cases', registration(p))).status).toBe(201);
    }
    const other = await sut.http(
      'POST',
      '/api/v1/cases',
      registration(person({ nationalId: '7371015403920009', passportNumber: 'C9999999' }), DEMO_OFFICES.sulsel.id),
      makassar,
    );
    expect(other.status).toBe(201);
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const search = (q: string, headers: Record<string, string> = {}) =>
    sut.http('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, undefined, headers);

  it('should take every field of the file at registration and show it in GET /cases/{id}', async () => {
    const read = await sut.http('GET', `/api/v1/cases/${siti.id}`);
    expect(read.status).toBe(200);
    const { homeRegion, ...rest } = person();
    expect(read.body.person).toEqual({
      ...rest,
      homeRegion,
      contacts: [
        {
          name: 'Wa Ode Hasanah',
          relationship: 'ibu kandung',
          phone: '+6285298765432',
          address: 'Desa Towale, Kabupaten Donggala',
        },
        { name: 'Andi Lestari', relationship: 'kepala desa' },
      ],
      childByBirth: false,
    });
  });

  it('should refuse a contact without a relationship with 422 naming the field, and store nothing', async () => {
    const before = await sut.db.query('SELECT count(*)::int AS n FROM persons');
    const res = await sut.http(
      'POST',
      '/api/v1/cases',
      registration(person({ fullName: 'Nur Aini', contacts: [{ name: 'Made Wirawan', phone: '+628123' }] })),
    );
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'person.contacts.0.relationship' })]),
    );
    expect((await sut.db.query('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(before.rows[0].n);
    expect((await sut.db.query(`SELECT 1 FROM persons WHERE full_name = 'Nur Aini'`)).rowCount).toBe(0);

    const patch = await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, { contacts: [{ name: 'Made Wirawan' }] });
    expect(patch.status).toBe(422);
    expect(patch.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'contacts.0.relationship' })]),
    );
    const emptied = await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, { fullName: null });
    expect(emptied.status).toBe(422);
    expect(emptied.body.details).toEqual([expect.objectContaining({ field: 'fullName' })]);
    expect((await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, {})).status).toBe(422);
    expect((await sut.db.query('SELECT 1 FROM person_changes WHERE case_id = $1', [siti.id])).rowCount).toBe(0);
  });

  it('should treat a 16-year-old by date of birth as a child: HIGH at screening with no child flag, consent by a guardian', async () => {
    const child = await sut.http(
      'POST',
      '/api/v1/cases',
      registration(
        person({ fullName: 'Putu Ayu Lestari', dateOfBirth: '2010-06-01', nationalId: undefined, aliases: [] }),
      ),
    );
    expect(child.status).toBe(201);
    expect(child.body.person.childByBirth).toBe(true);
    await sut.http('POST', `/api/v1/cases/${child.body.id}/actions`, { type: 'complete-registration' });
    const screened = await sut.http('POST', `/api/v1/cases/${child.body.id}/actions`, {
      type: 'complete-screening',
      payload: { indicators: [], flags: {} },
    });
    expect(screened.status).toBe(200);
    expect(screened.body.riskTier).toBe('HIGH');
    const consent = await sut.http('POST', `/api/v1/cases/${child.body.id}/actions`, {
      type: 'record-consent',
      payload: {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e01',
        dataCategories: ['IDENTITY'],
        expiresAt: '2027-06-01T00:00:00Z',
      },
    });
    expect(consent.status).toBe(409);
    expect(consent.body.message).toContain('guardian');
  });

  it('should change fields of the file, keep old and new values in person_changes, and put person.updated in the timeline without the values', async () => {
    const res = await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, {
      phone: '+6281355507777',
      aliases: ['Siti Rahmawati binti Abdullah', 'Ati'],
      language: 'id',
    });
    expect(res.status).toBe(200);
    // language did not differ: no change for it
    expect(res.body.changes.map((c: { field: string }) => c.field).sort()).toEqual(['aliases', 'phone']);
    expect(res.body.case.person).toMatchObject({
      phone: '+6281355507777',
      aliases: ['Siti Rahmawati binti Abdullah', 'Ati'],
    });

    const { rows } = await sut.db.query(
      `SELECT id, field, old_value, new_value, changed_role FROM person_changes WHERE case_id = $1 ORDER BY field`,
      [siti.id],
    );
    expect(rows).toEqual([
      {
        id: expect.any(String),
        field: 'aliases',
        old_value: ['Siti Rahmawati binti Abdullah'],
        new_value: ['Siti Rahmawati binti Abdullah', 'Ati'],
        changed_role: 'CASEWORKER',
      },
      {
        id: expect.any(String),
        field: 'phone',
        old_value: '+6281355501234',
        new_value: '+6281355507777',
        changed_role: 'CASEWORKER',
      },
    ]);

    const timeline = await sut.http('GET', `/api/v1/cases/${siti.id}/timeline`);
    const event = timeline.body.events.find((e: { type: string }) => e.type === 'person.updated');
    expect(event.data).toEqual({
      fields: ['phone', 'aliases'],
      changeIds: res.body.changes.map((c: { id: string }) => c.id),
    });
    // the number in any form (a hash may hold "7777" by chance: these are longer)
    for (const form of ['55507777', '5550-7777']) expect(JSON.stringify(timeline.body)).not.toContain(form);
    // the values never reach Temporal either
    const history = await sut.temporal.workflow.getHandle(`case-${siti.id}`).fetchHistory();
    expect(JSON.stringify(history)).not.toContain('6281355507777');

    // another office's staff and a partner: 404 (the partner's attempt audited), and nothing changes
    expect((await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, { phone: '+620000000' }, makassar)).status).toBe(
      404,
    );
    expect((await sut.http('PATCH', `/api/v1/cases/${siti.id}/person`, { phone: '+620000000' }, partner)).status).toBe(
      404,
    );
    const attempts = (
      await sut.db.query(
        `SELECT role, status FROM audit_log WHERE action = 'case.person.update' AND case_id = $1
            AND role IN ('PARTNER', 'PARTNER_HEAD')`,
        [siti.id],
      )
    ).rows;
    // ppa.sulteng is the head of its unit (issue 16)
    expect(attempts).toEqual([{ role: 'PARTNER_HEAD', status: 404 }]);
    expect(
      (await sut.db.query('SELECT count(*)::int AS n FROM person_changes WHERE case_id = $1', [siti.id])).rows[0].n,
    ).toBe(2);
    const audited = await sut.db.query(
      `SELECT status FROM audit_log WHERE action = 'case.person.update' AND case_id = $1 ORDER BY id`,
      [siti.id],
    );
    expect(audited.rows.map((r) => r.status)).toEqual(expect.arrayContaining([200, 404]));
  });

  it.each([
    ['the full name', 'Siti Rahmawati', 'name'],
    ['a misspelt name in lower case', 'siti rahmawti', 'name'],
    ['the family name alone', 'Rahmawati', 'name'],
    ['an alias', 'binti Abdullah', 'name'],
    ['the NIK', '7271015403920002', 'nationalId'],
    ['the passport number, as typed', 'c 7654321', 'passportNumber'],
    ['the phone number in local form', '0813-5550-7777', 'phone'],
  ])('should find the returnee by %s, best match first, and nobody of another office', async (_what, q, matchedOn) => {
    const res = await search(q);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: siti.id, match: { fullName: 'Siti Rahmawati', matchedOn } });
    for (const item of res.body.items) expect(item.officeId).toBe(DEMO_OFFICES.sulteng.id);
    // the search answers with the same case shape as the list, plus the match
    expect(res.body.items[0].person).toBeUndefined();
  });

  it('should find by case number, by a name without its accents, and rank an exact name above a partial one', async () => {
    expect((await search(siti.caseNumber.toLowerCase())).body.items[0]).toMatchObject({
      id: siti.id,
      match: { matchedOn: 'caseNumber', score: 1 },
    });
    expect((await search('dede sulistyowati')).body.items[0].match.fullName).toBe('Dédé Sulistyowati');
    const ranked = (await search('Rahmawati')).body.items.map((i: { match: { fullName: string } }) => i.match.fullName);
    expect(ranked).toEqual(['Siti Rahmawati', 'Dewi Rahmawati Lestari']);
    // the same name in Makassar's office is never among Palu's results, and the reverse
    expect((await search('7371015403920009')).body.items).toEqual([]);
    const theirs = await search('Siti Rahmawati', makassar);
    expect(theirs.body.items.map((i: { officeId: string }) => i.officeId)).toEqual([DEMO_OFFICES.sulsel.id]);
  });

  it('should combine a search with the list filters and paging', async () => {
    const page = await sut.http('GET', '/api/v1/cases?q=rahmawati&limit=1');
    expect(page.body).toMatchObject({ limit: 1, hasMore: true, items: [{ id: siti.id }] });
    expect((await sut.http('GET', '/api/v1/cases?q=rahmawati&status=CLOSED')).body.items).toEqual([]);
  });

  it('should refuse an empty, a blank and a 500-character search with 422 naming q', async () => {
    for (const q of ['', '   ', 'a', 'x'.repeat(500)]) {
      const res = await search(q);
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
    }
  });

  it('should refuse a partner and keep staff to their own office', async () => {
    expect((await search('Siti Rahmawati', partner)).status).toBe(403);
    expect((await sut.http('GET', `/api/v1/cases?q=siti&office=${DEMO_OFFICES.sulsel.id}`)).status).toBe(403);
  });

  it('should audit each search as a keyed hash of the query, never its text', async () => {
    const marker = 'Sulistyowati Kartika';
    await search(marker);
    await search('  sulistyowati   KARTIKA ');
    const { rows } = await sut.db.query(
      `SELECT a.*, row_to_json(a)::text AS whole FROM audit_log a WHERE action = 'case.search'
       ORDER BY id DESC LIMIT 2`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].target_id).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    // the same search, however typed, has the same fingerprint
    expect(rows[0].target_id).toBe(rows[1].target_id);
    for (const r of rows) expect(r.whole.toLowerCase()).not.toContain('sulistyowati');
    expect(rows[0]).toMatchObject({ username: 'cw.palu', route: '/api/v1/cases', status: 200 });
    // a plain list is not a search: not audited as one
    const before = (await sut.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.search'`)).rows[0]
      .n;
    await sut.http('GET', '/api/v1/cases');
    expect(
      (await sut.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.search'`)).rows[0].n,
    ).toBe(before);
    expect(sut.api.output().toLowerCase()).not.toContain('kartika');
  });
});
