// The arrival batch and the process page in a real browser (Debian's Chromium through playwright-core), on the real
// API, worker, Temporal dev server and PostgreSQL: 30 returnees of a ferry typed in from the keyboard alone, the
// network cut twice mid-way (once after the server registered a row but before its answer arrived), a reload in the
// middle, resumed, and then exactly one case per returnee; a refused row with its problem on its cell; the process
// diagram and its deadlines in Indonesian and in English; axe-core on both screens.
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const FIRST = [
  'Ahmad', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gilang', 'Hana', 'Indra', 'Joko',
  'Kartini', 'Lestari', 'Made', 'Nurul', 'Oktaviani', 'Putu', 'Rahmat', 'Sari', 'Taufik', 'Umi',
  'Wahyu', 'Yuliana', 'Zainal', 'Ayu', 'Bayu', 'Cahya', 'Dian', 'Erna', 'Fajar', 'Gita',
]; // prettier-ignore
const LAST = [
  'Hasibuan', 'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Simanjuntak', 'Wijaya', 'Kusuma', 'Saputra', 'Hidayat',
  'Setiawan', 'Nugroho', 'Purnomo', 'Santoso', 'Gunawan', 'Halim', 'Irawan', 'Jaya', 'Kurniawan', 'Lim',
  'Maulana', 'Nainggolan', 'Pardede', 'Pane', 'Rangkuti', 'Sembiring', 'Tarigan', 'Utomo', 'Wibowo', 'Yusuf',
]; // prettier-ignore
const REFUSED = 6; // the seventh row's NIK is a digit short
const people = FIRST.map((first, i) => ({
  name: `${first} ${LAST[i]}`,
  sex: i % 3 === 0 ? 'L' : 'P',
  born: `${String(1 + (i % 28)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${1975 + i}`,
  nik: `7271${String(410_000_000_000 + i * 7919)}`,
  passport: i % 2 ? `C${String(4_200_000 + i)}` : '',
  province: 'Sulawesi Tengah',
  regency: i % 2 ? 'Kabupaten Donggala' : 'Kota Palu',
}));

