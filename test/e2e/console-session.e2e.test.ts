// The console's session and its connection banner in Chromium, on the real stack: an access token of a few seconds
// (TOKEN_TTL_SECONDS) runs out under the caseworker's hands and the console carries on through the refresh cookie;
// a reload keeps the session; sign-out ends it on the server (Back and reload show the sign-in, the old cookie is
// refused); the API cut off, then answering 503, while a returnee is being registered: the banner says so, what was
// typed stays, the search resumes by itself and the form registers once when the API is back; the sign-in screen's
// lockout and rate-limit answers; axe-core and the keyboard throughout.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_OFFICES } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const TOKEN_SECONDS = 4;
// the API and its health check, as page.route sees them (the console's own files stay reachable)
const isApi = (url: URL) => url.pathname.startsWith('/api/') || url.pathname.startsWith('/health');

describe('the console session and the connection banner in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  let context: BrowserContext;
  let caseNumber: string;
  // the API's answers to the page, as "<status> <method> <path>"
  const answers: string[] = [];

  beforeAll(async () => {
    sut = await startE2eStack({ TOKEN_TTL_SECONDS: String(TOKEN_SECONDS) });
    browser = await launchChromium();
    page = await newPage(browser);
    context = page.context();
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) answers.push(`${r.status()} ${r.request().method()} ${url.pathname}`);
    });
    const res = await sut.http('POST', '/api/v1/cases', registration('Wahyuni Lestari', '7271016607950002'));
    expect(res.status).toBe(201);
    caseNumber = res.body.caseNumber;
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  const refreshCookie = async () => (await context.cookies()).find((c) => c.name === 'rujukan_refresh');
  const refreshWith = (value: string) =>
    fetch(`${sut.baseUrl}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: `rujukan_refresh=${value}` } });

  it('should keep working after the access token has run out, and after a reload, without signing in again', async () => {
    await signIn(page, sut.baseUrl, 'cw.palu');
    const cookie = await refreshCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    // nothing of the session where a script could read it
    const stored = String(await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })'));
    expect(stored).not.toMatch(/eyJ|token/i);

    await page.waitForTimeout((TOKEN_SECONDS + 1) * 1000);
    answers.length = 0;
    await page.getByRole('link', { name: 'Kasus', exact: true }).click();
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    // the old token was refused, the session renewed once, and the request sent again
    expect(answers).toEqual(
      expect.arrayContaining(['401 GET /api/v1/cases', '200 POST /api/v1/auth/refresh', '200 GET /api/v1/cases']),
    );
    expect(answers.filter((a) => a.includes('/auth/refresh'))).toHaveLength(1);
    expect((await refreshCookie())?.value).not.toBe(cookie?.value);

    await page.reload();
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await page.getByLabel('Kata sandi').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // two tabs share the cookie: loaded at the same moment, each renews in turn (a Web Lock), and neither
    // presents a token the other has spent (which would end the session for both)
    // (a refresh is held back until the other tab's comes too, or 1.5 s: without the lock both would reach the API
    // with the same cookie)
    const slowRefresh = '**/api/v1/auth/refresh';
    let held: (() => void)[] = [];
    await context.route(slowRefresh, async (route) => {
      await new Promise<void>((release) => {
        held.push(release);
        if (held.length === 2) {
          for (const r of held) r();
          held = [];
        } else
          setTimeout(() => {
            held = held.filter((r) => r !== release);
            release();
          }, 1500);
      });
      await route.continue();
    });
    const second = await context.newPage();
    try {
      await Promise.all([page.reload(), second.goto(`${sut.baseUrl}/cases`)]);
      for (const tab of [page, second]) await tab.getByRole('link', { name: caseNumber }).waitFor();
      const { rows } = await sut.db.query(`SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NOT NULL`);
      expect(rows[0].n).toBe(0);
    } finally {
      await context.unroute(slowRefresh);
      await second.close();
    }
  });

  it('should end the session on the server at sign-out: Back and reload show the sign-in, the old cookie is refused', async () => {
    const before = await refreshCookie();
    // from the keyboard: the menu's sign-out with Enter
    await page.getByRole('button', { name: 'Keluar' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Masuk ke Rujukan' }).waitFor();
    expect(await refreshCookie()).toBeUndefined();
    await page.goBack();
    await page.getByRole('heading', { name: 'Masuk ke Rujukan' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Masuk ke Rujukan' }).waitFor();
    // signed out by choice: no "session expired" words
    expect(await page.getByText('Sesi Anda sudah berakhir').count()).toBe(0);
    const refused = await refreshWith(before!.value);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('SESSION_REVOKED');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should say "session expired" when the session is ended elsewhere', async () => {
    await signIn(page, sut.baseUrl, 'cw.palu');
    // ended on the server (as a reused token would): the next refresh is refused
    await sut.db.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'REUSED' WHERE revoked_at IS NULL`);
    await page.waitForTimeout((TOKEN_SECONDS + 1) * 1000);
    await page.getByRole('link', { name: 'Kasus', exact: true }).click();
    await page.getByRole('alert').getByText('Sesi Anda sudah berakhir. Silakan masuk lagi.').waitFor();
    await page.getByRole('heading', { name: 'Masuk ke Rujukan' }).waitFor();
  });

  it('should keep what is typed while the API is cut off or answers 503, resume by itself, and register once', async () => {
    // signed in from the keyboard alone: the fields, then Enter
    await page.getByLabel('Nama pengguna').fill('cw.palu');
    await page.getByLabel('Kata sandi').fill('rujukan-demo');
    await page.keyboard.press('Enter');
    // back where the session ended (the cases list)
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
    await page.getByRole('link', { name: 'Registrasi' }).click();
    await page.getByRole('heading', { name: 'Registrasi PMI yang tiba' }).waitFor();
    await page.getByLabel('Nama lengkap').fill('Wahyuni Lestari');
    await page.getByRole('combobox', { name: 'Jenis kelamin' }).click();
    await page.getByRole('option', { name: 'Perempuan' }).click();
    await page.getByLabel('Tanggal lahir').fill('1995-07-26');

    // the API cut off: no answer at all
    await page.route(isApi, (route) => route.abort('internetdisconnected'));
    // the NIK of an earlier case: its search cannot run now
    await page.getByLabel('NIK').fill('7271016607950002');
    const banner = page.getByRole('alert').filter({ hasText: 'Server tidak bisa dihubungi.' });
    await banner.waitFor();
    await banner.getByText('Kami mencoba lagi otomatis; isian Anda tidak hilang.').waitFor();
    await page.getByLabel('Provinsi asal').fill('Sulawesi Tengah');
    await page.getByLabel('Kabupaten/kota asal').fill('Kabupaten Donggala');
    await page.getByRole('combobox', { name: 'Kategori' }).click();
    await page.getByRole('option', { name: 'Deportan' }).click();
    await page.getByLabel('Tempat kedatangan (bandara, pelabuhan, PLBN)').fill('Pelabuhan Pantoloan, Palu');
    await page.getByLabel('Waktu tiba').fill('2026-12-05T08:30');
    await page.getByLabel('Negara asal kepulangan').fill('MY');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connection-banner');
    // on a phone the banner wraps, its button still in reach
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('button', { name: 'Coba sekarang' }).waitFor();
    // the menu slides out of sight when the page narrows
    await page.waitForTimeout(500);
    await screenshot(page, 'connection-banner-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    // a submit now fails in words, and changes nothing
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByText('Tidak ada koneksi ke server').waitFor();
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Wahyuni Lestari');

    // then the API answers, but 503 (its database away): the banner says so after a try from the keyboard
    await page.unroute(isApi);
    await page.route(isApi, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'UNAVAILABLE', message: 'the database is not reachable' }),
      }),
    );
    await page.getByRole('button', { name: 'Coba sekarang' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Server sedang sibuk atau dalam perbaikan.' }).waitFor();

    // back: the banner leaves by itself, and the paused search finds the earlier case without another keystroke
    await page.unroute(isApi);
    await page
      .getByRole('alert')
      .filter({ hasText: /^Server/ })
      .waitFor({ state: 'detached', timeout: 30_000 });
    const earlier = page.getByRole('status').filter({ hasText: 'Mungkin orang yang sama' });
    await earlier.getByRole('link', { name: caseNumber }).waitFor();
    for (const [label, value] of [
      ['Nama lengkap', 'Wahyuni Lestari'],
      ['Tanggal lahir', '1995-07-26'],
      ['NIK', '7271016607950002'],
      ['Kabupaten/kota asal', 'Kabupaten Donggala'],
      ['Negara asal kepulangan', 'MY'],
    ])
      expect([label, await page.getByLabel(label!).inputValue()]).toEqual([label, value]);
    await page.getByLabel('Sudah saya periksa: ini kedatangan baru yang perlu kasus baru').check();
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByRole('heading', { name: /· Wahyuni Lestari$/ }).waitFor();
    const { rows } = await sut.db.query(
      `SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.full_name = 'Wahyuni Lestari'`,
    );
    // the earlier case, and this one
    expect(rows[0].n).toBe(2);
  });

  it('should wait for the API at a reload rather than take the caseworker for signed out', async () => {
    await page.route(isApi, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Server tidak bisa dihubungi.' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Memeriksa sesi Anda' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Kata sandi').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.unroute(isApi);
    await page.getByRole('heading', { name: /· Wahyuni Lestari$/ }).waitFor({ timeout: 30_000 });
  });

  it('should still show the lockout and the rate limit plainly at sign-in', async () => {
    const page = await newPage(browser);
    await page.goto(sut.baseUrl);
    await page.getByRole('heading', { name: 'Masuk ke Rujukan' }).waitFor();
    await sut.addStaffUser('cw.kunci', 'CASEWORKER', DEMO_OFFICES.sulteng.id);
    const wrong = () =>
      sut.http('POST', '/api/v1/auth/login', { username: 'cw.kunci', password: 'salah' }, sut.as(null));
    for (let i = 0; i < 5; i += 1) await wrong();
    await page.getByLabel('Nama pengguna').fill('cw.kunci');
    await page.getByLabel('Kata sandi').fill('rujukan-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page
      .getByRole('alert')
      .getByText(/Akun ini dikunci sementara/)
      .waitFor();

    // too many attempts from this address (30 a minute by default)
    let limited = false;
    for (let i = 0; i < 40 && !limited; i += 1) {
      const res = await sut.http('POST', '/api/v1/auth/login', { username: 'siapa', password: 'x' }, sut.as(null));
      limited = res.body.error === 'TOO_MANY_ATTEMPTS';
    }
    expect(limited).toBe(true);
    await page.getByLabel('Nama pengguna').fill('cw.palu');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page
      .getByRole('alert')
      .getByText(/Terlalu banyak percobaan masuk/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
