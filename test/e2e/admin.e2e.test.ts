// The administration API over real HTTP: accounts (a deactivated account's token stops working at once), offices
// and their time zone (in the case workflow's input and on letters), the holiday calendar loaded from a year's file,
// SLA policy versions per province; every change audited, every refusal a clear 4xx.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { DEMO_AGENCIES, DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { DEFAULT_SLA_POLICY } from '../../workflows/definition';
import type { CaseWorkflowInput } from '../../workflows/types';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const NOWHERE = '6b1a8a4e-0000-4000-8000-000000000000';
const fixture2027 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/holidays-id-2027.json'), 'utf8')) as {
  days: { date: string; name: string; kind: string }[];
};

describe('administration: users, offices, holidays, SLA policies', () => {
  let sut: E2eStack;
  const tokens: Record<string, string> = {};
  // the office in Papua this file adds, and its caseworker
  let papua = '';

  beforeAll(async () => {
    sut = await startE2eStack();
    for (const u of ['admin', 'cw.palu', 'spv.palu']) tokens[u] = await sut.login(u);
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const as = (user: string) => sut.as(tokens[user]!);
  const admin = (method: string, path: string, body?: unknown) => sut.http(method, path, body, as('admin'));

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

  async function audited(action: string, targetId: string): Promise<number[]> {
    const rows = await sut.db.query(
      `SELECT status FROM audit_log WHERE username = 'admin' AND action = $1 AND target_id = $2 ORDER BY id`,
      [action, targetId],
    );
    return rows.rows.map((r: { status: number }) => r.status);
  }

  const registration = (fullName: string) => ({
    person: {
      fullName,
      sex: 'F',
      dateOfBirth: '1990-02-11',
      homeRegion: { province: 'Papua', regency: 'Kota Jayapura' },
    },
    arrival: { point: 'Bandara Sentani, Jayapura', arrivedAt: '2026-11-27T10:00:00+09:00', fromCountry: 'MY' },
    category: 'PMI_PURNA',
  });

  // What the case workflow was started with, opened with the development key ring.
  async function workflowInput(caseId: string): Promise<CaseWorkflowInput> {
    const history = await sut.temporal.workflow.getHandle(`case-${caseId}`).fetchHistory();
    const sealed = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const codec = new EncryptionCodec(readPayloadKeys({}));
    const [opened] = await codec.decode(sealed.map((p) => ({ metadata: p.metadata ?? {}, data: p.data ?? undefined })));
    return JSON.parse(Buffer.from(opened!.data!).toString('utf8')) as CaseWorkflowInput;
  }

  // Sent to UPTD PPA with the returnee's consent: the referral's id.
  async function referred(caseId: string, token: string): Promise<string> {
    const act = (type: string, payload: unknown = {}) =>
      ok(sut.http('POST', `/api/v1/cases/${caseId}/actions`, { type, payload }, sut.as(token)));
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {} });
    const consent = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
    });
    const sent = await act('send-referral', {
      agencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: consent.consents[0].id,
    });
    return sent.referrals[0].id;
  }

  async function pdfText(path: string, token: string): Promise<string> {
    const res = await fetch(`${sut.baseUrl}${path}`, { headers: sut.as(token) });
    expect(res.status).toBe(200);
    return execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(await res.arrayBuffer()),
    }).toString('utf8');
  }

  describe('offices', () => {
    it('should add an office in WIT, list it to staff, and refuse a zone outside Indonesia, a taken code, a caseworker', async () => {
      await refused(sut.http('POST', '/api/v1/offices', {}, as('cw.palu')), 403, 'FORBIDDEN');
      await refused(sut.http('GET', '/api/v1/offices', undefined, sut.as(null)), 401, 'UNAUTHORIZED');
      const office = {
        code: 'PAPUA',
        name: 'BP3MI Papua',
        province: 'Papua',
        city: 'Jayapura',
        timeZone: 'Asia/Jayapura',
        address: 'Jl. Contoh Demo No. 1, Kota Jayapura, Papua 99111',
      };
      await refused(
        admin('POST', '/api/v1/offices', { ...office, timeZone: 'Asia/Tokyo' }),
        422,
        'VALIDATION_FAILED',
        'timeZone',
      );
      await refused(
        admin('POST', '/api/v1/offices', { ...office, timeZone: undefined }),
        422,
        'VALIDATION_FAILED',
        'timeZone',
      );
      const created = await ok(admin('POST', '/api/v1/offices', office));
      papua = created.id;
      expect(created).toMatchObject({ ...office, phone: null, email: null });
      expect(await audited('office.create', papua)).toEqual([201]);
      await refused(admin('POST', '/api/v1/offices', { ...office, name: 'again' }), 409, 'OFFICE_CODE_TAKEN', 'code');

      const listed = await ok(sut.http('GET', '/api/v1/offices', undefined, as('cw.palu')));
      expect(listed.find((o: { code: string }) => o.code === 'SULTENG')).toMatchObject({ timeZone: 'Asia/Makassar' });
      expect(listed.find((o: { id: string }) => o.id === papua)).toMatchObject({ timeZone: 'Asia/Jayapura' });
    });

    it('should change an office, clear its phone with null, and refuse a bad zone, a null name, an unknown office', async () => {
      const path = `/api/v1/offices/${DEMO_OFFICES.ntb.id}`;
      const changed = await ok(admin('PATCH', path, { phone: null, email: 'ntb@bp3mi.example' }));
      expect(changed).toMatchObject({
        code: 'NTB',
        phone: null,
        email: 'ntb@bp3mi.example',
        timeZone: 'Asia/Makassar',
      });
      await refused(admin('PATCH', path, { timeZone: 'WITA' }), 422, 'VALIDATION_FAILED', 'timeZone');
      await refused(admin('PATCH', path, { name: null }), 422, 'VALIDATION_FAILED', 'name');
      await refused(admin('PATCH', path, { code: 'NTB2' }), 422, 'VALIDATION_FAILED', 'code');
      await refused(admin('PATCH', `/api/v1/offices/${NOWHERE}`, { name: 'x' }), 404, 'OFFICE_NOT_FOUND');
      await refused(admin('PATCH', '/api/v1/offices/PAPUA', { name: 'x' }), 400, 'INVALID_ID');
      await refused(sut.http('PATCH', path, { name: 'x' }, as('spv.palu')), 403, 'FORBIDDEN');
      expect(await audited('office.update', DEMO_OFFICES.ntb.id)).toEqual([200, 422, 422, 422]);
    });
  });

  describe('users', () => {
    it('should create an account with a generated password shown once, never a hash, and refuse what does not fit', async () => {
      await refused(sut.http('GET', '/api/v1/users', undefined, as('cw.palu')), 403, 'FORBIDDEN');
      await refused(sut.http('GET', '/api/v1/users', undefined, as('spv.palu')), 403, 'FORBIDDEN');
      const created = await ok(
        admin('POST', '/api/v1/users', {
          username: 'andi.palu',
          displayName: 'Andi Mappanyukki',
          email: 'andi@bp3mi-sulteng.example',
          role: 'CASEWORKER',
          officeId: DEMO_OFFICES.sulteng.id,
        }),
      );
      expect(created).toMatchObject({ username: 'andi.palu', role: 'CASEWORKER', active: true, agencyId: null });
      expect(created.initialPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(JSON.stringify(created)).not.toMatch(/argon2|password_?hash/i);
      expect(await sut.login('andi.palu', created.initialPassword)).toBeTruthy();
      expect(await audited('user.create', created.id)).toEqual([201]);

      const given = await ok(
        admin('POST', '/api/v1/users', {
          username: 'ppa2.sulteng',
          displayName: 'Staf UPTD PPA',
          role: 'PARTNER',
          agencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
          password: 'sandi-awal-yang-panjang',
        }),
      );
      expect(given.initialPassword).toBeUndefined();
      expect(await sut.login('ppa2.sulteng', 'sandi-awal-yang-panjang')).toBeTruthy();

      const base = { username: 'new.user', displayName: 'Baru', role: 'CASEWORKER', officeId: DEMO_OFFICES.sulteng.id };
      await refused(
        admin('POST', '/api/v1/users', { ...base, username: 'andi.palu' }),
        409,
        'USERNAME_TAKEN',
        'username',
      );
      await refused(
        admin('POST', '/api/v1/users', { ...base, officeId: NOWHERE }),
        422,
        'INVALID_PLACEMENT',
        'officeId',
      );
      await refused(
        admin('POST', '/api/v1/users', { ...base, officeId: undefined }),
        422,
        'INVALID_PLACEMENT',
        'officeId',
      );
      await refused(
        admin('POST', '/api/v1/users', { ...base, role: 'PARTNER', officeId: undefined }),
        422,
        'INVALID_PLACEMENT',
        'agencyId',
      );
      await refused(
        admin('POST', '/api/v1/users', { ...base, role: 'PARTNER', officeId: undefined, agencyId: NOWHERE }),
        422,
        'INVALID_PLACEMENT',
        'agencyId',
      );
      await refused(admin('POST', '/api/v1/users', { ...base, role: 'PARTNER' }), 422, 'INVALID_PLACEMENT', 'officeId');
      await refused(admin('POST', '/api/v1/users', { ...base, role: 'ROOT' }), 422, 'VALIDATION_FAILED', 'role');
      await refused(admin('POST', '/api/v1/users', { ...base, username: 'A B' }), 422, 'VALIDATION_FAILED', 'username');
      await refused(
        admin('POST', '/api/v1/users', { ...base, password: 'short' }),
        422,
        'VALIDATION_FAILED',
        'password',
      );
      await refused(
        admin('POST', '/api/v1/users', { ...base, email: 'not-an-email' }),
        422,
        'VALIDATION_FAILED',
        'email',
      );
      expect((await sut.db.query(`SELECT 1 FROM users WHERE username = 'new.user'`)).rowCount).toBe(0);
    });

    it('should list accounts by office, role and state, a page at a time', async () => {
      const palu = await ok(admin('GET', `/api/v1/users?officeId=${DEMO_OFFICES.sulteng.id}&role=CASEWORKER`));
      expect(palu.items.map((u: { username: string }) => u.username)).toEqual(
        expect.arrayContaining(['cw.palu', 'andi.palu']),
      );
      expect(palu.items.every((u: { role: string }) => u.role === 'CASEWORKER')).toBe(true);
      const page = await ok(admin('GET', '/api/v1/users?limit=2&offset=0'));
      expect(page).toMatchObject({ limit: 2, offset: 0, hasMore: true });
      expect(page.items).toHaveLength(2);
      const partners = await ok(admin('GET', `/api/v1/users?agencyId=${DEMO_AGENCIES.uptdPpaSulteng.id}`));
      expect(partners.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'ppa.sulteng',
        'ppa2.sulteng',
        'staf.ppa.sulteng',
      ]);
      expect(JSON.stringify(page)).not.toMatch(/argon2|password/i);
      await refused(admin('GET', '/api/v1/users?active=yes'), 422, 'VALIDATION_FAILED', 'active');
      await refused(admin('GET', '/api/v1/users?role=ROOT'), 422, 'VALIDATION_FAILED', 'role');
      const listings = await sut.db.query(
        `SELECT status FROM audit_log WHERE action = 'user.list' AND username = 'admin'`,
      );
      expect(listings.rows.map((r: { status: number }) => r.status)).toEqual(expect.arrayContaining([200, 422]));
    });

    it('should stop a deactivated account at once: its token on the next request, its sign-in; and let it back', async () => {
      const created = await ok(
        admin('POST', '/api/v1/users', {
          username: 'cw3.palu',
          displayName: 'Wa Ode Sitti',
          role: 'CASEWORKER',
          officeId: DEMO_OFFICES.sulteng.id,
        }),
      );
      const token = await sut.login('cw3.palu', created.initialPassword);
      expect((await sut.http('GET', '/api/v1/inbox', undefined, sut.as(token))).status).toBe(200);

      const off = await ok(admin('POST', `/api/v1/users/${created.id}/deactivate`));
      expect(off).toMatchObject({ active: false });
      expect(off.deactivatedAt).toEqual(expect.any(String));
      await refused(sut.http('GET', '/api/v1/inbox', undefined, sut.as(token)), 401, 'ACCOUNT_DEACTIVATED');
      await refused(
        sut.http(
          'POST',
          '/api/v1/auth/login',
          { username: 'cw3.palu', password: created.initialPassword },
          { authorization: '' },
        ),
        401,
        'ACCOUNT_DEACTIVATED',
      );
      const inactive = await ok(admin('GET', '/api/v1/users?active=false'));
      expect(inactive.items.map((u: { id: string }) => u.id)).toContain(created.id);
      const active = await ok(admin('GET', '/api/v1/users?active=true&limit=200'));
      expect(active.items.map((u: { id: string }) => u.id)).not.toContain(created.id);

      expect(await ok(admin('POST', `/api/v1/users/${created.id}/reactivate`))).toMatchObject({ active: true });
      expect((await sut.http('GET', '/api/v1/inbox', undefined, sut.as(token))).status).toBe(200);
      expect(await audited('user.deactivate', created.id)).toEqual([200]);
      expect(await audited('user.reactivate', created.id)).toEqual([200]);

      await refused(admin('POST', `/api/v1/users/${DEMO_USERS.admin.id}/deactivate`), 409, 'OWN_ACCOUNT');
      await refused(admin('POST', `/api/v1/users/${NOWHERE}/deactivate`), 404, 'USER_NOT_FOUND');
      await refused(admin('POST', '/api/v1/users/cw3.palu/deactivate'), 400, 'INVALID_ID');
      await refused(sut.http('POST', `/api/v1/users/${created.id}/deactivate`, {}, as('spv.palu')), 403, 'FORBIDDEN');
      expect((await sut.http('GET', '/api/v1/inbox', undefined, as('admin'))).status).toBe(403);
    });

    it('should change a role for the next request of a token already issued, and keep a role and its place together', async () => {
      const created = await ok(
        admin('POST', '/api/v1/users', {
          username: 'cw4.palu',
          displayName: 'Rahmat Lamakarate',
          role: 'CASEWORKER',
          officeId: DEMO_OFFICES.sulteng.id,
        }),
      );
      const token = await sut.login('cw4.palu', created.initialPassword);
      await refused(sut.http('GET', '/api/v1/escalations', undefined, sut.as(token)), 403, 'FORBIDDEN');
      const promoted = await ok(
        admin('PATCH', `/api/v1/users/${created.id}`, { role: 'SUPERVISOR', displayName: 'Rahmat L.' }),
      );
      expect(promoted).toMatchObject({
        role: 'SUPERVISOR',
        displayName: 'Rahmat L.',
        officeId: DEMO_OFFICES.sulteng.id,
      });
      expect((await sut.http('GET', '/api/v1/escalations', undefined, sut.as(token))).status).toBe(200);

      const path = `/api/v1/users/${created.id}`;
      await refused(admin('PATCH', path, { role: 'PARTNER' }), 422, 'INVALID_PLACEMENT', 'agencyId');
      await refused(
        admin('PATCH', path, { agencyId: DEMO_AGENCIES.uptdPpaSulteng.id }),
        422,
        'INVALID_PLACEMENT',
        'agencyId',
      );
      await refused(admin('PATCH', path, { officeId: NOWHERE }), 422, 'INVALID_PLACEMENT', 'officeId');
      await refused(admin('PATCH', path, { displayName: null }), 422, 'VALIDATION_FAILED', 'displayName');
      const moved = await ok(admin('PATCH', path, { role: 'PARTNER', agencyId: DEMO_AGENCIES.uptdPpaSulteng.id }));
      expect(moved).toMatchObject({ role: 'PARTNER', officeId: null, agencyId: DEMO_AGENCIES.uptdPpaSulteng.id });
      await refused(
        admin('PATCH', `/api/v1/users/${DEMO_USERS.admin.id}`, { role: 'HEAD', officeId: DEMO_OFFICES.sulteng.id }),
        409,
        'OWN_ACCOUNT',
      );
      await refused(admin('PATCH', `/api/v1/users/${NOWHERE}`, { displayName: 'x' }), 404, 'USER_NOT_FOUND');
      expect(await audited('user.update', created.id)).toEqual([200, 422, 422, 422, 422, 200]);
    });

    it('should reset a password: the new one shown once and working, the old one not, the audit without it', async () => {
      const created = await ok(
        admin('POST', '/api/v1/users', {
          username: 'head2.palu',
          displayName: 'Kepala Kedua',
          role: 'HEAD',
          officeId: DEMO_OFFICES.sulteng.id,
          password: 'sandi-lama-yang-panjang',
        }),
      );
      const reset = await ok(admin('POST', `/api/v1/users/${created.id}/password-reset`));
      expect(reset.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await refused(
        sut.http(
          'POST',
          '/api/v1/auth/login',
          { username: 'head2.palu', password: 'sandi-lama-yang-panjang' },
          { authorization: '' },
        ),
        401,
        'INVALID_CREDENTIALS',
      );
      expect(await sut.login('head2.palu', reset.password)).toBeTruthy();
      expect(await audited('user.password_reset', created.id)).toEqual([200]);
      const log = await sut.db.query(`SELECT * FROM audit_log WHERE target_id = $1`, [created.id]);
      expect(JSON.stringify(log.rows)).not.toContain(reset.password);
      expect(sut.api.output()).not.toContain(reset.password);
      await refused(admin('POST', `/api/v1/users/${NOWHERE}/password-reset`), 404, 'USER_NOT_FOUND');
    });
  });

  describe('the office time zone in cases and letters', () => {
    it('should start a case of a WIT office with its zone in the workflow input, and date its letters in WIT', async () => {
      const cw = await ok(
        admin('POST', '/api/v1/users', {
          username: 'cw.jayapura',
          displayName: 'Yohana Wanimbo',
          role: 'CASEWORKER',
          officeId: papua,
        }),
      );
      const token = await sut.login('cw.jayapura', cw.initialPassword);
      const inPapua = await ok(sut.http('POST', '/api/v1/cases', registration('Maria Kogoya'), sut.as(token)));
      expect(inPapua.caseNumber).toMatch(/^PAPUA-2026-\d{6}$/);
      const input = await workflowInput(inPapua.id);
      expect(input.timeZone).toBe('Asia/Jayapura');
      expect(input.officeId).toBe(papua);
      const inPalu = await ok(sut.http('POST', '/api/v1/cases', registration('Nurlela Binti Usman')));
      expect((await workflowInput(inPalu.id)).timeZone).toBe('Asia/Makassar');

      // both letters issued at 31 December 2026 15:30 UTC: 23:30 in Palu (WITA), already New Year in Jayapura (WIT)
      // the referral letter of each, issued at 31 December 2026 15:30 UTC: 23:30 in Palu (WITA), already New Year
      // in Jayapura (WIT)
      const print = async (caseId: string, token: string) => {
        const path = `/api/v1/cases/${caseId}/letters/referral/${await referred(caseId, token)}`;
        await pdfText(path, token);
        await sut.db.query(`UPDATE letters SET issued_at = '2026-12-31T15:30:00Z' WHERE case_id = $1`, [caseId]);
        return pdfText(path, token);
      };
      const jayapura = await print(inPapua.id, token);
      expect(jayapura).toContain('Jayapura, 1 Januari 2027');
      expect(jayapura).not.toContain('31 Desember 2026');
      const palu = await print(inPalu.id, tokens['cw.palu']!);
      expect(palu).toContain('Palu, 31 Desember 2026');
    });
  });

  describe('holidays', () => {
    it('should show 2026 loaded and 2027 not, to staff; refuse a bad year; and only an admin loads one', async () => {
      const y2026 = await ok(sut.http('GET', '/api/v1/holidays?year=2026', undefined, as('cw.palu')));
      expect(y2026.loaded).toBe(true);
      expect(y2026.days).toContainEqual({ date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'HOLIDAY' });
      expect(y2026.days.some((d: { kind: string }) => d.kind === 'CUTI_BERSAMA')).toBe(true);
      expect(await ok(admin('GET', '/api/v1/holidays?year=2027'))).toEqual({ year: 2027, loaded: false, days: [] });
      await refused(admin('GET', '/api/v1/holidays?year=27'), 422, 'VALIDATION_FAILED', 'year');
      await refused(admin('GET', '/api/v1/holidays'), 422, 'VALIDATION_FAILED', 'year');
      await refused(sut.http('PUT', '/api/v1/holidays/2027', fixture2027.days, as('spv.palu')), 403, 'FORBIDDEN');
    });

    it('should answer a dry run without changing anything, then load the year, which new cases then count', async () => {
      const dry = await ok(admin('PUT', '/api/v1/holidays/2027?dryRun=true', fixture2027.days));
      expect(dry).toMatchObject({ year: 2027, dryRun: true, removed: [], renamed: [], unchanged: 0 });
      expect(dry.added).toHaveLength(fixture2027.days.length);
      expect((await ok(admin('GET', '/api/v1/holidays?year=2027'))).loaded).toBe(false);

      const loaded = await ok(admin('PUT', '/api/v1/holidays/2027', fixture2027.days));
      expect(loaded).toMatchObject({ dryRun: false });
      expect(loaded.added).toHaveLength(fixture2027.days.length);
      const y2027 = await ok(admin('GET', '/api/v1/holidays?year=2027'));
      expect(y2027.days).toHaveLength(fixture2027.days.length);
      expect(y2027.days[0]).toEqual({ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'HOLIDAY' });
      expect(await audited('holidays.load', '2027')).toEqual([200, 200]);

      // a case started now carries 2027 in its calendar (one started before keeps the calendar it had)
      const c = await ok(sut.http('POST', '/api/v1/cases', registration('Fransina Yoku')));
      expect((await workflowInput(c.id)).calendar?.years[2027]).toContain('2027-08-17');
    });

    it('should read CSV and say what a corrected file adds, removes and renames', async () => {
      const csv = [
        'date,name,kind',
        '2027-01-01,Tahun Baru 2027 Masehi,HOLIDAY',
        '2027-08-17,"Hari Ulang Tahun Kemerdekaan Republik Indonesia, ke-82",HOLIDAY',
        '2027-12-31,Cuti bersama akhir tahun,CUTI_BERSAMA',
      ].join('\n');
      const res = await sut.http('PUT', '/api/v1/holidays/2027?dryRun=true', csv, {
        ...as('admin'),
        'content-type': 'text/csv',
      });
      expect(res.status).toBe(200);
      expect(res.body.added).toEqual([{ date: '2027-12-31', name: 'Cuti bersama akhir tahun', kind: 'CUTI_BERSAMA' }]);
      expect(res.body.renamed).toEqual([
        {
          date: '2027-08-17',
          before: { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'HOLIDAY' },
          after: {
            date: '2027-08-17',
            name: 'Hari Ulang Tahun Kemerdekaan Republik Indonesia, ke-82',
            kind: 'HOLIDAY',
          },
        },
      ]);
      expect(res.body.removed).toHaveLength(fixture2027.days.length - 2);
      expect(res.body.unchanged).toBe(1);
      expect((await ok(admin('GET', '/api/v1/holidays?year=2027'))).days).toHaveLength(fixture2027.days.length);
    });

    it('should refuse a file naming the row at fault, and change nothing', async () => {
      const put = (body: unknown, path = '/api/v1/holidays/2027') => admin('PUT', path, body);
      const good = { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' };
      await refused(put([good, { date: '2026-12-25', name: 'Natal' }]), 422, 'INVALID_HOLIDAYS', 'rows[1].date');
      await refused(put([good, { date: '2027-02-29', name: 'Tidak ada' }]), 422, 'INVALID_HOLIDAYS', 'rows[1].date');
      await refused(put([good, { ...good, name: 'Lagi' }]), 422, 'INVALID_HOLIDAYS', 'rows[1].date');
      await refused(put([{ ...good, kind: 'LIBUR' }]), 422, 'INVALID_HOLIDAYS', 'rows[0].kind');
      await refused(put([{ date: '2027-05-01' }]), 422, 'INVALID_HOLIDAYS', 'rows[0].name');
      await refused(put([]), 422, 'INVALID_HOLIDAYS', 'body');
      await refused(put({ days: [good] }), 422, 'INVALID_HOLIDAYS', 'body');
      await refused(put([good], '/api/v1/holidays/27'), 400, 'INVALID_YEAR');
      await refused(put([good], '/api/v1/holidays/next'), 400, 'INVALID_YEAR');
      const xml = await sut.http('PUT', '/api/v1/holidays/2027', '<days/>', {
        ...as('admin'),
        'content-type': 'application/xml',
      });
      expect(xml.status).toBe(415);
      const broken = await sut.http('PUT', '/api/v1/holidays/2027', '[{"date": ', {
        ...as('admin'),
        'content-type': 'application/json',
      });
      expect(broken.status).toBe(400);
      expect((await ok(admin('GET', '/api/v1/holidays?year=2027'))).days).toHaveLength(fixture2027.days.length);
    });
  });

  describe('SLA policies', () => {
    const deadlines = () => JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY.deadlines)) as Record<string, any>;

    it('should list the national policy in force to supervisors, not to caseworkers', async () => {
      const list = await ok(sut.http('GET', '/api/v1/sla-policies', undefined, as('spv.palu')));
      expect(list).toContainEqual(
        expect.objectContaining({ version: DEFAULT_SLA_POLICY.version, province: 'ID', inForce: true }),
      );
      const one = await ok(
        sut.http('GET', `/api/v1/sla-policies/${DEFAULT_SLA_POLICY.version}`, undefined, as('spv.palu')),
      );
      expect(one.deadlines).toEqual(DEFAULT_SLA_POLICY.deadlines);
      await refused(sut.http('GET', '/api/v1/sla-policies', undefined, as('cw.palu')), 403, 'FORBIDDEN');
      await refused(admin('GET', '/api/v1/sla-policies/no-such-version'), 404, 'SLA_POLICY_NOT_FOUND');
      await refused(admin('GET', '/api/v1/sla-policies/bad%20version'), 400, 'INVALID_VERSION');
    });

    it('should store a checked version for a province, and refuse what is not a policy, naming the field', async () => {
      const post = (body: unknown) => admin('POST', '/api/v1/sla-policies', body);
      const valid = { province: 'Papua', version: 'papua-2027.1', deadlines: deadlines() };
      valid.deadlines.REGISTRATION.LOW = { amount: 48, unit: 'hours' };
      const bad = (change: (d: Record<string, any>) => void) => {
        const d = deadlines();
        change(d);
        return { ...valid, deadlines: d };
      };
      await refused(post(bad((d) => (d.TRIAGE = d.SCREENING))), 422, 'INVALID_SLA_POLICY', 'deadlines.TRIAGE');
      await refused(post(bad((d) => delete d.SHELTER)), 422, 'INVALID_SLA_POLICY', 'deadlines.SHELTER');
      await refused(post(bad((d) => delete d.REFERRAL.MEDIUM)), 422, 'INVALID_SLA_POLICY', 'deadlines.REFERRAL.MEDIUM');
      await refused(
        post(bad((d) => (d.REFERRAL.HIGH = { amount: -1, unit: 'hours' }))),
        422,
        'INVALID_SLA_POLICY',
        'deadlines.REFERRAL.HIGH.amount',
      );
      await refused(
        post(bad((d) => (d.REFERRAL.HIGH = { amount: 1, unit: 'weeks' }))),
        422,
        'INVALID_SLA_POLICY',
        'deadlines.REFERRAL.HIGH.unit',
      );
      await refused(post({ ...valid, province: 'Atlantis' }), 422, 'INVALID_SLA_POLICY', 'province');
      await refused(post({ ...valid, version: 'no spaces' }), 422, 'VALIDATION_FAILED', 'version');
      await refused(post({ ...valid, deadlines: [] }), 422, 'VALIDATION_FAILED', 'deadlines');
      await refused(sut.http('POST', '/api/v1/sla-policies', valid, as('spv.palu')), 403, 'FORBIDDEN');

      const created = await ok(post(valid));
      expect(created).toMatchObject({ version: 'papua-2027.1', province: 'Papua', activeFrom: null, inForce: false });
      await refused(post(valid), 409, 'SLA_POLICY_VERSION_TAKEN', 'version');
      expect(await audited('sla_policy.create', 'papua-2027.1')).toEqual([201]);
      // a refused create names no target (nothing was made), but is in the log all the same
      const statuses = await sut.db.query(`SELECT status FROM audit_log WHERE action = 'sla_policy.create'`);
      expect(new Set(statuses.rows.map((r: { status: number }) => r.status))).toEqual(new Set([201, 409, 422]));
    });

    it('should put a version in force for the new cases of its province only, the others keeping theirs', async () => {
      const cw = await sut.login(
        'cw.jayapura',
        (await ok(admin('POST', `/api/v1/users/${await userId('cw.jayapura')}/password-reset`))).password,
      );
      const before = await ok(sut.http('POST', '/api/v1/cases', registration('Agustina Wenda'), sut.as(cw)));
      const active = await ok(admin('POST', '/api/v1/sla-policies/papua-2027.1/activate'));
      expect(active).toMatchObject({ version: 'papua-2027.1', inForce: true });
      expect(active.activeFrom).toEqual(expect.any(String));
      const after = await ok(sut.http('POST', '/api/v1/cases', registration('Ruth Mambrasar'), sut.as(cw)));
      const palu = await ok(sut.http('POST', '/api/v1/cases', registration('Hasnah Binti Laode')));
      const versions = await sut.db.query(`SELECT id, policy_version FROM cases WHERE id = ANY($1::uuid[])`, [
        [before.id, after.id, palu.id],
      ]);
      const versionOf = (id: string) => versions.rows.find((r: { id: string }) => r.id === id).policy_version;
      expect(versionOf(before.id)).toBe(DEFAULT_SLA_POLICY.version);
      expect(versionOf(after.id)).toBe('papua-2027.1');
      expect(versionOf(palu.id)).toBe(DEFAULT_SLA_POLICY.version);
      expect((await workflowInput(after.id)).policy?.deadlines.REGISTRATION.LOW).toEqual({ amount: 48, unit: 'hours' });

      const listed = await ok(admin('GET', '/api/v1/sla-policies?province=Papua'));
      expect(listed).toEqual([expect.objectContaining({ version: 'papua-2027.1', inForce: true })]);
      await refused(admin('POST', '/api/v1/sla-policies/no-such-version/activate'), 404, 'SLA_POLICY_NOT_FOUND');
      expect(await audited('sla_policy.activate', 'papua-2027.1')).toEqual([200]);
    });
  });

  async function userId(username: string): Promise<string> {
    return (await sut.db.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0].id;
  }

  it('should document the error answers of every administration route in the OpenAPI document', async () => {
    const doc = await ok(sut.http('GET', '/api/docs-json'));
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      if (!/^\/api\/v1\/(users|offices|holidays|sla-policies)/.test(path)) continue;
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        expect({ route: `${method} ${path}`, has: ['401', '403'].every((c) => codes.includes(c)) }).toEqual({
          route: `${method} ${path}`,
          has: true,
        });
        if (method !== 'get' || path.includes('{'))
          expect({ route: `${method} ${path}`, codes }).toEqual({
            route: `${method} ${path}`,
            codes: expect.arrayContaining([expect.stringMatching(/^(400|404|409|415|422)$/)]),
          });
        expect(op.responses['403'].content['application/json'].schema.required).toEqual(['error', 'message']);
      }
    }
  });
});
