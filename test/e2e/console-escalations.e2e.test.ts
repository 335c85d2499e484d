// A supervisor's console in a real browser (Debian's Chromium through playwright-core) on the real stack, with
// deadlines 500 times faster (SLA_TIME_SCALE: an hour in 7.2 s) so that escalations happen: each resolution in its
// own dialog (reassign to a caseworker named from GET /api/v1/staff, extend to a date-time in the office's time,
// take over, acknowledge) with its effect read back from the database, a past deadline refused on its field, a 409
// when someone else was quicker, every dialog from the keyboard alone, axe-core with each dialog open; the office's
// work by caseworker; the inbox's filters kept after a reload. And the two API changes behind it: GET /api/v1/staff
// and GET /api/v1/inbox?scope=office.
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const ZONE = 'Asia/Makassar';
const NAMES = { cw: 'Rahmat Hidayat', cw2: 'Nur Aisyah Lamba', gone: 'Yusuf Lasido', spv: 'Hj. Andi Suryani' };

type Case = { id: string; caseNumber: string };

// The calendar day `days` from now in the office's zone, at 10.00 there: the instant, and the keys that type it
// into Chromium's date-time field (month, day, year; then hour, minute and AM in its own segments).
function officeMorning(days: number): { iso: string; keys: string[] } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(Date.now() + days * 86_400_000)
      .map((p) => [p.type, p.value]),
  );
  // 10.00 WITA is 02.00 UTC
  const iso = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), 2, 0)).toISOString();
  return { iso, keys: [parts.month, parts.day, parts.year, 'Tab', '10', '00', 'A'] };
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not so within ${ms} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Presses Tab until the element has the focus, as a keyboard user moves through a dialog.
async function tabTo(page: Page, target: Locator, max = 25): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

