// Issue 20's what-if in a real browser on the real stack: the administrator shortens a deadline in a draft, runs a
// what-if of sample cases from the keyboard, a bad share is refused on its field, the run's progress shows, then its
// results: the summary side by side, a chart and the table by step and risk; in Indonesian and in English, on a
// phone too, axe-core clean throughout; a long run cancelled from its progress bar.
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { horizontalOverflow, launchChromium, screenshot, seriousViolations, tabTo } from '../support/browser';
import { DEMO_PASSWORD, newPage } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('the what-if of a draft SLA policy, in Chromium', () => {
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

  async function signedIn(width: number, height: number): Promise<Page> {
    const page = await newPage(browser, { width, height });
    await page.goto(sut.baseUrl);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    await page.goto(`${sut.baseUrl}/admin/sla`);
    await page.getByRole('heading', { name: 'Draf kebijakan SLA', level: 2 }).waitFor();
    return page;
  }

  it('should run a what-if from the keyboard and show both policies side by side', async () => {
    const page = await signedIn(1366, 900);
    await page.getByLabel('Provinsi draf').selectOption({ label: 'Sulawesi Tengah' });
    await page.getByRole('button', { name: 'Buat draf' }).click();
    await page.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 1' }).waitFor();
    // registration of a MEDIUM case: 1 h instead of 4 h
    await page.getByLabel('Jumlah tenggat Registrasi kedatangan, risiko Sedang').fill('1');
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 2' }).waitFor();
    const section = page.getByRole('region', { name: 'Simulasi: apa yang terjadi bila draf ini berlaku' });
    await section.waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // a share above 100 is refused on its field, nothing runs
    const cases = section.getByLabel('Jumlah kasus');
    await tabTo(page, cases);
    await retype(page, '12');
    await tabTo(page, section.getByLabel('Bagian risiko Tinggi (%)'));
    await retype(page, '0');
    await tabTo(page, section.getByLabel('Bagian risiko Sedang (%)'));
    await retype(page, '100');
    await tabTo(page, section.getByLabel('Bagian risiko Rendah (%)'));
    await retype(page, '0');
    await tabTo(page, section.getByLabel('Mitra yang tidak menjawab (%)'));
    await retype(page, '140');
    await tabTo(page, section.getByRole('button', { name: 'Jalankan simulasi' }));
    await page.keyboard.press('Enter');
    await section.getByRole('alert').waitFor();
    await expect(section.getByLabel('Mitra yang tidak menjawab (%)').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect((await sut.db.query(`SELECT count(*)::int AS n FROM sla_simulations`)).rows[0].n).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, section.getByLabel('Mitra yang tidak menjawab (%)'));
    await retype(page, '20');
    await tabTo(page, section.getByRole('button', { name: 'Jalankan simulasi' }));
    await page.keyboard.press('Enter');
    // its progress while the worker plays the cases (or at once its end, on a fast machine)
    await section
      .getByText(/^Simulasi berjalan: \d+ dari 24 kasus selesai$|^Simulasi menunggu giliran|^Selesai /)
      .first()
      .waitFor();
    const summary = section.getByRole('table', { name: 'Ringkasan' });
    await summary.waitFor({ timeout: 120_000 });
    const row = (name: string) =>
      summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const [, now, then] = (await row('Lewat tenggat').innerText()).split(/\t|\n/).map((x) => x.trim());
    expect(Number(then)).toBeGreaterThan(Number(now));
    await expect(row('Kasus ditutup').innerText()).resolves.toMatch(/12 \/ 12\s+12 \/ 12/);
    await section
      .getByRole('img', { name: 'Lewat tenggat per tahap dan risiko: berlaku sekarang dibanding draf' })
      .waitFor();
    const perStage = section.getByRole('table', { name: 'Per tahap dan risiko' });
    await expect(
      perStage
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Registrasi kedatangan' }) })
        .innerText(),
    ).resolves.toMatch(/^Registrasi kedatangan\s+Sedang\s+12\s+12/);
    expect(await seriousViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'what-if');

    await page.locator('label', { hasText: /^EN$/ }).first().click();
    const english = page.getByRole('region', { name: 'What-if: what would happen under this draft' });
    await english.getByRole('table', { name: 'Summary' }).waitFor();
    await english.getByRole('rowheader', { name: 'Missed deadlines', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'what-if-en');
    await page.context().close();
  }, 240_000);

  it('should fit a phone: the tables scroll sideways within their regions', async () => {
    const page = await signedIn(390, 844);
    await page.getByRole('button', { name: /^Buka draf Sulawesi Tengah/ }).click();
    const section = page.getByRole('region', { name: 'Simulasi: apa yang terjadi bila draf ini berlaku' });
    await section.getByRole('table', { name: 'Ringkasan' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await section.getByRole('img', { name: /^Lewat tenggat per tahap/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'what-if-phone');
    await page.context().close();
  }, 120_000);

  it('should cancel a long run from its progress bar, and say who cancelled it', async () => {
    const page = await signedIn(1366, 900);
    await page.getByRole('button', { name: /^Buka draf Sulawesi Tengah/ }).click();
    const section = page.getByRole('region', { name: 'Simulasi: apa yang terjadi bila draf ini berlaku' });
    await section.getByRole('table', { name: 'Ringkasan' }).waitFor();
    await tabTo(page, section.getByLabel('Jumlah kasus'));
    await retype(page, '2000');
    await tabTo(page, section.getByRole('button', { name: 'Jalankan simulasi' }));
    await page.keyboard.press('Enter');
    const cancel = section.getByRole('button', { name: 'Batalkan simulasi' });
    await cancel.waitFor();
    // at 0 % the bar has no width: there, not visible
    await section.getByRole('progressbar', { name: 'Kemajuan simulasi' }).waitFor({ state: 'attached' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'what-if-running');
    await tabTo(page, cancel);
    await page.keyboard.press('Enter');
    await section.getByText(/^Simulasi dibatalkan oleh admin pada .+\. Tidak ada hasil yang disimpan\.$/).waitFor();
    const rows = await sut.db.query(
      `SELECT status, cancelled_by AS "by", results FROM sla_simulations ORDER BY requested_at DESC LIMIT 1`,
    );
    expect(rows.rows[0]).toEqual({ status: 'CANCELLED', by: 'admin', results: null });
    // the list of runs says which was cancelled
    const earlier = section.getByRole('region', { name: 'Simulasi sebelumnya' }).getByRole('table');
    await expect(earlier.getByRole('row').nth(1).innerText()).resolves.toMatch(/\b2000\s+Dibatalkan\b/);
    await expect(earlier.getByRole('row').nth(2).innerText()).resolves.toMatch(/\b12\s+Selesai\b/);
    // the draft may run again, and the earlier run's results are a click away
    await expect(section.getByRole('button', { name: 'Jalankan simulasi' }).isEnabled()).resolves.toBe(true);
    await section
      .getByRole('button', { name: /^Tampilkan simulasi / })
      .last()
      .click();
    await section.getByRole('table', { name: 'Ringkasan' }).waitFor();
    await section
      .getByRole('button', { name: /^Tampilkan simulasi / })
      .first()
      .click();
    await section.getByText(/^Simulasi dibatalkan oleh admin/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'what-if-cancelled');

    await page.locator('label', { hasText: /^EN$/ }).first().click();
    const english = page.getByRole('region', { name: 'What-if: what would happen under this draft' });
    await english.getByText(/^The what-if was cancelled by admin on .+\. No results were kept\.$/).waitFor();
    await screenshot(page, 'what-if-cancelled-en');
    await page.context().close();
  }, 120_000);
});
