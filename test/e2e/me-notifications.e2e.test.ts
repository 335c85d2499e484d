// Each person's own notifications over real HTTP, PostgreSQL and Temporal: a deadline passing (SLA_TIME_SCALE
// shrinks an hour to 1.8 s) puts the reminders in the assignee's list and the breach and escalations in the
// supervisor's and the head's; nobody reads or marks another's; paging; and the settings a person keeps (language,
// phone, e-mail and WhatsApp/SMS per kind), with each refusal naming its field and changing nothing.
import { randomUUID } from 'node:crypto';
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

type Item = {
  id: string;
  kind: string;
  caseId: string;
  caseNumber: string;
  step: string;
  createdAt: string;
  readAt: string | null;
};
type List = { items: Item[]; total: number; unread: number };

describe('my notifications and my notification settings over HTTP', () => {
  let sut: E2eStack;
  let cw: Record<string, string>;
  let cw2: Record<string, string>;
  let spv: Record<string, string>;
  let head: Record<string, string>;
  let partner: Record<string, string>;
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.0005' });
    [cw, cw2, spv, head, partner] = (
      await Promise.all(['cw.palu', 'cw2.palu', 'spv.palu', 'head.palu', 'ppa.sulteng'].map((u) => sut.login(u)))
    ).map((t) => sut.as(t));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  async function ok<T = any>(res: Promise<HttpResult<T>>): Promise<T> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  const list = (as: Record<string, string>, query = '') =>
    ok<List>(sut.http('GET', `/api/v1/me/notifications${query}`, undefined, as));
  const count = async (as: Record<string, string>) =>
    (await ok<{ unread: number }>(sut.http('GET', '/api/v1/me/notifications/count', undefined, as))).unread;
  const ofCase = (l: List) => l.items.filter((i) => i.caseId === caseId);

  it('should put the reminders in the assignee’s list and the breach and escalations in the supervisor’s and head’s', async () => {
    const created = await ok(
      sut.http(
        'POST',
        '/api/v1/cases',
        {
          person: {
            fullName: 'Wa Ode Nurhayati',
            sex: 'F',
            dateOfBirth: '1991-02-03',
            homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Sigi' },
          },
          arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
          category: 'TPPO_VICTIM',
        },
        cw,
      ),
    );
    caseId = created.id;
    caseNumber = created.caseNumber;
    // a trafficking victim is HIGH until screened: the registration is due in 1 h (1.8 s), level 2 at 3.6 s
    const mine = await until('the reminders of the assignee', async () => {
      const l = await list(cw);
      return ofCase(l).length >= 2 && l;
    });
    const kinds = (l: List) =>
      ofCase(l)
        .map((i) => i.kind)
        .sort();
    expect(kinds(mine)).toEqual(expect.arrayContaining(['REMINDER_50', 'REMINDER_80']));
    const reminder = ofCase(mine).find((i) => i.kind === 'REMINDER_80')!;
    expect(reminder).toEqual({
      id: expect.any(String),
      kind: 'REMINDER_80',
      caseId,
      caseNumber,
      step: 'REGISTRATION',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      readAt: null,
    });
    // no name of the returnee anywhere in the list
    expect(JSON.stringify(mine)).not.toContain('Nurhayati');

    await until('the escalations', async () => {
      const s = await list(spv);
      const h = await list(head);
      return kinds(s).includes('ESCALATION_1') && kinds(h).includes('ESCALATION_2');
    });
    expect(kinds(await list(spv))).toEqual(expect.arrayContaining(['BREACH', 'ESCALATION_1']));
    expect(kinds(await list(spv))).not.toContain('REMINDER_50');
    expect(kinds(await list(head))).toContain('ESCALATION_2');
    // another caseworker of the office, and a partner's user, have a list too; none of these rows is in it
    expect(ofCase(await list(cw2))).toEqual([]);
    expect(ofCase(await list(partner))).toEqual([]);
  }, 60000);

  it('should count, mark one read (again: no change) and mark all read, each for the caller only', async () => {
    const before = await list(cw);
    const unread = await count(cw);
    expect(unread).toBe(before.unread);
    expect(unread).toBeGreaterThanOrEqual(2);
    const target = ofCase(before).find((i) => i.kind === 'REMINDER_50')!;

    // another person's id is not found, and changes nothing
    for (const who of [cw2, spv, partner]) {
      const r = await sut.http('POST', `/api/v1/me/notifications/${target.id}/read`, undefined, who);
      expect(r.status).toBe(404);
      expect(r.body.error).toBe('NOTIFICATION_NOT_FOUND');
    }
    expect((await sut.db.query(`SELECT read_at FROM alerts WHERE id = $1`, [target.id])).rows[0].read_at).toBeNull();
    expect((await sut.http('POST', `/api/v1/me/notifications/${randomUUID()}/read`, undefined, cw)).status).toBe(404);
    expect((await sut.http('POST', '/api/v1/me/notifications/not-an-id/read', undefined, cw)).status).toBe(400);

    const r = await sut.http('POST', `/api/v1/me/notifications/${target.id}/read`, undefined, cw);
    expect(r.status).toBe(204);
    expect(await count(cw)).toBe(unread - 1);
    const read = (await list(cw)).items.find((i) => i.id === target.id)!;
    expect(read.readAt).not.toBeNull();
    // idempotent: the first reading's time stays
    expect((await sut.http('POST', `/api/v1/me/notifications/${target.id}/read`, undefined, cw)).status).toBe(204);
    expect((await list(cw)).items.find((i) => i.id === target.id)!.readAt).toBe(read.readAt);
    expect(await count(cw)).toBe(unread - 1);
    // read ones come after the unread ones
    const after = await list(cw);
    const firstRead = after.items.findIndex((i) => i.readAt !== null);
    expect(after.items.slice(firstRead).every((i) => i.readAt !== null)).toBe(true);
    expect((await list(cw, '?unread=true')).items.every((i) => i.readAt === null)).toBe(true);
    expect((await list(cw, '?unread=false')).items.map((i) => i.id)).toContain(target.id);

    // read-all: the caller's, not the supervisor's
    const spvUnread = await count(spv);
    expect(spvUnread).toBeGreaterThanOrEqual(2);
    expect((await sut.http('POST', '/api/v1/me/notifications/read-all', undefined, cw)).status).toBe(204);
    expect(await count(cw)).toBe(0);
    expect((await list(cw)).unread).toBe(0);
    expect(await count(spv)).toBeGreaterThanOrEqual(spvUnread);
  });

  it('should page a long list: unread first, then newest first, 20 by default, 1 to 100 at a time', async () => {
    await sut.addStaffUser('cw.paging', 'CASEWORKER', DEMO_OFFICES.sulteng.id);
    const token = await sut.login('cw.paging');
    const me = sut.as(token);
    const { id: userId } = (await sut.db.query(`SELECT id FROM users WHERE username = 'cw.paging'`)).rows[0];
    // 30 rows a minute apart, the newest first; every third one read
    await sut.db.query(
      `INSERT INTO alerts (case_id, event_seq, kind, user_id, created_at, read_at)
       SELECT $1, 10000 + i, 'REMINDER_50', $2, now() - i * interval '1 minute',
              CASE WHEN i % 3 = 0 THEN now() END
         FROM generate_series(0, 29) i`,
      [caseId, userId],
    );
    const all = await list(me, '?limit=100');
    expect(all.total).toBe(30);
    expect(all.unread).toBe(20);
    const expected = all.items.map((i) => i.id);
    expect(all.items.slice(0, 20).every((i) => i.readAt === null)).toBe(true);
    expect(all.items.slice(20).every((i) => i.readAt !== null)).toBe(true);
    const newestFirst = (items: Item[]) => items.every((i, n) => n === 0 || items[n - 1]!.createdAt >= i.createdAt);
    expect(newestFirst(all.items.slice(0, 20)) && newestFirst(all.items.slice(20))).toBe(true);
    // a row of an event the case never had: the case's current step
    expect(all.items[0]!.step).toBe((await ok(sut.http('GET', `/api/v1/cases/${caseId}`))).currentStep);

    const first = await list(me);
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 20));
    const third = await list(me, '?limit=10&offset=20');
    expect(third.items.map((i) => i.id)).toEqual(expected.slice(20));
    expect(third.total).toBe(30);
    expect((await list(me, '?offset=30')).items).toEqual([]);
    const unreadOnly = await list(me, '?unread=true&limit=5&offset=15');
    expect(unreadOnly).toMatchObject({ total: 20, unread: 20 });
    expect(unreadOnly.items.map((i) => i.id)).toEqual(expected.slice(15, 20));
    expect((await list(me, '?unread=false')).total).toBe(10);

    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?offset=-1', 'offset'],
      ['?unread=maybe', 'unread'],
      ['?userId=' + DEMO_USERS.cwPalu!.id, 'userId'],
    ] as const) {
      const r = await sut.http('GET', `/api/v1/me/notifications${query}`, undefined, me);
      expect([query, r.status]).toEqual([query, 422]);
      expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  type Settings = {
    language: string;
    email: string | null;
    phone: string | null;
    channels: { kind: string; email: boolean; gateway: boolean; locked: boolean }[];
  };
  const settings = (as: Record<string, string>) =>
    ok<Settings>(sut.http('GET', '/api/v1/me/notification-settings', undefined, as));
  const put = (body: unknown, as: Record<string, string>) =>
    sut.http('PUT', '/api/v1/me/notification-settings', body, as);
  const KINDS = [
    'ASSIGNED',
    'REMINDER_50',
    'REMINDER_80',
    'BREACH',
    'ESCALATION_1',
    'ESCALATION_2',
    'APPROVAL_WAITING',
    'TRANSFER_IN',
    'PARTNER_DECLINED',
    'PARTNER_SILENT',
    'DIGEST',
  ];

  it('should keep a caseworker’s language, phone and channels, and answer them back', async () => {
    const initial = await settings(cw2);
    expect(initial).toEqual({
      language: 'id',
      email: expect.stringMatching(/@rujukan\.test$/),
      phone: null,
      channels: KINDS.map((kind) => ({ kind, email: true, gateway: true, locked: false })),
    });
    const changed = await ok<Settings>(
      put(
        {
          language: 'en',
          phone: '0812-3456-7890',
          channels: [
            { kind: 'REMINDER_50', channel: 'EMAIL', enabled: false },
            { kind: 'DIGEST', channel: 'GATEWAY', enabled: false },
          ],
        },
        cw2,
      ),
    );
    expect(changed).toEqual({
      ...initial,
      language: 'en',
      phone: '+6281234567890',
      channels: initial.channels.map((c) =>
        c.kind === 'REMINDER_50' ? { ...c, email: false } : c.kind === 'DIGEST' ? { ...c, gateway: false } : c,
      ),
    });
    expect(await settings(cw2)).toEqual(changed);
    // the other form of the same number, a switch back on, and nothing else touched
    const again = await ok<Settings>(
      put({ phone: '+62 812 3456 7890', channels: [{ kind: 'REMINDER_50', channel: 'EMAIL', enabled: true }] }, cw2),
    );
    expect(again.phone).toBe('+6281234567890');
    expect(again.language).toBe('en');
    expect(again.channels.find((c) => c.kind === 'REMINDER_50')).toMatchObject({ email: true });
    expect(again.channels.find((c) => c.kind === 'DIGEST')).toMatchObject({ gateway: false });
    // stored as the design says: one row per kind and channel, phone normalised
    const rows = await sut.db.query(
      `SELECT kind, channel, enabled FROM notification_preferences WHERE user_id = $1 ORDER BY kind, channel`,
      [DEMO_USERS.cw2Palu!.id],
    );
    expect(rows.rows).toEqual([
      { kind: 'DIGEST', channel: 'GATEWAY', enabled: false },
      { kind: 'REMINDER_50', channel: 'EMAIL', enabled: true },
    ]);
    // a partner's user keeps settings too
    expect((await settings(partner)).channels).toHaveLength(KINDS.length);
    // and null removes the phone
    expect((await ok<Settings>(put({ phone: null }, cw2))).phone).toBeNull();
    expect((await ok<Settings>(put({ phone: '0812 3456 7890' }, cw2))).phone).toBe('+6281234567890');
  });

  it('should refuse an unknown kind or channel, a malformed phone and more, naming the field and changing nothing', async () => {
    const before = await settings(cw2);
    const cases: [string, unknown, string][] = [
      ['an unknown kind', { channels: [{ kind: 'BIRTHDAY', channel: 'EMAIL', enabled: false }] }, 'channels.0.kind'],
      [
        'an unknown channel',
        { channels: [{ kind: 'REMINDER_50', channel: 'PIGEON', enabled: false }] },
        'channels.0.channel',
      ],
      [
        'in-app is not a setting',
        { channels: [{ kind: 'BREACH', channel: 'IN_APP', enabled: false }] },
        'channels.0.channel',
      ],
      [
        'enabled not a boolean',
        { channels: [{ kind: 'BREACH', channel: 'EMAIL', enabled: 'no' }] },
        'channels.0.enabled',
      ],
      ['channels not a list', { channels: 'all' }, 'channels'],
      ['a short phone', { phone: '12345' }, 'phone'],
      ['a foreign phone', { phone: '+1 202 555 0100' }, 'phone'],
      ['a landline-looking phone', { phone: '021-555-0100' }, 'phone'],
      ['letters in the phone', { phone: '0812-ABCD-7890' }, 'phone'],
      ['an unknown language', { language: 'fr' }, 'language'],
      ['an unknown field', { email: 'me@example.com' }, 'email'],
    ];
    for (const [what, body, field] of cases) {
      // each refusal comes with a good change beside it, which must not happen either
      const r = await put({ language: 'id', ...(body as object) }, cw2);
      expect([what, r.status]).toEqual([what, 422]);
      expect([what, r.body.details.map((d: { field: string }) => d.field)]).toEqual([
        what,
        expect.arrayContaining([field]),
      ]);
    }
    expect(await settings(cw2)).toEqual(before);
  });

  it('should not let a supervisor or head switch off e-mail for a breach or an escalation', async () => {
    const mine = await settings(spv);
    for (const kind of KINDS) {
      const locked = ['BREACH', 'ESCALATION_1', 'ESCALATION_2'].includes(kind);
      expect(mine.channels.find((c) => c.kind === kind)).toEqual({ kind, email: true, gateway: true, locked });
    }
    for (const [who, as] of [
      ['spv', spv],
      ['head', head],
    ] as const) {
      for (const kind of ['BREACH', 'ESCALATION_1', 'ESCALATION_2']) {
        const r = await put(
          {
            language: 'en',
            channels: [
              { kind: 'REMINDER_50', channel: 'EMAIL', enabled: false },
              { kind, channel: 'EMAIL', enabled: false },
            ],
          },
          as,
        );
        expect([who, kind, r.status]).toEqual([who, kind, 422]);
        expect(r.body.details).toEqual([
          {
            field: 'channels.1.enabled',
            problems: [expect.stringContaining('cannot be switched off for a supervisor')],
          },
        ]);
      }
    }
    expect(await settings(spv)).toEqual(mine);
    expect((await settings(head)).language).toBe('id');
    // the gateway of an escalation is theirs to choose, and so is e-mail for the other kinds
    const changed = await ok<Settings>(
      put(
        {
          channels: [
            { kind: 'ESCALATION_1', channel: 'GATEWAY', enabled: false },
            { kind: 'REMINDER_50', channel: 'EMAIL', enabled: false },
            { kind: 'ESCALATION_1', channel: 'EMAIL', enabled: true },
          ],
        },
        spv,
      ),
    );
    expect(changed.channels.find((c) => c.kind === 'ESCALATION_1')).toEqual({
      kind: 'ESCALATION_1',
      email: true,
      gateway: false,
      locked: true,
    });
    expect(changed.channels.find((c) => c.kind === 'REMINDER_50')).toMatchObject({ email: false, locked: false });
    // a caseworker may switch off what a supervisor may not
    const cwChanged = await ok<Settings>(put({ channels: [{ kind: 'BREACH', channel: 'EMAIL', enabled: false }] }, cw));
    expect(cwChanged.channels.find((c) => c.kind === 'BREACH')).toEqual({
      kind: 'BREACH',
      email: false,
      gateway: true,
      locked: false,
    });
  });
});
