// The console on a phone, as the mobile Lighthouse run loads it (bench/console.ts): the inbox drawn twenty tasks at a
// time, its table scrolled in a box of its own from the keyboard; a case opened by its address (its script and its
// data asked for while the session is renewed) with the case page's words, which come with its script, in both
// languages and after a reload; axe-core on each. The app shell (web/src/shell.ts): the frame and the screen's title
// drawn by the first script while the console's script is held back, hidden from screen readers, then handed over.
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const PHONE = { width: 390, height: 844 };

describe('the console on a phone', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  let caseNumber: string;

  beforeAll(async () => {
    sut = await startE2eStack();
    browser = await launchChromium();
    // more than a phone's page of screening tasks for Palu's office
    for (let i = 0; i < 25; i += 1) {
      const res = await sut.http('POST', '/api/v1/cases', registration(`Penumpang ${i}`, `7271015203${200000 + i}`));
      expect(res.status).toBe(201);
      if (i === 0) ({ id: caseId, caseNumber } = res.body);
    }
    page = await newPage(browser, PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should draw the inbox twenty tasks at a time on a phone, its table scrolled from the keyboard', async () => {
    await signIn(page, sut.baseUrl, 'cw.palu');
    const table = page.getByRole('region', { name: 'Pekerjaan saya' });
    await page.getByText(/^20 dari \d+ tugas ditampilkan/).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(20);
    // the page is no wider than the phone; the table is, and scrolls in its box
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inbox-phone');

    // from the keyboard: Tab reaches the box (tabindex 0), the arrow keys scroll it
    expect(await table.getAttribute('tabindex')).toBe('0');
    await table.focus();
    expect(await table.evaluate((el) => el.scrollLeft)).toBe(0);
    await page.keyboard.press('ArrowRight');
    let scrolled = 0;
    for (let i = 0; i < 30 && scrolled === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      scrolled = await table.evaluate((el) => el.scrollLeft);
    }
    expect(scrolled).toBeGreaterThan(0);

    await page.getByRole('button', { name: /^Tampilkan \d+ tugas berikutnya$/ }).click();
    await table.locator('tbody tr').nth(24).waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(25);
  });

  it('should open a case by its address, with the case page’s words in Indonesian and in English, also after a reload', async () => {
    await page.goto(`${sut.baseUrl}/cases/${caseId}`);
    await page.getByRole('heading', { name: `${caseNumber} · Penumpang 0` }).waitFor();
    // casefile.ts's words (the documents), which come with the page's script
    await page.getByText('Belum ada dokumen.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'case-phone');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByText('No documents yet.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `${caseNumber} · Penumpang 0` }).waitFor();
    await page.getByText('No documents yet.').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('label', { hasText: /^ID$/ }).click();
    await page.getByText('Belum ada dokumen.').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
  });

  async function shownText(locator: Locator, text: string): Promise<void> {
    await locator.filter({ hasText: text }).waitFor();
    expect(await locator.textContent()).toBe(text);
  }

  // the console's own script (root.tsx's chunk) held until released: the shell alone is on the screen meanwhile
  async function holdConsole(p: Page): Promise<() => Promise<void>> {
    const held: Route[] = [];
    let release = false;
    await p.route('**/assets/root-*.js', (route) => (release ? route.continue() : void held.push(route)));
    return async () => {
      release = true;
      await Promise.all(held.map((r) => r.continue()));
      await p.unroute('**/assets/root-*.js');
    };
  }

  it('should draw the shell with the inbox’s and a case’s title before the console’s script, then hand over', async () => {
    const shell = page.locator('.first-shell');
    const shellTitle = shell.locator('.first-shell-title');

    let release = await holdConsole(page);
    await page.goto(`${sut.baseUrl}/`);
    await shownText(shellTitle, 'Pekerjaan saya');
    expect(await shell.getAttribute('aria-hidden')).toBe('true');
    expect(await shell.evaluate((el) => el.hasAttribute('inert'))).toBe(true);
    expect(await page.locator('#root h1').count()).toBe(0);
    await screenshot(page, 'shell-phone');
    await release();
    await page.getByRole('heading', { level: 1, name: 'Pekerjaan saya' }).waitFor();
    await shell.waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);

    // a case by its address: its number and name once the case has answered, in the user's language
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    release = await holdConsole(page);
    await page.goto(`${sut.baseUrl}/cases/${caseId}`);
    await shownText(shellTitle, `${caseNumber} · Penumpang 0`);
    await shownText(shell.locator('.first-shell-back'), '← Back to the cases');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await release();
    await page.getByRole('heading', { level: 1, name: `${caseNumber} · Penumpang 0` }).waitFor();
    await shell.waitFor({ state: 'detached' });
    await page.locator('label', { hasText: /^ID$/ }).click();
    await page.getByText('Belum ada dokumen.').waitFor();
  });

  it('should make the shell’s title the largest paint, which the console’s own title does not replace', async () => {
    const other = await newPage(browser, PHONE);
    // (a script in the page, before the console's: the largest-contentful-paint entries as the browser reports them)
    await other.addInitScript({
      content: `window.largestPaints = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            window.largestPaints.push({
              size: e.size,
              shell: e.element === null || e.element.classList.contains('first-shell-title'),
            });
        }).observe({ type: 'largest-contentful-paint', buffered: true });`,
    });
    await signIn(other, sut.baseUrl, 'cw.palu');
    await other.goto(`${sut.baseUrl}/`);
    await other.getByRole('heading', { level: 1, name: 'Pekerjaan saya' }).waitFor();
    await other.locator('.first-shell').waitFor({ state: 'detached' });
    await other.waitForTimeout(500);
    const paints = (await other.evaluate('window.largestPaints')) as unknown[];
    // the last (largest) one is the shell's title, taken away since (element null), not the console's h1
    expect(paints.at(-1)).toEqual({ size: expect.any(Number), shell: true });
    await other.close();
  });

  it('should take the shell away when nobody is signed in, for the sign-in screen', async () => {
    const other = await newPage(browser, PHONE);
    await other.goto(`${sut.baseUrl}/`);
    await other.getByRole('heading', { level: 1, name: 'Masuk ke Rujukan' }).waitFor();
    await other.locator('.first-shell').waitFor({ state: 'detached' });
    await other.close();
  });
});
