// The bell, the list of one's notifications and their settings, in a real browser (Debian's Chromium through
// playwright-core) on the real stack, with deadlines 2,000 times faster (SLA_TIME_SCALE: an hour in 1.8 s) so that
// reminders fire while the page is open: the bell's count appears and grows without a reload (it polls every 30 s),
// the list says each one in words, opening one goes to its case and the count drops, "mark all read" empties it;
// the settings page saves the language, the phone and the channels, refuses a malformed phone on its field, and
// shows a supervisor's locked rows disabled with why. Axe-core clean, keyboard alone, at 1366 and 390 px.
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

// Presses Tab until the element has the focus, as a keyboard user moves through the page.
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const bell = (page: Page) => page.getByRole('link', { name: /^Pemberitahuan/ });

describe('the bell, my notifications and my notification settings, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.0005' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  const unread = async (userId: string): Promise<number> =>
    (await sut.db.query(`SELECT count(*)::int AS n FROM alerts WHERE user_id = $1 AND read_at IS NULL`, [userId]))
      .rows[0].n;

  it('should show the count on the bell without a reload, list each in words, open the case and mark it read', async () => {
    const page = await newPage(browser, { width: 1366, height: 800 });
    await signIn(page, sut.baseUrl, 'cw.palu');
    await expect(bell(page).getAttribute('aria-label')).resolves.toBe('Pemberitahuan');

    // a trafficking victim is HIGH until screened: the registration is due in 1 h (1.8 s here), so the 50 % and
    // 80 % reminders reach cw.palu, the assignee, within two seconds; the open page polls every 30 s
    const res = await sut.http('POST', '/api/v1/cases', registration('Wa Ode Hasnia', '7271014101900001'));
    expect(res.status).toBe(201);
    const { id: caseId, caseNumber } = res.body as { id: string; caseNumber: string };
    const startedAt = Date.now();
    await page.getByRole('link', { name: /^Pemberitahuan, \d+ belum dibaca$/ }).waitFor({ timeout: 40_000 });
    const shownAfter = Date.now() - startedAt;
    const count = await unread(DEMO_USERS.cwPalu!.id);
    expect(count).toBeGreaterThanOrEqual(2);
    await bell(page)
      .and(page.getByRole('link', { name: `Pemberitahuan, ${count} belum dibaca` }))
      .waitFor();
    console.log(`the bell showed the reminders ${shownAfter} ms after the registration (polling every 30 s)`);

    // the list, from the keyboard: Tab from the top of the page to the bell, Enter
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).click();
    await page.keyboard.press('Home');
    await page.locator('body').focus();
    await tabTo(page, bell(page));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pemberitahuan' }).waitFor();
    const reminder80 = page.getByRole('link', {
      name: `Pengingat 80 %: Registrasi kedatangan, kasus ${caseNumber}`,
    });
    const reminder50 = page.getByRole('link', {
      name: `Pengingat 50 %: Registrasi kedatangan, kasus ${caseNumber}`,
    });
    await reminder80.waitFor();
    await reminder50.waitFor();
    // unread, said in words, with the time in the office's zone (Palu: WITA)
    const row80 = page.getByRole('listitem').filter({ has: reminder80 });
    await expect(row80.innerText()).resolves.toMatch(/Belum dibaca · (baru saja|\d+ menit yang lalu) · .* WITA/);
    await page.getByText(`${count} belum dibaca`, { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-bell');

    // opening one from the keyboard goes to its case and marks it read; the bell follows
    await tabTo(page, reminder80);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${caseId}`);
    await page
      .getByRole('heading', { name: new RegExp(caseNumber) })
      .first()
      .waitFor();
    await page.getByRole('link', { name: `Pemberitahuan, ${count - 1} belum dibaca` }).waitFor();
    expect(await unread(DEMO_USERS.cwPalu!.id)).toBe(count - 1);

    // back in the list: that one is read and below the unread ones; mark all read empties the count
    await bell(page).click();
    const read80 = page.getByRole('listitem').filter({ has: reminder80 });
    await expect(read80.innerText()).resolves.toMatch(/Sudah dibaca/);
    await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
    await page.getByRole('status').filter({ hasText: 'Semua pemberitahuan sudah ditandai dibaca.' }).waitFor();
    await page.getByRole('link', { name: 'Pemberitahuan', exact: true }).waitFor();
    expect(await unread(DEMO_USERS.cwPalu!.id)).toBe(0);
    expect(await page.getByText('Belum dibaca', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('should save the language, the phone and the channels, and refuse a malformed phone on its field', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signIn(page, sut.baseUrl, 'cw2.palu');
    await bell(page).click();
    await page.getByRole('link', { name: 'Pengaturan pemberitahuan' }).click();
    await page.getByRole('heading', { name: 'Pengaturan pemberitahuan' }).waitFor();
    await page.getByText('cw2.palu@rujukan.test').waitFor();
    // nothing is locked for a caseworker
    expect(await page.getByRole('checkbox', { disabled: true }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(22);

    const phone = page.getByLabel('Nomor HP untuk WhatsApp/SMS');
    await phone.fill('0812-34');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByText('Nomor HP tidak dikenali', { exact: false }).waitFor();
    await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
    const { rows: before } = await sut.db.query(`SELECT language, phone FROM users WHERE username = 'cw2.palu'`);
    expect(before).toEqual([{ language: 'id', phone: null }]);

    // from the keyboard: the phone, the language, a switch off with Space, and save with Enter
    await phone.fill('0812-3456-7890');
    const english = page.getByRole('radio', { name: 'English' });
    await tabTo(page, page.getByRole('radio', { name: 'Bahasa Indonesia' }));
    await page.keyboard.press('ArrowRight');
    await expect(english.isChecked()).resolves.toBe(true);
    const reminderMail = page.getByRole('checkbox', { name: 'E-mail: Pengingat 50 %' });
    await tabTo(page, reminderMail);
    await page.keyboard.press('Space');
    await expect(reminderMail.isChecked()).resolves.toBe(false);
    const digestGateway = page.getByRole('checkbox', { name: 'WhatsApp/SMS: Ringkasan harian pukul 07.00' });
    await digestGateway.uncheck();
    const save = page.getByRole('button', { name: 'Simpan pengaturan' });
    await tabTo(page, save, 60);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Pengaturan pemberitahuan tersimpan.' }).waitFor();
    await expect(phone.inputValue()).resolves.toBe('+6281234567890');
    expect(await seriousViolations(page)).toEqual([]);

    const { rows: user } = await sut.db.query(`SELECT language, phone FROM users WHERE username = 'cw2.palu'`);
    expect(user).toEqual([{ language: 'en', phone: '+6281234567890' }]);
    const { rows: off } = await sut.db.query(
      `SELECT kind, channel FROM notification_preferences WHERE user_id = $1 AND NOT enabled ORDER BY kind`,
      [DEMO_USERS.cw2Palu!.id],
    );
    expect(off).toEqual([
      { kind: 'DIGEST', channel: 'GATEWAY' },
      { kind: 'REMINDER_50', channel: 'EMAIL' },
    ]);
    // a reload shows what was saved
    await page.reload();
    await page.getByRole('heading', { name: 'Pengaturan pemberitahuan' }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'E-mail: Pengingat 50 %' }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(true);
    await page.context().close();
  }, 60_000);

  it('should show a supervisor’s escalation e-mail checked, disabled and explained', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await signIn(page, sut.baseUrl, 'spv.palu');
    await page.goto(`${sut.baseUrl}/settings/notifications`);
    await page.getByRole('heading', { name: 'Pengaturan pemberitahuan' }).waitFor();
    for (const kind of ['Tenggat terlewati', 'Eskalasi tingkat 1', 'Eskalasi tingkat 2']) {
      const mail = page.getByRole('checkbox', { name: `E-mail: ${kind}` });
      await expect(mail.isChecked()).resolves.toBe(true);
      await expect(mail.isDisabled()).resolves.toBe(true);
      await expect(mail.getAttribute('aria-describedby')).resolves.toBeTruthy();
      await expect(page.getByRole('checkbox', { name: `WhatsApp/SMS: ${kind}` }).isDisabled()).resolves.toBe(false);
    }
    expect(await page.getByRole('checkbox', { disabled: true }).count()).toBe(3);
    await page
      .getByText('e-mail eskalasi dan tenggat terlewati tidak bisa dimatikan', { exact: false })
      .first()
      .waitFor();
    // and saving leaves them on
    await page.getByRole('checkbox', { name: 'WhatsApp/SMS: Eskalasi tingkat 1' }).uncheck();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('status').filter({ hasText: 'Pengaturan pemberitahuan tersimpan.' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-settings');
    const { rows } = await sut.db.query(
      `SELECT kind, channel FROM notification_preferences WHERE user_id = $1 AND NOT enabled`,
      [DEMO_USERS.spvPalu!.id],
    );
    expect(rows).toEqual([{ kind: 'ESCALATION_1', channel: 'GATEWAY' }]);
    await page.context().close();
  }, 60_000);

  it('should fit a phone: the bell, the list and the settings no wider than 390 px', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, sut.baseUrl, 'spv.palu');
    // the supervisor has the breach and the level-1 escalation of the first test's case
    await page.getByRole('link', { name: /^Pemberitahuan, \d+ belum dibaca$/ }).waitFor({ timeout: 40_000 });
    await bell(page).click();
    await page.getByRole('link', { name: /^Eskalasi tingkat 1: Registrasi kedatangan, kasus / }).waitFor();
    const wide = () => page.locator('html').evaluate((el) => el.scrollWidth);
    expect(await wide()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-list-phone');
    await page.getByRole('link', { name: 'Pengaturan pemberitahuan' }).click();
    await page.getByRole('heading', { name: 'Pengaturan pemberitahuan' }).waitFor();
    expect(await wide()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-settings-phone');
    await page.context().close();
  }, 90_000);
});
