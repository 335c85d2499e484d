// The web console in a real browser (Debian's Chromium through playwright-core), served by the real API on its own
// origin, on the real worker, Temporal dev server and PostgreSQL: signing in (and being refused), the inbox with
// its countdown, the cases list and its search, a case with its verified history, the language switch, axe-core on
// every screen; and the console's API types still match the document the API serves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { alwaysLoaded } from '../../bench/support/console-measure';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const ROOT = resolve(__dirname, '..', '..');

describe('the web console in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  let caseNumber: string;

  beforeAll(async () => {
    // deadlines 500 times faster (an hour in 7.2 s), so the escalation screen has something to resolve
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.002' });
    browser = await launchChromium();
    page = await newPage(browser);
    const res = await sut.http('POST', '/api/v1/cases', registration('Siti Rahmawati', '7271015203940001'));
    expect(res.status).toBe(201);
    ({ id: caseId, caseNumber } = res.body);
    await sut.http('POST', `/api/v1/cases/${caseId}/actions`, {
      type: 'complete-registration',
      payload: { notes: 'Tiba dalam kondisi lemah, didampingi petugas pelabuhan.' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should serve the console at / and at its own routes, never in place of the API', async () => {
    for (const path of ['/', '/cases', `/cases/${caseId}`]) {
      const res = await fetch(`${sut.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const api = await fetch(`${sut.baseUrl}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('should send the console script gzipped and cached for a year (hashed names), the page itself never cached', async () => {
    const page = await fetch(`${sut.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    // the first script, which the page names, and the console's own, which it loads at once (Vite's manifest names it)
    const first = [...(await page.text()).matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'web/dist/.vite/manifest.json'), 'utf8'));
    const scripts = [...first, ...alwaysLoaded(manifest)];
    expect(first).toHaveLength(1);
    const sizes: number[] = [];
    for (const script of scripts) {
      expect(script).toMatch(/^\/assets\//);
      // node's fetch asks for gzip and unpacks it; the header still tells what came over the wire
      const res = await fetch(`${sut.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      sizes.push((await res.text()).length);
    }
    expect(Math.max(...sizes)).toBeGreaterThan(100_000);
  });

  it('should refuse a wrong password in words, then sign in to the inbox', async () => {
    await page.goto(sut.baseUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.getByLabel('Nama pengguna').fill('cw.palu');
    await page.getByLabel('Kata sandi').fill('salah-sandi');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').getByText('Nama pengguna atau kata sandi salah.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('Kata sandi').fill('rujukan-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await row.waitFor();
    // the screening's own task, its step and the tier not yet set in words, a countdown (HIGH until screened: 1 h)
    expect(await row.innerText()).toMatch(/Lakukan skrining[\s\S]*Skrining dan penilaian risiko[\s\S]*Belum dinilai/);
    expect(await row.innerText()).toMatch(/menit lagi|terlambat/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inbox');
  });

  it('should find the case by name in the cases list, and open it with its history verified', async () => {
    await page.getByRole('link', { name: 'Kasus', exact: true }).click();
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
    await page.getByLabel('Cari kasus').fill('siti rahma');
    const link = page.getByRole('link', { name: caseNumber });
    await link.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cases');

    await link.click();
    await page.getByRole('heading', { name: `${caseNumber} · Siti Rahmawati` }).waitFor();
    await page.getByText('Riwayat utuh: rantai hash terverifikasi').waitFor();
    await page.getByText('Tiba dalam kondisi lemah, didampingi petugas pelabuhan.').waitFor();
    // the actions the caseworker may take now, in words
    await page.getByText('Selesaikan skrining').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'case');
  });

  it('should register a returnee: an earlier case of the same person shown first, each problem on its field, one case', async () => {
    await page.getByRole('link', { name: 'Registrasi' }).click();
    await page.getByRole('heading', { name: 'Registrasi PMI yang tiba' }).waitFor();
    await page.getByLabel('Nama lengkap').fill('Siti Rahmawaty');
    await page.getByRole('combobox', { name: 'Jenis kelamin' }).click();
    await page.getByRole('option', { name: 'Perempuan' }).click();
    await page.getByLabel('Tanggal lahir').fill('1994-03-12');
    await page.getByLabel('NIK').fill('7271015203940001');
    // the same NIK and a close name: the earlier case is shown, and registering needs a deliberate choice
    const earlier = page.getByRole('status').filter({ hasText: 'Mungkin orang yang sama' });
    await earlier.getByRole('link', { name: caseNumber }).waitFor();
    await earlier.getByText('NIK sama').waitFor();
    await page.getByLabel('Provinsi asal').fill('Sulawesi Tengah');
    await page.getByLabel('Kabupaten/kota asal').fill('Kota Palu');
    await page.getByRole('combobox', { name: 'Kategori' }).click();
    await page.getByRole('option', { name: 'Deportan' }).click();
    await page.getByLabel('Tempat kedatangan (bandara, pelabuhan, PLBN)').fill('Pelabuhan Pantoloan, Palu');
    await page.getByLabel('Waktu tiba').fill('2026-12-05T08:30');
    await page.getByLabel('Negara asal kepulangan').fill('12');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByRole('alert').getByText('Periksa dulu kasus lama di atas').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'register');

    await page.getByLabel('Sudah saya periksa: ini kedatangan baru yang perlu kasus baru').check();
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    // the API's 422 lands on its field
    await page.getByText('fromCountry must be an ISO 3166 alpha-2 code such as MY').waitFor();
    await page.getByLabel('Negara asal kepulangan').fill('MY');
    // a double click registers once (one idempotency key for the form until it succeeds)
    await page.getByRole('button', { name: 'Daftarkan' }).dblclick();
    await page.getByRole('heading', { name: /· Siti Rahmawaty$/ }).waitFor();
    const { rows } = await sut.db.query(
      `SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.full_name = 'Siti Rahmawaty'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('should let the head of office resolve an escalation from the queue', async () => {
    // wait until the screening's deadline has run to level 2 (200 %), so the row stays as it is while resolved
    for (let i = 0; i < 120; i += 1) {
      const { rows } = await sut.db.query(
        `SELECT 1 FROM escalations e JOIN cases c ON c.id = e.case_id
          WHERE c.case_number = $1 AND e.status = 'OPEN' AND e.level = 2`,
        [caseNumber],
      );
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const head = await newPage(browser);
    try {
      await signIn(head, sut.baseUrl, 'head.palu');
      await head.getByRole('link', { name: 'Eskalasi' }).click();
      await head.getByRole('heading', { name: 'Eskalasi' }).waitFor();
      // the screening is overdue by now (an hour is 7.2 s here): its escalation waits in the queue, in words
      const row = head.getByRole('row').filter({ hasText: caseNumber }).first();
      await row.waitFor({ timeout: 60_000 });
      expect(await row.innerText()).toContain('Tahap melewati tenggat');
      expect(await seriousViolations(head)).toEqual([]);
      await screenshot(head, 'escalations');
      await row.getByRole('button', { name: 'Tindak lanjuti' }).click();
      await head.getByRole('menuitem', { name: 'Tandai sudah diketahui' }).click();
      const dialog = head.getByRole('dialog');
      await dialog
        .getByRole('textbox', { name: 'Alasan' })
        .fill('Petugas sedang mendampingi PMI di rumah sakit; skrining menyusul.');
      await dialog.getByRole('button', { name: 'Tandai diketahui' }).click();
      await dialog.waitFor({ state: 'detached' });
      const { rows } = await sut.db.query(
        `SELECT e.resolution FROM escalations e JOIN cases c ON c.id = e.case_id
          WHERE c.case_number = $1 AND e.status = 'RESOLVED' AND e.resolution = 'ACKNOWLEDGE'`,
        [caseNumber],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await head.close();
    }
  });

  it('should switch to English and back, with the page language following', async () => {
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByText('History intact: hash chain verified').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByText('History intact: hash chain verified').waitFor();
    await page.locator('label', { hasText: /^ID$/ }).click();
    await page.getByText('Riwayat utuh: rantai hash terverifikasi').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
  });

  it('should be reached from the keyboard alone: the skip link first, then the menu', async () => {
    await page.goto(`${sut.baseUrl}/`);
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Langsung ke isi halaman');
    // from the menu, Enter opens the cases
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement?.textContent')) === 'Kasus') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
  });

  it('should draw the inbox fifty tasks at a time, soonest due first, with the rest a button away', async () => {
    // 55 more returnees: with the earlier ones, more than one page of screening tasks for the office
    for (let i = 0; i < 55; i += 1) {
      const nik = `7271015203${100000 + i}`;
      const res = await sut.http('POST', '/api/v1/cases', registration(`Penumpang ${i}`, nik, 'DEPORTEE'));
      expect(res.status).toBe(201);
    }
    const page = await newPage(browser);
    await signIn(page, sut.baseUrl, 'cw.palu');
    const table = page.getByRole('region', { name: 'Pekerjaan saya' });
    await page.getByText(/^50 dari \d+ tugas ditampilkan/).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(50);
    await page.getByRole('button', { name: /^Tampilkan \d+ tugas berikutnya$/ }).click();
    await page.waitForFunction('document.querySelectorAll("table tbody tr").length > 50');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(55);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('should have API types that match the OpenAPI document the API serves (npm run api-types renews them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rujukan-api-types-'));
    try {
      const doc = await (await fetch(`${sut.baseUrl}/api/docs-json`)).text();
      writeFileSync(join(dir, 'openapi.json'), doc);
      execFileSync(
        join(ROOT, 'web', 'node_modules', '.bin', 'openapi-typescript'),
        [join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')],
        { stdio: 'pipe' },
      );
      const served = readFileSync(join(dir, 'schema.d.ts'), 'utf8');
      const file = join(ROOT, 'web', 'src', 'api', 'schema.d.ts');
      // RUJUKAN_UPDATE_API_TYPES=1 renews them instead (after a change of the API, without a running stack)
      if (process.env.RUJUKAN_UPDATE_API_TYPES) writeFileSync(file, served);
      expect(readFileSync(file, 'utf8') === served).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
