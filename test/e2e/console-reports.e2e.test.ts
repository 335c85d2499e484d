// A head of office reading the reports page (Laporan) in Chromium on the real stack, for a seeded month whose
// figures the test works out by hand from the seed (test/support/report-seed.ts): the month chosen from the
// keyboard, every figure on the page, a definition behind ⓘ, a table's CSV downloaded, and axe-core.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_OFFICES } from '../../src/database/seed';
import { FIGURES } from '../../src/reports/report-definitions';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectedByAgency, expectedFigures, insertPlan, seedPlan, type SeedCase } from '../support/report-seed';

describe('the reports page of a head of office, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  let plan: SeedCase[];

  beforeAll(async () => {
    sut = await startE2eStack();
    plan = seedPlan();
    await insertPlan(sut.db, plan);
    browser = await launchChromium();
    page = await newPage(browser);
    await signIn(page, sut.baseUrl, 'head.palu');
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  // the number a figure card shows, read back as a number (Indonesian: a decimal comma); null for "–"
  async function shown(key: string): Promise<number | null> {
    const text = (await page.locator(`[data-figure="${key}"] p`).last().textContent()) ?? '';
    if (text.trim() === '–') return null;
    return Number(
      text
        .replace(/\s*(jam|%)$/, '')
        .replace(/\./g, '')
        .replace(',', '.'),
    );
  }

  it('should show the seeded month’s figures, chosen from the keyboard, with their definitions', async () => {
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan kinerja' }).waitFor();
    // October 2026 from the keyboard: the month's field, typed, picked, then Tampilkan
    const month = page.getByRole('combobox', { name: 'Bulan' });
    await month.focus();
    await month.fill('');
    await page.keyboard.type('Oktober 2026');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    while (
      !(await page.getByRole('button', { name: 'Tampilkan' }).evaluate((el) => el === el.ownerDocument.activeElement))
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/month=2026-10/);
    await page.getByText('BP3MI Sulawesi Tengah, 1 Oktober 2026 s.d. 31 Oktober 2026 (WITA)').waitFor();
    await page.locator('[data-figure="unreachable"]').waitFor();

    const expected = expectedFigures(plan, DEMO_OFFICES.sulteng.id);
    for (const [key, value] of Object.entries(expected)) {
      const got = await shown(key);
      if (value === null) expect({ key, got }).toEqual({ key, got: null });
      else expect({ key, near: Math.abs((got ?? NaN) - value) <= 0.1 }).toEqual({ key, near: true });
    }
    expect(await shown('registered')).toBe(37);
    // the table per agency, as the seed has it
    const rows = await page.locator('[data-table="byAgency"] tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual(
      expectedByAgency(plan, DEMO_OFFICES.sulteng.id).map((r) => r.map(String)),
    );

    // a definition, from the keyboard
    const info = page.getByRole('button', { name: 'Definisi: Kasus terdaftar' });
    await info.focus();
    await page.getByRole('tooltip').getByText(FIGURES.registered.id.definition).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports');
    await page.keyboard.press('Escape');
  });

  it('should download a table as CSV with the numbers on the page', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh CSV: Rujukan per lembaga mitra' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^laporan-referrals-byAgency-bp3mi-sulawesi-tengah-2026-10-01-2026-10-31\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Lembaga mitra,Dikirim,Diterima mitra,Disetujui,Ditolak,Selesai,Dicabut');
    expect(lines.slice(1)).toEqual(expectedByAgency(plan, DEMO_OFFICES.sulteng.id).map((r) => r.join(',')));
  });

  it('should be usable on a phone’s width, and keep a caseworker out', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-mobile');
    const cw = await newPage(browser);
    await signIn(cw, sut.baseUrl, 'cw.palu');
    expect(await cw.getByRole('link', { name: 'Laporan' }).count()).toBe(0);
    await cw.close();
  });
});