// What the focused element says: its label (without a required field's asterisk), else its text.
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    const said = el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
    return said.replace(/ *[*]$/, '').trim();
  })()`);

// Tab until the focused element says `text` (a person finds a button by tabbing to it).
async function tabTo(page: Page, text: string, shift = false): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    if ((await focused(page)) === text) return;
  }
  throw new Error(`no "${text}" within 120 Tabs`);
}

describe('the arrival batch and the process page in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;

  const batchCases = async () => {
    const { rows } = await sut.db.query<{ nik: string; n: number }>(
      `SELECT p.national_id AS nik, count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id
        WHERE p.national_id LIKE '7271410%' GROUP BY p.national_id`,
    );
    return rows;
  };

  beforeAll(async () => {
    sut = await startE2eStack();
    browser = await launchChromium();
    page = await newPage(browser);
    await signIn(page, sut.baseUrl, 'cw.palu');
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should take a ferry of 30 typed from the keyboard, through two network cuts and a reload, as 30 cases and no duplicate', async () => {
    // the network, as the test cuts it: `cut` refuses every call to the cases; `loseAnswerOf` lets that POST reach the
    // server and register its case, then loses the answer on the way back (the worst moment to fail)
    let cut = false;
    let posts = 0;
    let loseAnswerOf = 11;
    await page.route('**/api/v1/cases**', async (route: Route) => {
      if (cut) return route.abort('internetdisconnected');
      if (route.request().method() === 'POST') {
        posts += 1;
        if (posts === loseAnswerOf) {
          await route.fetch();
          cut = true;
          return route.abort('internetdisconnected');
        }
      }
      return route.continue();
    });

    // from the menu with the keyboard: the register screen links to the batch
    await tabTo(page, 'Registrasi');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Registrasi PMI yang tiba' }).waitFor();
    await tabTo(page, 'Banyak PMI tiba bersamaan? Isi sebagai rombongan');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Registrasi rombongan kedatangan' }).waitFor();

    // the arrival, once: the category from its list with the arrow keys, then the point, the time, the country
    await tabTo(page, 'Daftarkan satu per satu');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-haspopup")')).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 6; i += 1) {
      const active = await page.evaluate(
        'document.getElementById(document.activeElement?.getAttribute("aria-activedescendant") ?? "")?.textContent',
      );
      if (active === 'Deportan') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Pelabuhan Pantoloan, Palu');
    await page.keyboard.press('Tab');
    // Chromium's date-time control takes its keys in the order of the browser's own language, whatever the page's
    await page.getByLabel('Waktu tiba').fill('2026-12-05T08:30');
    await tabTo(page, 'Negara asal kepulangan');
    await page.keyboard.type('MY');
    expect(await page.getByRole('combobox', { name: 'Kategori' }).inputValue()).toBe('Deportan');
    expect(await page.getByLabel('Waktu tiba').inputValue()).toBe('2026-12-05T08:30');

    // one returnee per row: Tab between cells, Enter (or Tab) at the end of a row opens the next; the first rows key
    // by key, the others a cell's text at once (as an input method gives it), or the test would take minutes
    await page.keyboard.press('Tab');
    for (const [i, p] of people.entries()) {
      const type = (text: string) => (i < 3 ? page.keyboard.type(text) : page.keyboard.insertText(text));
      // the new row's first cell has the focus (as soon as React has drawn it)
      const label = `Nama lengkap, baris ${i + 1}`;
      for (let wait = 0; wait < 100 && (await focused(page)) !== label; wait += 1) await page.waitForTimeout(20);
      expect(await focused(page)).toBe(label);
      await type(p.name);
      await page.keyboard.press('Tab');
      await page.keyboard.press(p.sex); // the list takes the first letter: P(erempuan), L(aki-laki)
      for (const value of [p.born, i === REFUSED ? p.nik.slice(1) : p.nik, p.passport, p.province, p.regency]) {
        await page.keyboard.press('Tab');
        if (value) await type(value);
      }
      await page.keyboard.press(i % 2 ? 'Tab' : 'Enter');
    }
    expect(await page.getByRole('combobox', { name: 'Jenis kelamin, baris 30' }).inputValue()).toBe('F');
    expect(await page.getByRole('textbox', { name: 'NIK, baris 30' }).inputValue()).toBe(people[29]!.nik);
    expect(await seriousViolations(page)).toEqual([]);

    // the 31st row is empty: Tab leaves the table for the buttons
    await tabTo(page, 'Simpan 30 baris');
    await page.keyboard.press('Enter');

    // the 11th call reaches the server, which registers its case, but its answer is lost: the banner, and automatic retries
    const offline = page.getByRole('alert').filter({ hasText: 'Tidak ada koneksi ke server' });
    await offline.waitFor();
    expect(await offline.innerText()).toMatch(/\d+ baris belum tersimpan/);
    // (ten or more cases: one of the eleven calls was the refused row's)
    expect((await batchCases()).length).toBeGreaterThanOrEqual(10);
    // the network comes back: the batch carries on by itself (the next retry is due within a few seconds)
    loseAnswerOf = posts + 8;
    cut = false;
    await offline.waitFor({ state: 'detached', timeout: 30_000 });

    // cut again, then the tab is reloaded mid-batch: what was typed and saved is all there, and it says so
    await page.getByRole('alert').filter({ hasText: 'Tidak ada koneksi ke server' }).waitFor({ timeout: 60_000 });
    const beforeReload = (await batchCases()).length;
    expect(beforeReload).toBeGreaterThan(10);
    expect(beforeReload).toBeLessThan(30);
    await page.reload();
    const interrupted = page.getByRole('status').filter({ hasText: 'Rombongan ini belum selesai disimpan' });
    await interrupted.waitFor();
    expect(await page.getByRole('textbox', { name: 'Nama lengkap, baris 30' }).inputValue()).toBe(people[29]!.name);
    expect(await page.getByRole('link', { name: /^[A-Z]+-\d{4}-\d+$/ }).count()).toBeGreaterThanOrEqual(10);
    expect(await seriousViolations(page)).toEqual([]);

    cut = false;
    loseAnswerOf = 0;
    await tabTo(page, 'Lanjutkan');
    await page.keyboard.press('Enter');
    const progress = page.getByRole('status').filter({ hasText: 'baris tersimpan' });
    await progress.getByText('29 dari 30 baris tersimpan').waitFor({ timeout: 60_000 });
    expect(await progress.innerText()).toContain('1 ditolak');
    const bar = page.getByRole('progressbar', { name: 'Kemajuan penyimpanan rombongan' });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(95);

    // the refused row: the API's problem on its cell, in words, and the row's outcome
    const nik7 = page.getByRole('textbox', { name: `NIK, baris ${REFUSED + 1}` });
    expect(await nik7.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('NIK harus 16 angka.').waitFor();
    await page.getByText('Ditolak: Ada isian yang perlu diperbaiki.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // the picture: from the batch's arrival down, the progress and the first rows with the refused one
    await page.evaluate(
      'window.scrollTo(0, document.getElementById("batch-arrival").closest("section").getBoundingClientRect().top + window.scrollY - 72)',
    );
    await screenshot(page, 'batch');

    // corrected from the keyboard and saved
    await tabTo(page, `NIK, baris ${REFUSED + 1}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(people[REFUSED]!.nik);
    await tabTo(page, 'Simpan 1 baris');
    await page.keyboard.press('Enter');
    await progress.getByText('Semua 30 baris tersimpan sebagai kasus.').waitFor({ timeout: 30_000 });

    // one case per returnee, none twice, though several rows were sent more than once
    const found = await batchCases();
    expect(found.length).toBe(30);
    expect(found.every((r) => r.n === 1)).toBe(true);
    expect(new Set(found.map((r) => r.nik))).toEqual(new Set(people.map((p) => p.nik)));
    expect(posts).toBeGreaterThan(30);
    await page.unroute('**/api/v1/cases**');
  }, 480_000); // 30 rows typed key by key, two cuts, a reload: minutes on a busy machine

  it('should warn on a row of a returnee registered before, and start afresh once the batch is done', async () => {
    await tabTo(page, 'Selesai, mulai rombongan baru');
    await page.keyboard.press('Enter');
    await page.getByText('0 dari 0 baris tersimpan').waitFor();
    const kept = () =>
      page.evaluate<string[]>('Object.keys(localStorage).filter((k) => k.startsWith("rujukan.batch."))');
    expect(await kept()).toEqual([]); // the finished batch is gone from the browser
    await tabTo(page, 'NIK, baris 1');
    await page.keyboard.type(people[3]!.nik);
    expect((await kept()).length).toBe(1);
    const warning = page.getByText('Mungkin sudah pernah terdaftar:');
    await warning.waitFor();
    await page.getByText('NIK sama').waitFor();
    await page.getByRole('checkbox', { name: 'Kedatangan baru, buat kasus baru (baris 1)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await warning.waitFor({ state: 'detached' });
  });

  it('should fill rows from lines pasted from a spreadsheet, the sex as P or L', async () => {
    await page.goto(`${sut.baseUrl}/register/batch`);
    await page.getByRole('heading', { name: 'Registrasi rombongan kedatangan' }).waitFor();
    await tabTo(page, 'Nama lengkap, baris 1');
    const lines = [
      ['Rina Marlina', 'P', '12-03-1990', '7271420000000001', '', 'Sulawesi Tengah', 'Kabupaten Sigi'],
      ['Yosef Lamba', 'L', '1988-07-30', '7271420000000002', 'C7700123', 'Sulawesi Tengah', 'Kabupaten Poso'],
    ];
    // what a spreadsheet puts on the clipboard: a line per row, a tab between cells
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(lines.map((l) => l.join('\t')).join('\r\n') + '\r\n')});
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    expect(await page.getByRole('textbox', { name: 'Nama lengkap, baris 2' }).inputValue()).toBe('Yosef Lamba');
    expect(await page.getByRole('combobox', { name: 'Jenis kelamin, baris 1' }).inputValue()).toBe('F');
    expect(await page.getByRole('combobox', { name: 'Jenis kelamin, baris 2' }).inputValue()).toBe('M');
    expect(await page.getByRole('textbox', { name: 'Nomor paspor, baris 2' }).inputValue()).toBe('C7700123');
    expect(await page.getByRole('textbox', { name: 'Kabupaten/kota asal, baris 1' }).inputValue()).toBe(
      'Kabupaten Sigi',
    );
    await page.getByRole('button', { name: 'Simpan 2 baris' }).waitFor();
  });

  it('should show the process: the diagram, the steps, the deadlines in force, in Indonesian and in English', async () => {
    await tabTo(page, 'Alur dan tenggat', true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alur layanan dan tenggat waktu' }).waitFor();
    const diagram = page.getByRole('img', { name: /^Diagram alur/ });
    await diagram.locator('svg').waitFor();
    expect(await diagram.innerText()).toContain('Skrining dan penilaian risiko');
    expect(await diagram.innerText()).toContain('ada indikasi TPPO');
    // a label with a colon in it, translated whole (i18next once read the colon as a namespace: "on request)")
    expect(await diagram.innerText()).toMatch(/reintegrasi\s+\(risiko\s+rendah:\s+atas\s+permintaan\)/);
    expect(await diagram.innerText()).not.toContain('request');
    const steps = page.getByRole('list').filter({ hasText: 'Pelaksana' });
    expect(await steps.getByRole('listitem').count()).toBe(12);

    const sla = page.getByRole('table').filter({ hasText: 'Tahap' }).first();
    const row = (name: string | RegExp) => sla.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row('1. Registrasi kedatangan').innerText()).toMatch(/1 jam\s+4 jam\s+24 jam/);
    expect(await row('Mitra mengonfirmasi penerimaan rujukan').innerText()).toMatch(/2 jam\s+24 jam\s+3 hari kerja/);
    expect(await row('3. Penanganan darurat').innerText()).toMatch(/1 jam\s+tidak berlaku\s+tidak berlaku/);
    expect(await row('11. Pemantauan').innerText()).toContain('sesuai jadwal pemantauan');
    await page.getByText('Versi kebijakan tenggat: id-default-2026.1').waitFor();
    await page.getByText('hari ke-14, 30, 90, 180 sejak pemantauan dimulai').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'process');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { name: 'The process and its deadlines' }).waitFor();
    await page
      .getByRole('img', { name: /^Flow diagram/ })
      .getByText('Screening and risk triage')
      .waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const slaEn = page.getByRole('table').filter({ hasText: 'Step' }).first();
    expect(
      await slaEn
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'The partner acknowledges the referral' }) })
        .innerText(),
    ).toMatch(/2 hours\s+24 hours\s+3 working days/);
    await page.getByText('Deadline policy version: id-default-2026.1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('label', { hasText: /^ID$/ }).click();
    await page.getByRole('heading', { name: 'Alur layanan dan tenggat waktu' }).waitFor();
  });
});
