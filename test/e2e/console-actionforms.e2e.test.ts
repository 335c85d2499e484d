// The case page's action forms in a real browser, on the real stack: a caseworker registers a child through the
// register screen and takes the case to a referral through forms built from the actions' payload schemas (one of
// them by keyboard alone); the referral waits for a supervisor, who sees the approval in their inbox and approves it
// from the case page. Along the way: a 422 on its field, a 409 from a stale tab in words, a double click and a retry
// after a lost answer each acting once, axe-core with a form open.
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ACTION_TYPES } from '../../workflows/definition';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const ROOT = resolve(__dirname, '..', '..');

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  enum?: string[];
  properties?: Record<string, Schema>;
  description?: string;
};
type Words = Record<string, any>;

// The console's words (web/ is a module of its own: read here at run time, not compiled with the tests).
function consoleWords(lang: 'id' | 'en'): { forms: Words; core: Words } {
  const load = (file: string) => jest.requireActual<Record<string, Words>>(join(ROOT, 'web', 'src', 'i18n', file));
  return { forms: load('action-forms.ts')[lang]!.actionForms, core: load(`${lang}.ts`)[lang]! };
}

describe('the action forms of the case page in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  let caseUrl: string;
  let caseId: string;
  let caseNumber: string;

  beforeAll(async () => {
    sut = await startE2eStack();
    browser = await launchChromium();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  const events = async (type: string): Promise<number> => {
    const { rows } = await sut.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = $2', [
      caseId,
      type,
    ]);
    return rows[0].n as number;
  };
  const dialog = (p: Page) => p.getByRole('dialog');
  const pick = async (scope: Locator, label: string, option: string | RegExp) => {
    await scope.getByRole('combobox', { name: label }).click();
    await scope.getByRole('option', { name: option }).click();
  };
  const stepHeading = (p: Page, step: string) => p.getByRole('heading', { name: `Tahap sekarang: ${step}` });
  // Tab until the element with this accessible name has the focus: the keyboard's way to it
  const tabTo = async (p: Page, target: Locator) => {
    for (let i = 0; i < 60; i += 1) {
      await p.keyboard.press('Tab');
      if (await target.evaluate((el) => el.matches(':focus'))) return;
    }
    throw new Error('the keyboard never reached the element');
  };

  it('should have words in both languages for every field and value of every action payload the API serves', async () => {
    const doc = (await (await fetch(`${sut.baseUrl}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    const all = doc.components.schemas;
    // as the console reads it: ActionRequestDto's payload names each action's schema
    const named = [
      ...(all.ActionRequestDto!.properties!.payload!.description ?? '').matchAll(/([a-z][a-z-]*) → (\w+)/g),
    ];
    expect(named.map((m) => m[1]).sort()).toEqual([...ACTION_TYPES].sort());
    const deref = (s: Schema): Schema =>
      s.$ref
        ? deref(all[s.$ref.split('/').pop()!]!)
        : s.allOf?.length === 1
          ? { ...deref(s.allOf[0]!), ...s, allOf: undefined }
          : s;
    for (const lang of ['id', 'en'] as const) {
      const { forms, core } = consoleWords(lang);
      const missing: string[] = [];
      const walk = (type: string, schema: Schema) => {
        for (const [name, raw] of Object.entries(deref(schema).properties ?? {})) {
          const p = deref(raw);
          const items = p.items ? deref(p.items) : undefined;
          const words = forms.inAction[type]?.[name] ?? forms.field[name];
          if (!words?.label || !words?.help) missing.push(`${type}: ${name}`);
          for (const nested of [p, items]) if (nested?.properties) walk(type, nested);
          for (const v of p.enum ?? items?.enum ?? []) {
            const word =
              forms.enum[name]?.[v] ??
              (name === 'riskTier' ? core.tier[v] : name === 'step' ? core.step[v] : undefined);
            if (!word) missing.push(`${type}: ${name} = ${v}`);
          }
        }
      };
      for (const [, type, schema] of named) walk(type!, { $ref: `#/components/schemas/${schema}` });
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
  });

  it('should register a child on the register screen and complete the registration by keyboard alone', async () => {
    await signIn(page, sut.baseUrl, 'cw.palu');
    await page.getByRole('link', { name: 'Registrasi' }).click();
    await page.getByLabel('Nama lengkap').fill('Nur Aini Lasandara');
    await pick(page.locator('body'), 'Jenis kelamin', 'Perempuan');
    const born = new Date(Date.now() - 15 * 365.25 * 86400_000).toISOString().slice(0, 10);
    await page.getByLabel('Tanggal lahir').fill(born);
    await page.getByLabel('Provinsi asal').fill('Sulawesi Tengah');
    await page.getByLabel('Kabupaten/kota asal').fill('Kabupaten Donggala');
    await pick(page.locator('body'), 'Kategori', 'Deportan');
    await page.getByLabel('Tempat kedatangan (bandara, pelabuhan, PLBN)').fill('Pelabuhan Pantoloan, Palu');
    await page.getByLabel('Waktu tiba').fill(new Date(Date.now() - 3600_000).toISOString().slice(0, 16));
    await page.getByLabel('Negara asal kepulangan').fill('MY');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByRole('heading', { name: /· Nur Aini Lasandara$/ }).waitFor();
    caseUrl = page.url();
    caseId = caseUrl.split('/').pop()!;
    caseNumber = (await page.getByRole('heading', { level: 1 }).innerText()).split(' · ')[0]!;
    await stepHeading(page, 'Registrasi kedatangan').waitFor();

    // Tab to the action's button, Enter; type the note; Tab to Simpan, Enter
    const open = page.getByRole('button', { name: 'Selesaikan registrasi' });
    await tabTo(page, open);
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('heading', { name: 'Selesaikan registrasi' }).waitFor();
    await tabTo(page, dialog(page).getByLabel('Catatan'));
    await page.keyboard.type('Tiba bersama rombongan deportan; didampingi petugas pelabuhan.');
    await tabTo(page, dialog(page).getByRole('button', { name: 'Simpan' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Selesaikan registrasi: tersimpan.').waitFor();
    await expect(dialog(page).count()).resolves.toBe(0);
    await stepHeading(page, 'Skrining dan penilaian risiko').waitFor();
    // the timeline was read again: the note is there
    await page.getByText('Tiba bersama rombongan deportan; didampingi petugas pelabuhan.').waitFor();
    expect(await events('registration.completed')).toBe(1);
  });

  it('should screen the child; the same form in a stale tab is refused (409) in words, and the tab reads the case again', async () => {
    // a second tab of the same caseworker, opened on the case at screening, its form filled in
    const stale = await newPage(browser);
    await signIn(stale, sut.baseUrl, 'cw.palu');
    await stale.goto(caseUrl);
    await stale.getByRole('button', { name: 'Selesaikan skrining' }).click();
    await dialog(stale).getByLabel('Catatan').fill('Skrining kedua, dari tab lain.');

    await page.getByRole('button', { name: 'Selesaikan skrining' }).click();
    const form = dialog(page);
    await form.getByRole('group', { name: 'Temuan skrining' }).waitFor();
    await form.getByLabel('Anak (di bawah 18 tahun), terutama tanpa pendamping').check();
    await form.getByLabel('Catatan').fill('Anak 15 tahun, tanpa pendamping keluarga; tidak ada tanda TPPO.');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText('Selesaikan skrining: tersimpan.').waitFor();
    await stepHeading(page, 'Persetujuan dan rujukan').waitFor();

    await dialog(stale).getByRole('button', { name: 'Simpan' }).click();
    const refused = dialog(stale).getByRole('alert');
    await refused.getByText('Selesaikan skrining tidak bisa dilakukan sekarang').waitFor();
    await refused.getByText('Tahap kasus sekarang: Persetujuan dan rujukan.').waitFor();
    expect(await refused.innerText()).toMatch(/Yang bisa dilakukan sekarang: .*Catat persetujuan/);
    await dialog(stale).getByRole('button', { name: 'Batal' }).click();
    await stepHeading(stale, 'Persetujuan dan rujukan').waitFor();
    await stale.getByRole('button', { name: 'Catat persetujuan' }).waitFor();
    expect(await events('screening.completed')).toBe(1);
    await stale.context().close();
  });

  it("should record the guardian's consent: the child's own refused in words (409), a 422 on its field, axe clean", async () => {
    await page.getByRole('button', { name: 'Catat persetujuan' }).click();
    const form = dialog(page);
    await pick(form, 'Persetujuan diberikan oleh', 'PMI sendiri');
    await pick(form, 'Cara memberi persetujuan', 'Tertulis (ditandatangani)');
    await pick(form, 'Lembaga penerima data', 'UPTD PPA Sulawesi Tengah');
    await pick(form, 'Data yang boleh dibagikan', 'Kesehatan dan disabilitas');
    // the list closes when the form is clicked elsewhere
    await form.getByRole('heading', { name: 'Catat persetujuan' }).click();
    const until = new Date(Date.now() + 90 * 86400_000).toISOString().slice(0, 10);
    await form.getByLabel('Berlaku sampai').fill(`${until}T16:00`);
    await form.getByRole('button', { name: 'Simpan' }).click();
    // the case refuses what the form says, not the action: said why, in words
    const refused = form.getByRole('alert');
    await refused.getByText('Catat persetujuan belum bisa disimpan dengan isian ini:').waitFor();
    await refused.getByText('PMI ini masih anak: persetujuan harus diberikan orang tua atau wali.').waitFor();

    await pick(form, 'Persetujuan diberikan oleh', 'Orang tua atau wali');
    // the guardian's part shows for a guardian's consent only
    await form.getByRole('group', { name: /Orang tua atau wali/ }).waitFor();
    await form.getByLabel('Nama orang tua/wali').fill('Hasnah Lasandara');
    await form.getByRole('button', { name: 'Simpan' }).click();
    // the API's 422 names payload.guardian.relationship: on that field, in words, and on no other
    await form.getByRole('alert').getByText('Ada isian yang perlu diperbaiki.').waitFor();
    const relationship = form.getByLabel('Hubungan dengan PMI');
    await expect(relationship.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await relationship.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').find((x) => x.includes('error'))}"]`).innerText()).toBe(
      'Wajib diisi.',
    );
    await expect(form.locator('[aria-invalid="true"]').count()).resolves.toBe(1);
    expect(await events('consent.recorded')).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await relationship.fill('ibu kandung');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText('Catat persetujuan: tersimpan.').waitFor();
    expect(await events('consent.recorded')).toBe(1);
    // typed as 16.00 office time (WITA, UTC+8), sent as that instant
    const { rows } = await sut.db.query('SELECT expires_at FROM consents WHERE case_id = $1', [caseId]);
    expect((rows[0].expires_at as Date).toISOString()).toBe(`${until}T08:00:00.000Z`);
  });

  it('should send the referral once although the first answer was lost on the way back', async () => {
    await page.getByRole('button', { name: 'Kirim rujukan' }).click();
    const form = dialog(page);
    await pick(form, 'Lembaga mitra tujuan', 'UPTD PPA Sulawesi Tengah');
    await pick(form, 'Layanan yang diminta', 'Penampungan sementara');
    await form.getByRole('heading', { name: 'Kirim rujukan' }).click();
    await pick(form, 'Dasar hukum', 'Persetujuan PMI atau wali');
    await pick(form, 'Persetujuan yang dipakai', /UPTD PPA Sulawesi Tengah · Orang tua atau wali/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'case-action');
    // the API acts, but its answer never reaches the browser
    await page.route(
      '**/api/v1/cases/*/actions',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.getByRole('alert').getByText('Tidak ada koneksi ke server').waitFor();
    expect(await events('referral.approval_requested')).toBe(1);
    // trying again sends the same Idempotency-Key: answered, not done twice
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText('Kirim rujukan: tersimpan.').waitFor();
    await page.getByText('Menunggu persetujuan supervisor').first().waitFor();
    expect(await events('referral.approval_requested')).toBe(1);
    const { rows } = await sut.db.query('SELECT count(*)::int AS n FROM referrals WHERE case_id = $1', [caseId]);
    expect(rows[0].n).toBe(1);
  });

  it('should show the approval in the supervisor’s inbox; the supervisor approves it with a double click, once', async () => {
    const spv = await newPage(browser);
    await signIn(spv, sut.baseUrl, 'spv.palu');
    const row = spv.getByRole('row').filter({ hasText: caseNumber });
    await row.getByText('Setujui atau kembalikan rujukan (anak, atau tanpa persetujuan)').waitFor();
    await row.getByRole('link', { name: caseNumber }).click();
    await spv.getByRole('button', { name: 'Setujui rujukan' }).click();
    const form = dialog(spv);
    await pick(form, 'Rujukan yang disetujui', /UPTD PPA Sulawesi Tengah · Menunggu persetujuan supervisor/);
    await form.getByLabel('Catatan').fill('Disetujui; UPTD PPA punya tempat untuk anak.');
    await form.getByRole('button', { name: 'Simpan' }).dblclick();
    await spv.getByRole('status').getByText('Setujui rujukan: tersimpan.').waitFor();
    await spv.getByText(/^Terkirim\b/).waitFor();
    expect(await events('referral.approved')).toBe(1);
    // the caseworker's page, read again, shows it sent
    await page.reload();
    await page.getByText(/^Terkirim\b/).waitFor();
    await spv.context().close();
  });

  it('should speak English on request: the form, its help and its choices; Escape closes it, keeping what was typed', async () => {
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('button', { name: 'Propose closing the case' }).click();
    const form = dialog(page);
    await form.getByRole('heading', { name: `Propose closing the case · ${caseNumber}` }).waitFor();
    // the schema's default, in words
    await expect(form.getByRole('combobox', { name: 'Why the case closes' }).inputValue()).resolves.toBe(
      'Every step is done',
    );
    await form.getByText('Pick the reason for closing.').waitFor();
    await form.getByLabel('Reason').fill('Plan finished; she is back at school in Donggala.');
    await page.keyboard.press('Escape');
    await expect(dialog(page).count()).resolves.toBe(0);
    // what was typed is kept until the form succeeds
    await page.getByRole('button', { name: 'Propose closing the case' }).click();
    await expect(dialog(page).getByLabel('Reason').inputValue()).resolves.toBe(
      'Plan finished; she is back at school in Donggala.',
    );
    await page.keyboard.press('Escape');
    await page.locator('label', { hasText: /^ID$/ }).click();
  });
});
