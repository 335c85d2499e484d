// Issue 19, the administration in a real browser (Debian's Chromium through playwright-core) on the real stack: the
// administrator creates a caseworker from the keyboard alone and that caseworker signs in with the password shown
// once; an agency's secret is rotated and shown once with a copy button, and after a reload it is in neither the
// page nor any API answer the page received; a holiday file's changes are shown before anything is saved; a staff
// message that failed (the office's gateway points at a closed port) is listed and sent again, with its outcome.
// Other roles never see the menu and are refused the pages. Axe-core clean on every administration screen.
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../../scripts/infra/processes';
import { DEMO_AGENCIES, DEMO_USERS } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { DEMO_PASSWORD, newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const fixture2027 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/holidays-id-2027.json'), 'utf8')) as {
  days: { date: string; name: string; kind: string }[];
};

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

// Presses Tab until the element has the focus, as a keyboard user moves through the page.
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

// Moves a focused <select> with the arrow keys until the wanted option is chosen.
async function arrowTo(page: Page, select: Locator, label: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const chosen = await select.evaluate((el) => {
      // the test's compiler has no DOM types: the select as far as it is read here
      const s = el as unknown as { options: { text: string }[]; selectedIndex: number };
      return s.options[s.selectedIndex]?.text ?? '';
    });
    if (chosen === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${label}`);
}

async function signInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Nama pengguna').fill('admin');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  // an administrator's home is the users' list
  await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
}

// Waits for a probe to answer something.
async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });

describe('the administration screens, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;

  beforeAll(async () => {
    sut = await startE2eStack({
      // an hour in 1.8 s: a new case's reminders come within seconds
      SLA_TIME_SCALE: '0.0005',
      MESSAGE_FIRST_RETRY_SECONDS: '0.2',
      MESSAGE_MAX_RETRY_INTERVAL_SECONDS: '0.5',
      MESSAGE_RETRY_BUDGET_SECONDS: '3',
      WEBHOOK_RETRY_BUDGET_SECONDS: '3',
      WEBHOOK_FIRST_RETRY_SECONDS: '0.2',
      WEBHOOK_MAX_RETRY_INTERVAL_SECONDS: '0.5',
      WEBHOOK_TIMEOUT_MS: '1000',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should let the administrator create a caseworker from the keyboard, who then signs in with the password shown once', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    // the administration's menu, and none of the case work
    await menu(page).getByRole('link', { name: 'Lembaga mitra' }).waitFor();
    expect(await menu(page).getByRole('link', { name: 'Pekerjaan saya' }).count()).toBe(0);
    await page
      .getByRole('rowheader', { name: /Petugas Kasus BP3MI Sulawesi Tengah/ })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // filters: caseworkers of Palu only
    await page.getByLabel('Peran').selectOption({ label: 'petugas kasus' });
    await page.getByLabel('Kantor').selectOption({ label: 'BP3MI Sulawesi Tengah' });
    await page.getByText(/^\d+ pengguna$/).waitFor();
    await expect(page.getByRole('rowheader', { name: /Supervisor BP3MI/ }).count()).resolves.toBe(0);
    await page.getByLabel('Cari').fill('cw2.palu');
    await page.getByText('1 pengguna', { exact: true }).waitFor();

    // the new account, from the keyboard alone: Tab to the button, Enter, type, Tab, arrows, Enter
    const add = page.getByRole('button', { name: 'Tambah pengguna' });
    await page.locator('body').focus();
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Pengguna baru' });
    await dialog.waitFor();
    await expect(isFocused(dialog.getByLabel('Nama lengkap'))).resolves.toBe(true);
    await page.keyboard.type('Andi Mappanyukki');
    await tabTo(page, dialog.getByLabel('Nama pengguna'));
    await page.keyboard.type('andi.palu');
    await tabTo(page, dialog.getByLabel('E-mail'));
    await page.keyboard.type('andi@bp3mi-sulteng.example');
    await tabTo(page, dialog.getByLabel('Nomor HP (WhatsApp/SMS)'));
    await page.keyboard.type('0812-3456-7001');
    await tabTo(page, dialog.getByLabel('Peran'));
    await arrowTo(page, dialog.getByLabel('Peran'), 'petugas kasus');
    const office = dialog.getByLabel('Kantor');
    await tabTo(page, office);
    await arrowTo(page, office, 'BP3MI Sulawesi Tengah');
    expect(await seriousViolations(page)).toEqual([]);
    // no password typed: the API makes one, shown once
    await tabTo(page, dialog.getByRole('button', { name: 'Buat pengguna' }));
    await page.keyboard.press('Enter');
    const shown = page.getByRole('region', { name: 'Kata sandi awal untuk Andi Mappanyukki' });
    await shown.waitFor();
    await shown.getByRole('button', { name: 'Salin' }).waitFor();
    const password = (await shown.getByTestId('one-time-secret').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByLabel('Cari').fill('andi');
    await page.getByRole('rowheader', { name: /Andi Mappanyukki/ }).waitFor();
    await screenshot(page, 'admin-users');
    const { rows } = await sut.db.query(
      `SELECT u.id, u.role, o.name AS office, u.email, u.phone FROM users u JOIN offices o ON o.id = u.office_id
        WHERE username = 'andi.palu'`,
    );
    expect(rows).toEqual([
      {
        id: expect.any(String),
        role: 'CASEWORKER',
        office: 'BP3MI Sulawesi Tengah',
        email: 'andi@bp3mi-sulteng.example',
        phone: '+6281234567001',
      },
    ]);
    await page.getByText('+6281234567001').waitFor();
    // the phone over the API: a number that is not a mobile one is refused on its field, "" removes it
    const admin = sut.as(await sut.login('admin'));
    const refused = await sut.http('PATCH', `/api/v1/users/${rows[0].id}`, { phone: '12345' }, admin);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('phone');
    const cleared = await sut.http('PATCH', `/api/v1/users/${rows[0].id}`, { phone: '' }, admin);
    expect(cleared.body.phone).toBeNull();

    // the caseworker, in a browser of their own, signs in with it and reaches their work
    const theirs = await newPage(browser);
    await signIn(theirs, sut.baseUrl, 'andi.palu', password);
    expect(await menu(theirs).getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
    await theirs.context().close();

    // a password reset: confirmed, then the new one shown once; the old one is refused
    await page.getByRole('button', { name: 'Atur ulang kata sandi Andi Mappanyukki' }).click();
    await page.getByRole('dialog', { name: 'Atur ulang kata sandi Andi Mappanyukki?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    const reset = page.getByRole('region', { name: 'Kata sandi baru untuk Andi Mappanyukki' });
    await reset.waitFor();
    const newPassword = (await reset.getByTestId('one-time-secret').innerText()).trim();
    expect(newPassword).not.toBe(password);
    expect(
      (await sut.http('POST', '/api/v1/auth/login', { username: 'andi.palu', password }, sut.as(null))).status,
    ).toBe(401);
    expect(
      (await sut.http('POST', '/api/v1/auth/login', { username: 'andi.palu', password: newPassword }, sut.as(null)))
        .status,
    ).toBe(200);
    await page.context().close();
  }, 120_000);

  it('should show a rotated agency secret once, with a copy button, and nowhere after a reload', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    await menu(page).getByRole('link', { name: 'Lembaga mitra' }).click();
    await page.getByRole('heading', { name: 'Lembaga mitra', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: /UPTD PPA Sulawesi Tengah/ }).waitFor();
    // the allow-list in words
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /UPTD PPA Sulawesi Tengah/ }) });
    await expect(row.innerText()).resolves.toContain('Umur, Jenis kelamin, Bahasa, Tingkat risiko');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ganti kunci rahasia UPTD PPA Sulawesi Tengah' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ganti kunci rahasia UPTD PPA Sulawesi Tengah' });
    await confirm.getByRole('button', { name: 'Ganti kunci rahasia' }).click();
    const shown = page.getByRole('region', { name: 'Kunci rahasia webhook UPTD PPA Sulawesi Tengah' });
    await shown.waitFor();
    await shown.getByRole('button', { name: 'Salin' }).waitFor();
    const secret = (await shown.getByTestId('one-time-secret').innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    await row.getByText('Kunci rahasia sudah diatur', { exact: false }).waitFor();
    // the question's dialog gone, and its overlay no longer fading out above the page: axe reads the contrast of
    // what lies under a half-transparent overlay as a failure. A real contrast failure stays and fails here.
    await confirm.waitFor({ state: 'detached' });
    let violations = await seriousViolations(page);
    for (let i = 0; i < 10 && violations.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 300));
      violations = await seriousViolations(page);
    }
    expect(violations).toEqual([]);
    await screenshot(page, 'admin-agency-secret');

    // every API answer after the reload, read whole
    const bodies: Promise<string>[] = [];
    page.on('response', (r: Response) => {
      if (r.url().includes('/api/')) bodies.push(r.text().catch(() => ''));
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Lembaga mitra', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: /UPTD PPA Sulawesi Tengah/ }).waitFor();
    await page.getByText('Kunci rahasia sudah diatur', { exact: false }).first().waitFor();
    const answers = await Promise.all(bodies);
    expect(answers.some((b) => b.includes('UPTD PPA Sulawesi Tengah'))).toBe(true);
    expect(answers.filter((b) => b.includes(secret))).toEqual([]);
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByRole('region', { name: /Kunci rahasia webhook/ }).count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('should show what a holiday file changes before it is saved, and save it only when confirmed', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    await menu(page).getByRole('link', { name: 'Kalender hari libur' }).click();
    await page.getByRole('heading', { name: 'Kalender hari libur', level: 1 }).waitFor();
    await page.getByLabel('Tahun').selectOption('2027');
    await page.getByText('Belum ada kalender untuk 2027', { exact: false }).waitFor();
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({
      name: 'skb-2027.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(fixture2027.days)),
    });
    const preview = page.getByRole('region', { name: 'Perubahan kalender 2027 (belum disimpan)' });
    await preview.waitFor();
    await preview.getByText(`${fixture2027.days.length} ditambah, 0 dihapus, 0 diubah, 0 tetap.`).waitFor();
    await preview.getByText('Jumat, 1 Januari 2027: Tahun Baru 2027 Masehi (Libur nasional)').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // nothing saved yet
    expect((await sut.http('GET', '/api/v1/holidays?year=2027')).body.loaded).toBe(false);
    await preview.getByRole('button', { name: 'Simpan kalender 2027' }).click();
    await page.getByText('Kalender 2027 tersimpan.').waitFor();
    await page.getByRole('cell', { name: 'Tahun Baru 2027 Masehi' }).waitFor();
    const saved = await sut.http('GET', '/api/v1/holidays?year=2027');
    expect(saved.body.days).toHaveLength(fixture2027.days.length);

    // a corrected file as CSV: one day moved, one renamed; shown, then cancelled: nothing changes
    const [first, second, ...rest] = fixture2027.days;
    const csv = [
      'date,name,kind',
      `${first!.date},"Tahun Baru Masehi, 2027",HOLIDAY`,
      `2027-01-06,${second!.name},${second!.kind}`,
      ...rest.map((d) => `${d.date},${d.name},${d.kind}`),
    ].join('\n');
    await file.setInputFiles({ name: 'skb-2027-revisi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await preview.getByText(`1 ditambah, 1 dihapus, 1 diubah, ${rest.length} tetap.`).waitFor();
    await preview.getByText('Rabu, 6 Januari 2027', { exact: false }).waitFor();
    await preview.getByText('→ Tahun Baru Masehi, 2027 (Libur nasional)', { exact: false }).waitFor();
    await preview.getByRole('button', { name: 'Batal' }).click();
    await preview.waitFor({ state: 'detached' });
    const after = await sut.http('GET', '/api/v1/holidays?year=2027');
    expect(after.body.days).toEqual(saved.body.days);

    // a file at fault: the row is named, nothing is saved
    await file.setInputFiles({
      name: 'salah.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify([{ date: '2027-02-29', name: 'Tidak ada' }])),
    });
    await page.getByRole('alert').filter({ hasText: 'Berkas hari libur belum benar' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'rows[0].date' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('should show the SLA policy in force in words and the offices with their zones, read by an administrator', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    await menu(page).getByRole('link', { name: 'Kebijakan SLA' }).click();
    await page.getByRole('heading', { name: 'Kebijakan SLA', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Tenggat versi .* · Nasional/ }).waitFor();
    const registrationRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Registrasi/ }) });
    await expect(registrationRow.first().innerText()).resolves.toMatch(/1 jam\s+4 jam\s+24 jam/);
    expect(await seriousViolations(page)).toEqual([]);

    await menu(page).getByRole('link', { name: 'Kantor BP3MI' }).click();
    await page.getByRole('heading', { name: 'Kantor BP3MI', level: 1 }).waitFor();
    const palu = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /BP3MI Sulawesi Tengah/ }) });
    await expect(palu.innerText()).resolves.toContain('WITA (Waktu Indonesia Tengah, UTC+8)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('should list a staff message that failed and show how its resend went', async () => {
    const closed = await freePort(); // nothing listens there
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    // the office's gateway, set in the browser, at a closed port; its secret shown once
    await menu(page).getByRole('link', { name: 'Kantor BP3MI' }).click();
    const palu = page.getByRole('row', { name: /BP3MI Sulawesi Tengah/ });
    await palu.getByText('Belum diatur: pesan hanya lewat e-mail dan aplikasi').waitFor();
    await page.getByRole('button', { name: 'Atur gateway pesan BP3MI Sulawesi Tengah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gateway WhatsApp/SMS BP3MI Sulawesi Tengah' });
    await dialog.getByLabel('Alamat gateway').fill(`http://127.0.0.1:${closed}/gateway`);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Simpan dan buat kunci rahasia' }).click();
    const secret = page.getByRole('region', { name: 'Kunci rahasia gateway BP3MI Sulawesi Tengah' });
    await secret.getByRole('button', { name: 'Salin' }).waitFor();
    // the row says where the messages go now (never the secret)
    await palu.getByText(`http://127.0.0.1:${closed}/gateway`).waitFor();

    // the caseworker has a phone; a new HIGH case's reminders go to the gateway and fail past the 3 s budget
    await sut.db.query(`UPDATE users SET phone = '+6281234567890' WHERE username = 'cw.palu'`);
    const created = await sut.http('POST', '/api/v1/cases', registration('Wa Ode Sitti', '7271014101900002'));
    expect(created.status).toBe(201);
    const end = Date.now() + 60_000;
    let failedId: string | undefined;
    while (!failedId && Date.now() < end) {
      const { rows } = await sut.db.query(
        `SELECT id FROM staff_messages WHERE case_id = $1 AND channel = 'GATEWAY' AND status = 'FAILED' AND user_id = $2
         ORDER BY created_at LIMIT 1`,
        [created.body.id, DEMO_USERS.cwPalu!.id],
      );
      failedId = rows[0]?.id as string | undefined;
      if (!failedId) await new Promise((r) => setTimeout(r, 300));
    }
    expect(failedId).toBeDefined();

    await menu(page).getByRole('link', { name: 'Pengiriman gagal' }).click();
    await page.getByRole('heading', { name: 'Pengiriman gagal', level: 1 }).waitFor();
    const messages = page.getByRole('region', { name: 'Pesan ke petugas (e-mail, WhatsApp/SMS)' });
    const row = messages
      .getByRole('row')
      .filter({ hasText: `Kasus ${created.body.caseNumber}` })
      .filter({ hasText: 'WhatsApp/SMS' })
      .first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Petugas Kasus BP3MI Sulawesi Tengah[\s\S]*kali dicoba, gagal/);
    expect(await seriousViolations(page)).toEqual([]);
    const before = Number(
      (await sut.db.query(`SELECT count(*)::int AS n FROM staff_messages WHERE status = 'FAILED'`)).rows[0].n,
    );
    expect(before).toBeGreaterThan(0);

    // sent again from the keyboard: on its way, then (the port still closed) failed again, said in words
    const resend = row.getByRole('button', { name: 'Kirim ulang pesan untuk Petugas Kasus BP3MI Sulawesi Tengah' });
    await resend.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Dikirim ulang (putaran 1)', { exact: false }).first().waitFor();
    await page
      .getByText(/^Gagal lagi: /)
      .first()
      .waitFor({ timeout: 30_000 });
    const resent = (
      await sut.db.query(`SELECT status, resends FROM staff_messages WHERE resends > 0 ORDER BY created_at`)
    ).rows;
    expect(resent).toEqual([expect.objectContaining({ status: 'FAILED', resends: 1 })]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('should replay a partner notification that failed, once its receiver is back, and show it delivered', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const port = receiver.port();
    await receiver.stop();
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signInAsAdmin(page, sut.baseUrl);
    // the hospital's webhook, set in the agency's form, at the receiver (down for now)
    await menu(page).getByRole('link', { name: 'Lembaga mitra' }).click();
    await page.getByRole('button', { name: 'Ubah RS Bhayangkara Palu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah RS Bhayangkara Palu' });
    await dialog.getByLabel('Alamat webhook').fill(receiver.url);
    await expect(dialog.getByRole('checkbox', { name: 'Umur' }).isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /RS Bhayangkara Palu/ }) });
    await row.getByText(receiver.url).waitFor();

    // a case referred to the hospital: referral.sent fails past its 3 s budget
    const ok = async (r: Promise<HttpResult>) => {
      const res = await r;
      if (res.status >= 300) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const created = await ok(
      sut.http('POST', '/api/v1/cases', registration('Nur Aisyah Lamato', '7271014101900003', 'DEPORTEE')),
    );
    const act = (type: string, payload: object = {}) =>
      ok(sut.http('POST', `/api/v1/cases/${created.id}/actions`, { type, payload }));
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: { elderly: true } });
    const rs = DEMO_AGENCIES.rsBhayangkara.id;
    const consented = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: rs,
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
    });
    const consentId = consented.consents.find((c: { recipientAgencyId: string }) => c.recipientAgencyId === rs).id;
    await act('send-referral', { agencyId: rs, services: ['MEDICAL'], legalBasis: 'CONSENT', consentId });
    const admin = sut.as(await sut.login('admin'));
    await eventually(
      'the delivery to fail',
      async () =>
        (await ok(sut.http('GET', `/api/v1/notifications?caseId=${created.id}&status=FAILED`, undefined, admin)))
          .items[0],
    );
    await receiver.start(port);

    await menu(page).getByRole('link', { name: 'Pengiriman gagal' }).click();
    const webhooks = page.getByRole('region', { name: 'Pemberitahuan ke lembaga mitra (webhook)' });
    const failed = webhooks.getByRole('row').filter({ hasText: created.caseNumber }).first();
    await failed.waitFor();
    await expect(failed.innerText()).resolves.toMatch(
      /Rujukan dikirim[\s\S]*RS Bhayangkara Palu[\s\S]*kali dicoba, gagal/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await failed.getByRole('button', { name: `Kirim ulang pemberitahuan kasus ${created.caseNumber}` }).click();
    await failed.getByText(/^Terkirim ulang .* WITA\.$/).waitFor({ timeout: 30_000 });
    expect(receiver.delivered('referral.sent')).toHaveLength(1);
    await screenshot(page, 'admin-failed');
    expect(await seriousViolations(page)).toEqual([]);
    await receiver.stop();
    await page.context().close();
  }, 120_000);

  it('should keep each administration screen to a phone’s width, its tables scrolling in their own box', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await signInAsAdmin(page, sut.baseUrl);
    // the menu from the burger
    await page.getByRole('button', { name: 'Menu utama' }).click();
    await menu(page).getByRole('link', { name: 'Lembaga mitra' }).click();
    await page.getByRole('heading', { name: 'Lembaga mitra', level: 1 }).waitFor();
    for (const [path, heading] of [
      ['users', 'Pengguna'],
      ['offices', 'Kantor BP3MI'],
      ['agencies', 'Lembaga mitra'],
      ['holidays', 'Kalender hari libur'],
      ['sla', 'Kebijakan SLA'],
      ['failed', 'Pengiriman gagal'],
    ]) {
      await page.goto(`${sut.baseUrl}/admin/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      // drawn: its table, or (the holidays, the failed deliveries: nothing there when this test runs alone) the
      // heading of the section that would hold it
      const drawn = { holidays: /^Hari libur \d+/, failed: /^Pesan ke petugas/ }[path];
      await (drawn ? page.getByRole('heading', { name: drawn }) : page.getByRole('table').first()).waitFor();
      await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      if (path === 'users') await screenshot(page, 'admin-users-phone');
      if (path === 'sla') await screenshot(page, 'admin-sla-phone');
    }
    await page.context().close();
  }, 90_000);

  it('should keep the administration from other roles: no menu, the page refuses plainly, the API 403', async () => {
    const page = await newPage(browser);
    await signIn(page, sut.baseUrl, 'spv.palu');
    expect(await menu(page).getByRole('button', { name: 'Administrasi' }).count()).toBe(0);
    expect(await menu(page).getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
    await page.goto(`${sut.baseUrl}/admin/users`);
    await page.getByRole('alert').filter({ hasText: 'Halaman administrasi hanya untuk admin.' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await sut.http('GET', '/api/v1/users')).status).toBe(403);
    await page.context().close();
  }, 60_000);
});