describe('a supervisor resolving escalations and reading the office’s work, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let spv: Page;
  let spvToken: string;
  let cw2Id: string;
  let goneId: string;
  const cases: Record<'reassign' | 'extend' | 'takeOver' | 'acknowledge' | 'taken', Case> = {} as never;
  let makassarCase: Case;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.002' });
    // the office's people by the names a supervisor knows them by; one of them has left (deactivated)
    for (const [username, name] of [
      ['cw.palu', NAMES.cw],
      ['cw2.palu', NAMES.cw2],
      ['spv.palu', NAMES.spv],
    ]) {
      await sut.db.query(`UPDATE users SET display_name = $2 WHERE username = $1`, [username, name]);
    }
    await sut.addStaffUser('cw3.palu', 'CASEWORKER', DEMO_OFFICES.sulteng.id);
    const gone = await sut.db.query(
      `UPDATE users SET display_name = $1, deactivated_at = now() WHERE username = 'cw3.palu' RETURNING id`,
      [NAMES.gone],
    );
    goneId = gone.rows[0].id;
    cw2Id = DEMO_USERS.cw2Palu.id;
    spvToken = await sut.login('spv.palu');

    // five trafficking victims past screening: the TPPO report is due in 24 h (172.8 s here), its escalation goes
    // to the supervisor then and on to the head at twice that, which leaves the supervisor about three minutes
    const people: [keyof typeof cases, string, string][] = [
      ['reassign', 'Wa Ode Hasnia', '7271014101900001'],
      ['extend', 'Sitti Rabiah', '7271014202910002'],
      ['takeOver', 'Ni Ketut Sari', '7271014303920003'],
      ['acknowledge', 'Fatmawati Lasido', '7271014404930004'],
      ['taken', 'Hasnah Daeng Ngai', '7271014505940005'],
    ];
    for (const [key, name, nik] of people) {
      const res = await sut.http('POST', '/api/v1/cases', registration(name, nik));
      expect(res.status).toBe(201);
      cases[key] = { id: res.body.id, caseNumber: res.body.caseNumber };
      for (const [type, payload] of [
        ['complete-registration', {}],
        ['complete-screening', { indicators: ['DECEPTION', 'CONFISCATED_DOCUMENTS'], flags: {} }],
      ] as const) {
        const done = await sut.http('POST', `/api/v1/cases/${res.body.id}/actions`, { type, payload });
        expect(done.status).toBe(200);
      }
      expect((await sut.db.query(`SELECT current_step FROM cases WHERE id = $1`, [res.body.id])).rows[0]).toEqual({
        current_step: 'TPPO_REPORT',
      });
    }
    const makassar = sut.as(await sut.login('cw.makassar'));
    const res = await sut.http('POST', '/api/v1/cases', registration('Muliati', '7371014606950006'), makassar);
    expect(res.status).toBe(201);
    makassarCase = { id: res.body.id, caseNumber: res.body.caseNumber };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  async function openEscalation(c: Case): Promise<string> {
    for (let i = 0; i < 1000; i += 1) {
      const { rows } = await sut.db.query(
        `SELECT id FROM escalations WHERE case_id = $1 AND status = 'OPEN' AND level = 1`,
        [c.id],
      );
      if (rows.length) return rows[0].id;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no open level-1 escalation for ${c.caseNumber}`);
  }

  async function openTask(caseId: string): Promise<{ assignee_id: string | null; due_at: Date | null }> {
    const { rows } = await sut.db.query(
      `SELECT assignee_id, due_at FROM tasks WHERE case_id = $1 AND status = 'OPEN' AND kind = 'STEP'`,
      [caseId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  describe('GET /api/v1/staff', () => {
    it('should list the office’s active staff by name and role, nothing more, to a supervisor and a head', async () => {
      const res = await sut.http('GET', '/api/v1/staff', undefined, sut.as(spvToken));
      expect(res.status).toBe(200);
      const names = res.body.items.map((s: { displayName: string }) => s.displayName);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
      expect(names).toEqual(expect.arrayContaining([NAMES.cw, NAMES.cw2, NAMES.spv, DEMO_USERS.headPalu.displayName]));
      // another office's staff never, a deactivated account not unless asked for
      expect(names).not.toContain(DEMO_USERS.cwMakassar.displayName);
      expect(names).not.toContain(NAMES.gone);
      for (const s of res.body.items) {
        expect(Object.keys(s).sort()).toEqual(['active', 'displayName', 'id', 'role']);
        expect(s.active).toBe(true);
      }
      const head = await sut.http(
        'GET',
        '/api/v1/staff?role=CASEWORKER',
        undefined,
        sut.as(await sut.login('head.palu')),
      );
      expect(head.status).toBe(200);
      expect(head.body.items.map((s: { id: string; role: string }) => [s.id, s.role])).toEqual(
        expect.arrayContaining([
          [DEMO_USERS.cwPalu.id, 'CASEWORKER'],
          [cw2Id, 'CASEWORKER'],
        ]),
      );
      expect(head.body.items.every((s: { role: string }) => s.role === 'CASEWORKER')).toBe(true);
    });

    it('should show a deactivated account as inactive only when asked, and keep who listed the staff', async () => {
      const res = await sut.http('GET', '/api/v1/staff?includeInactive=true', undefined, sut.as(spvToken));
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual({ id: goneId, displayName: NAMES.gone, role: 'CASEWORKER', active: false });
      const { rows } = await sut.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff.list' AND username = 'spv.palu'`,
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(2);
    });

    it('should refuse a caseworker, a partner and no token, and name a bad filter', async () => {
      expect((await sut.http('GET', '/api/v1/staff')).status).toBe(403);
      expect((await sut.http('GET', '/api/v1/staff', undefined, sut.as(await sut.login('ppa.sulteng')))).status).toBe(
        403,
      );
      expect((await sut.http('GET', '/api/v1/staff', undefined, sut.as(null))).status).toBe(401);
      const bad = await sut.http('GET', '/api/v1/staff?role=ADMIN&includeInactive=maybe', undefined, sut.as(spvToken));
      expect(bad.status).toBe(422);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['includeInactive', 'role']);
    });

    it('should list only their own office to another office’s supervisor', async () => {
      const other = sut.as(await sut.addStaffUser('spv.makassar', 'SUPERVISOR', DEMO_OFFICES.sulsel.id));
      const res = await sut.http('GET', '/api/v1/staff', undefined, other);
      expect(res.status).toBe(200);
      const ids = res.body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(DEMO_USERS.cwMakassar.id);
      expect(ids).not.toContain(DEMO_USERS.cwPalu.id);
      expect(ids).not.toContain(cw2Id);
    });
  });

  describe('GET /api/v1/inbox?scope=office', () => {
    it('should give a supervisor every open task of the office with its assignee’s name, and no other office’s', async () => {
      const res = await sut.http('GET', '/api/v1/inbox?scope=office&limit=200', undefined, sut.as(spvToken));
      expect(res.status).toBe(200);
      const { rows } = await sut.db.query(
        `SELECT t.id, u.display_name AS name FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
          WHERE t.status = 'OPEN' AND t.office_id = $1`,
        [DEMO_OFFICES.sulteng.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(rows.map((r) => r.id).sort());
      for (const item of res.body.items) {
        expect(item.assigneeName).toBe(rows.find((r) => r.id === item.id)!.name);
      }
      const due = res.body.items.map((i: { dueAt: string | null }) => (i.dueAt ? Date.parse(i.dueAt) : Infinity));
      expect(due).toEqual([...due].sort((a, b) => a - b));
      expect(res.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(makassarCase.id);
    });

    it('should refuse the office’s work to a caseworker, and name a bad scope', async () => {
      const res = await sut.http('GET', '/api/v1/inbox?scope=office');
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('FORBIDDEN');
      const bad = await sut.http('GET', '/api/v1/inbox?scope=everyone', undefined, sut.as(spvToken));
      expect(bad.status).toBe(422);
      expect(bad.body.details).toEqual([{ field: 'scope', problems: ['scope must be mine or office'] }]);
      // the caseworker's own inbox as before
      expect((await sut.http('GET', '/api/v1/inbox')).status).toBe(200);
    });
  });

  describe('the escalation queue', () => {
    beforeAll(async () => {
      spv = await newPage(browser);
      await signIn(spv, sut.baseUrl, 'spv.palu');
      for (const c of Object.values(cases)) await openEscalation(c);
      await spv.getByRole('link', { name: 'Eskalasi' }).click();
      await spv.getByRole('heading', { name: 'Eskalasi' }).waitFor();
    }, 300_000);
    // a test that failed with its dialog open leaves the next one a clean queue
    afterEach(async () => {
      if (await spv.getByRole('dialog').count()) await spv.keyboard.press('Escape');
    });

    const rowOf = (c: Case) => spv.getByRole('row').filter({ hasText: c.caseNumber }).filter({ hasText: 'Level 1' });

    // From the row's button to the dialog with the keyboard alone: Enter opens the menu, the arrows reach the
    // resolution, Enter opens its dialog.
    async function openDialog(c: Case, item: string, title: RegExp): Promise<{ dialog: Locator; trigger: Locator }> {
      const trigger = rowOf(c).getByRole('button', { name: `Tindak lanjuti eskalasi ${c.caseNumber}` });
      await trigger.waitFor({ timeout: 60_000 });
      await trigger.focus();
      await spv.keyboard.press('Enter');
      const wanted = spv.getByRole('menuitem', { name: item });
      await wanted.waitFor();
      for (let i = 0; i < 6 && !(await isFocused(wanted)); i += 1) await spv.keyboard.press('ArrowDown');
      expect(await isFocused(wanted)).toBe(true);
      await spv.keyboard.press('Enter');
      const dialog = spv.getByRole('dialog', { name: title });
      await dialog.waitFor();
      await spv.getByRole('menu').waitFor({ state: 'detached' });
      return { dialog, trigger };
    }

    it('should open each resolution’s dialog from the keyboard, axe-clean, and close it on Escape with focus back', async () => {
      const c = cases.acknowledge;
      for (const [item, title] of [
        ['Alihkan ke petugas lain', /^Alihkan kasus/],
        ['Perpanjang tenggat', /^Perpanjang tenggat kasus/],
        ['Ambil alih', /^Ambil alih kasus/],
        ['Tandai sudah diketahui', /^Tandai eskalasi kasus/],
      ] as const) {
        const { dialog, trigger } = await openDialog(c, item, title);
        expect(await seriousViolations(spv)).toEqual([]);
        await spv.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await until(() => isFocused(trigger));
      }
      // a level 2 is the head's: the supervisor is told so instead of offered a dialog
      expect(await seriousViolations(spv)).toEqual([]);
    });

    it('should reassign to a caseworker chosen by name, the inactive one not offered; the task then in their inbox', async () => {
      const c = cases.reassign;
      const escalationId = await openEscalation(c);
      const { dialog } = await openDialog(c, 'Alihkan ke petugas lain', /^Alihkan kasus/);
      const who = dialog.getByLabel('Petugas yang menerima').and(dialog.locator('input'));
      await tabTo(spv, who);
      await spv.keyboard.press('ArrowDown');
      const options = dialog.getByRole('option');
      await options.first().waitFor();
      const offered = await options.allInnerTexts();
      expect(offered).toEqual(expect.arrayContaining([NAMES.cw, NAMES.cw2]));
      expect(offered).not.toContain(NAMES.gone);
      expect(offered).not.toContain(DEMO_USERS.cwMakassar.displayName);
      expect(offered).not.toContain(NAMES.spv);
      await spv.keyboard.type('Nur');
      await spv.keyboard.press('ArrowDown');
      await spv.keyboard.press('Enter');
      expect(await who.inputValue()).toBe(NAMES.cw2);
      await tabTo(spv, dialog.getByRole('textbox', { name: 'Alasan' }));
      await spv.keyboard.type('Pak Rahmat cuti dua hari; Bu Nur yang mendampingi di Pelabuhan Pantoloan.');
      expect(await seriousViolations(spv)).toEqual([]);
      await screenshot(spv, 'escalation-reassign');
      await tabTo(spv, dialog.getByRole('button', { name: 'Alihkan' }));
      await spv.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await spv.getByRole('status').getByText(`Kasus ${c.caseNumber} dialihkan ke ${NAMES.cw2}.`).waitFor();
      expect(await isFocused(spv.getByRole('heading', { name: 'Eskalasi' }))).toBe(true);

      const { rows } = await sut.db.query(`SELECT status, resolution, resolved_by FROM escalations WHERE id = $1`, [
        escalationId,
      ]);
      expect(rows[0]).toEqual({ status: 'RESOLVED', resolution: 'REASSIGN', resolved_by: DEMO_USERS.spvPalu.id });
      expect((await openTask(c.id)).assignee_id).toBe(cw2Id);
      const kase = await sut.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c.id]);
      expect(kase.rows[0].assignee_id).toBe(cw2Id);

      const cw2 = await newPage(browser);
      try {
        await signIn(cw2, sut.baseUrl, 'cw2.palu');
        const row = cw2.getByRole('row').filter({ hasText: c.caseNumber });
        await row.waitFor();
        expect(await row.innerText()).toContain('Saya');
      } finally {
        await cw2.context().close();
      }
    });

    it('should refuse a past deadline on its field, then extend to a date-time typed in the office’s time', async () => {
      const c = cases.extend;
      const escalationId = await openEscalation(c);
      const before = await openTask(c.id);
      const { dialog } = await openDialog(c, 'Perpanjang tenggat', /^Perpanjang tenggat kasus/);
      const field = dialog.getByLabel('Tenggat baru (WITA)');
      await tabTo(spv, field);
      const past = officeMorning(-1);
      for (const key of past.keys) await (key === 'Tab' ? spv.keyboard.press('Tab') : spv.keyboard.type(key));
      await tabTo(spv, dialog.getByRole('textbox', { name: 'Alasan' }));
      await spv.keyboard.type('Menunggu hasil pemeriksaan RS Bhayangkara sebelum skrining dilanjutkan.');
      await tabTo(spv, dialog.getByRole('button', { name: 'Perpanjang' }));
      await spv.keyboard.press('Enter');
      // the API's 422, on the field, in words; nothing changed
      await dialog.getByText('Tenggat baru harus setelah waktu sekarang.').waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(spv)).toEqual([]);
      const still = await sut.db.query(`SELECT status FROM escalations WHERE id = $1`, [escalationId]);
      expect(still.rows[0].status).toBe('OPEN');

      const next = officeMorning(1);
      await tabTo(spv, field);
      for (const key of next.keys) await (key === 'Tab' ? spv.keyboard.press('Tab') : spv.keyboard.type(key));
      await tabTo(spv, dialog.getByRole('button', { name: 'Perpanjang' }));
      await spv.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await spv.getByRole('status').getByText(`Tenggat kasus ${c.caseNumber} diperpanjang sampai`).waitFor();

      const { rows } = await sut.db.query(`SELECT status, resolution FROM escalations WHERE id = $1`, [escalationId]);
      expect(rows[0]).toEqual({ status: 'RESOLVED', resolution: 'EXTEND' });
      const kase = await sut.db.query(`SELECT due_at FROM cases WHERE id = $1`, [c.id]);
      expect(kase.rows[0].due_at.toISOString()).toBe(next.iso);
      const after = await openTask(c.id);
      expect(after.due_at!.toISOString()).toBe(next.iso);
      expect(after.due_at!.getTime()).toBeGreaterThan(before.due_at!.getTime());
    });

    it('should let the supervisor take the case over: the task becomes theirs, in their own work', async () => {
      const c = cases.takeOver;
      const escalationId = await openEscalation(c);
      const { dialog } = await openDialog(c, 'Ambil alih', /^Ambil alih kasus/);
      await tabTo(spv, dialog.getByRole('textbox', { name: 'Alasan' }));
      await spv.keyboard.type('Korban anak di bawah umur; saya tangani langsung.');
      expect(await seriousViolations(spv)).toEqual([]);
      await tabTo(spv, dialog.getByRole('button', { name: 'Ambil alih' }));
      await spv.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await spv.getByRole('status').getByText(`Kasus ${c.caseNumber} sekarang Anda tangani.`).waitFor();

      const { rows } = await sut.db.query(`SELECT resolution, resolved_by FROM escalations WHERE id = $1`, [
        escalationId,
      ]);
      expect(rows[0]).toEqual({ resolution: 'TAKE_OVER', resolved_by: DEMO_USERS.spvPalu.id });
      expect((await openTask(c.id)).assignee_id).toBe(DEMO_USERS.spvPalu.id);
      await spv.getByRole('link', { name: 'Pekerjaan saya' }).click();
      const row = spv.getByRole('row').filter({ hasText: c.caseNumber });
      await row.waitFor();
      expect(await row.innerText()).toContain('Saya');
      await spv.getByRole('link', { name: 'Eskalasi' }).click();
      await spv.getByRole('heading', { name: 'Eskalasi' }).waitFor();
    });

    it('should acknowledge with a reason, leaving the assignee and the deadline as they were', async () => {
      const c = cases.acknowledge;
      const escalationId = await openEscalation(c);
      const before = await openTask(c.id);
      const { dialog } = await openDialog(c, 'Tandai sudah diketahui', /^Tandai eskalasi kasus/);
      // no reason: said on the field, nothing sent
      await tabTo(spv, dialog.getByRole('button', { name: 'Tandai diketahui' }));
      await spv.keyboard.press('Enter');
      await dialog.getByText('Tulis alasannya.').waitFor();
      await tabTo(spv, dialog.getByRole('textbox', { name: 'Alasan' }));
      await spv.keyboard.type('Skrining sedang berjalan; PMI masih diperiksa dokter pelabuhan.');
      await tabTo(spv, dialog.getByRole('button', { name: 'Tandai diketahui' }));
      await spv.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await spv.getByRole('status').getByText(`Eskalasi kasus ${c.caseNumber} ditandai sudah diketahui.`).waitFor();

      const { rows } = await sut.db.query(`SELECT resolution FROM escalations WHERE id = $1`, [escalationId]);
      expect(rows[0].resolution).toBe('ACKNOWLEDGE');
      expect(await openTask(c.id)).toEqual(before);
    });

    it('should say in words that someone else resolved it first (409), and refresh the queue', async () => {
      const c = cases.taken;
      const escalationId = await openEscalation(c);
      const { dialog } = await openDialog(c, 'Tandai sudah diketahui', /^Tandai eskalasi kasus/);
      await dialog.getByRole('textbox', { name: 'Alasan' }).fill('Sudah dibahas di rapat pagi.');
      const head = await sut.http(
        'POST',
        `/api/v1/escalations/${escalationId}/resolve`,
        { resolution: 'TAKE_OVER', reason: 'Saya tangani sendiri.' },
        sut.as(await sut.login('head.palu')),
      );
      expect(head.status).toBe(200);
      await dialog.getByRole('button', { name: 'Tandai diketahui' }).click();
      await dialog
        .getByRole('alert')
        .getByText('Eskalasi ini sudah ditindaklanjuti orang lain. Daftar eskalasi sudah diperbarui.')
        .waitFor();
      expect(await dialog.getByRole('button', { name: 'Tandai diketahui' }).isDisabled()).toBe(true);
      await spv.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await rowOf(c).waitFor({ state: 'detached' });
      const { rows } = await sut.db.query(`SELECT resolution, resolved_by FROM escalations WHERE id = $1`, [
        escalationId,
      ]);
      expect(rows[0]).toEqual({ resolution: 'TAKE_OVER', resolved_by: DEMO_USERS.headPalu.id });
    });
  });

  describe('the inbox of a supervisor', () => {
    it('should show the office’s work by caseworker, with overdue and due-today counts, and what is unassigned', async () => {
      await spv.getByRole('link', { name: 'Pekerjaan saya' }).click();
      await spv.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }).waitFor();
      await spv.getByRole('tab', { name: 'Pekerjaan kantor' }).click();
      const summary = spv.getByRole('table').filter({ has: spv.getByRole('columnheader', { name: 'Tugas terbuka' }) });
      const row = summary.getByRole('row').filter({ hasText: NAMES.cw2 });
      await row.waitFor();
      const { rows } = await sut.db.query(
        `SELECT count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
           FROM tasks WHERE status = 'OPEN' AND assignee_id = $1`,
        [cw2Id],
      );
      const cells = await row.getByRole('cell').allInnerTexts();
      expect(cells.slice(0, 2).map(Number)).toEqual([rows[0].open, rows[0].overdue]);
      expect(rows[0].open).toBeGreaterThanOrEqual(1);
      // the supervisor's own share (the case taken over), what nobody holds, and each person's section
      await summary.getByRole('row').filter({ hasText: NAMES.spv }).waitFor();
      const unassigned = await sut.db.query(
        `SELECT count(*)::int AS n FROM tasks WHERE status = 'OPEN' AND office_id = $1 AND assignee_id IS NULL`,
        [DEMO_OFFICES.sulteng.id],
      );
      const nobody = await summary.getByRole('row').filter({ hasText: 'Belum ada petugas' }).getByRole('cell').first();
      expect(Number(await nobody.innerText())).toBe(unassigned.rows[0].n);
      const section = spv.getByRole('region', { name: NAMES.cw2, exact: true });
      await section.getByRole('row').filter({ hasText: cases.reassign.caseNumber }).waitFor();
      expect(await spv.getByRole('row').filter({ hasText: makassarCase.caseNumber }).count()).toBe(0);
      expect(await seriousViolations(spv)).toEqual([]);
      await screenshot(spv, 'office-work');
    });

    it('should keep the step filter, per user, after going elsewhere and after a reload', async () => {
      await spv.getByRole('tab', { name: 'Pekerjaan saya' }).click();
      const filter = spv.getByLabel('Tahap', { exact: true }).and(spv.locator('input'));
      await filter.click();
      await spv.getByRole('option', { name: 'Identifikasi dan laporan TPPO' }).click();
      const kept = async () => {
        await spv.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }).waitFor();
        expect(await filter.inputValue()).toBe('Identifikasi dan laporan TPPO');
        const row = spv.getByRole('row').filter({ hasText: cases.takeOver.caseNumber });
        await row.waitFor();
      };
      await kept();
      await spv.getByRole('link', { name: 'Kasus', exact: true }).click();
      await spv.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
      await spv.getByRole('link', { name: 'Pekerjaan saya' }).click();
      await kept();
      await spv.reload();
      await kept();
      const keys = await spv.evaluate(() =>
        Object.keys((globalThis as unknown as { localStorage: object }).localStorage),
      );
      expect(keys).toContain(`rujukan.inbox.step.${DEMO_USERS.spvPalu.id}`);
    });

    it('should fit a phone: the office’s work no wider than 390 px, its wide tables scrolled from the keyboard', async () => {
      await spv.setViewportSize({ width: 390, height: 844 });
      try {
        await spv.getByRole('tab', { name: 'Pekerjaan kantor' }).click();
        await spv.getByRole('heading', { name: 'Ringkasan per petugas' }).waitFor();
        expect(await spv.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
        expect(await seriousViolations(spv)).toEqual([]);
        if (process.env.RUJUKAN_REVIEW_SHOTS) {
          await spv.screenshot({ path: `${process.env.RUJUKAN_REVIEW_SHOTS}/office-work-phone.png`, fullPage: true });
        }
      } finally {
        await spv.setViewportSize({ width: 1280, height: 800 });
      }
    });
  });
});
