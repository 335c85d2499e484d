// Issue 20 in a real browser on the real stack: the administrator makes a draft of Sulawesi Tengah's SLA policy from
// the keyboard, shortens a deadline in the table, is told by name what is not valid, sees the difference from the
// version in force, and publishes it (Escape backs out of the question first); in Indonesian and in English, axe-core
// clean at every stage.
import type { Browser, Locator, Page } from 'playwright-core';
import { horizontalOverflow, launchChromium, screenshot, seriousViolations } from '../support/browser';
import { DEMO_PASSWORD, newPage } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

// Presses Tab until the element has the focus, as a keyboard user moves through the page.
async function tabTo(page: Page, target: Locator, max = 250): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

// axe-core once a dialog's fade has ended: a half-transparent button fails contrast while Mantine's transition runs
// (up to 3 s of asking again); a real failure stays and is returned.
async function settledViolations(page: Page): Promise<string[]> {
  let found = await seriousViolations(page);
  for (let i = 0; i < 10 && found.length > 0; i += 1) {
    await page.waitForTimeout(300);
    found = await seriousViolations(page);
  }
  return found;
}

// Replaces a focused field's text from the keyboard.
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('the SLA policy drafts, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;

  beforeAll(async () => {
    sut = await startE2eStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should let the administrator draft, edit, compare and publish a province policy from the keyboard', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await page.goto(sut.baseUrl);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Kebijakan SLA' }).click();
    await page.getByRole('heading', { name: 'Draf kebijakan SLA', level: 2 }).waitFor();
    await page.getByText('Belum ada draf.').waitFor();

    // the province with the arrow keys, the draft with Enter
    const province = page.getByLabel('Provinsi draf');
    await page.locator('body').focus();
    await tabTo(page, province);
    await province.selectOption({ label: 'Sulawesi Tengah' });
    await tabTo(page, page.getByRole('button', { name: 'Buat draf' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 1' }).waitFor();
    await page.getByText('Belum ada perubahan dari versi yang berlaku.').waitFor();
    const medium = page.getByLabel('Jumlah tenggat Registrasi kedatangan, risiko Sedang');
    await expect(medium.inputValue()).resolves.toBe('4');
    expect(await seriousViolations(page)).toEqual([]);

    // a level 2 at 100 % is refused by name, and what was typed stays
    await tabTo(page, medium);
    await retype(page, '2');
    const level2 = page.getByLabel('Eskalasi tingkat 2 (% dari tenggat)');
    await tabTo(page, level2);
    await retype(page, '100');
    await tabTo(page, page.getByRole('button', { name: 'Simpan draf' }));
    await page.keyboard.press('Enter');
    const refusal = page
      .getByRole('alert')
      .filter({ hasText: 'Draf belum bisa disimpan: periksa isian yang disebut.' });
    await expect(refusal.innerText()).resolves.toContain('level2Percent');
    await expect(medium.inputValue()).resolves.toBe('2');
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, level2);
    await retype(page, '150');
    await tabTo(page, page.getByRole('button', { name: 'Simpan draf' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 2' }).waitFor();

    // the difference, in words
    const diff = page.getByRole('region', { name: /^Perbedaan dengan versi yang berlaku/ });
    const row = diff.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Registrasi kedatangan' }) });
    await expect(row.innerText()).resolves.toMatch(/Sedang\s+4 jam\s+2 jam\s+lebih singkat/i);
    await page.getByText('Eskalasi tingkat 2: 200 % → 150 %').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-drafts');

    // Escape backs out of the question; Enter on its button publishes
    await tabTo(page, page.getByRole('button', { name: 'Terbitkan' }));
    await page.keyboard.press('Enter');
    const question = page.getByRole('dialog', { name: 'Terbitkan draf Sulawesi Tengah?' });
    await question.waitFor();
    expect(await settledViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    await tabTo(page, page.getByRole('button', { name: 'Terbitkan' }));
    await page.keyboard.press('Space');
    await question.waitFor();
    await expect(isFocused(question.getByRole('button', { name: 'Terbitkan' }))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    const version = `sulawesi-tengah-${new Date().getUTCFullYear()}.1`;
    await page.getByText(`Diterbitkan sebagai versi ${version}`).waitFor();
    await question.waitFor({ state: 'hidden' });
    // now in force for the province, and the draft read-only
    const versions = page.getByRole('table', { name: 'Versi kebijakan' });
    await expect(versions.getByRole('row').filter({ hasText: version }).innerText()).resolves.toMatch(
      /^Sulawesi Tengah\s+sulawesi-tengah-\d{4}\.1\W+berlaku/i,
    );
    await expect(medium.isDisabled()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Simpan draf' }).count()).toBe(0);
    const stored = await sut.db.query(`SELECT policy FROM sla_policies WHERE version = $1`, [version]);
    expect(stored.rows[0].policy.deadlines.REGISTRATION.MEDIUM).toEqual({ amount: 2, unit: 'hours' });
    expect(stored.rows[0].policy.level2Percent).toBe(150);
    expect(await settledViolations(page)).toEqual([]);

    // the same screen in English
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { name: 'SLA policy drafts', level: 2 }).waitFor();
    await page.getByText(`Published as version ${version}`).waitFor();
    await expect(
      page.getByLabel('Deadline amount for Registration at arrival, Medium risk').inputValue(),
    ).resolves.toBe('2');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('should fit a phone: the table scrolls sideways within its region', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await page.goto(sut.baseUrl);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    await page.goto(`${sut.baseUrl}/admin/sla`);
    await page.getByRole('heading', { name: 'Draf kebijakan SLA', level: 2 }).waitFor();
    await page.getByRole('button', { name: /^Buka draf Sulawesi Tengah/ }).click();
    await page.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 2' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-drafts-phone');
    await page.context().close();
  }, 120_000);
});
