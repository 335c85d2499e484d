// The case file on the case page, in Chromium on the real stack: documents uploaded from the keyboard and opened
// from a blob URL (the bytes come with the bearer token), a wrong file refused in words, a referral with its agency,
// status and the partner's deadlines, its letter opened as a PDF, the consents, and the returnee's name in the cases
// list; and the API fields behind them (the list's returnee, the referral's partnerDeadlines, the uploader's name).
import type { Browser, Page } from 'playwright-core';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, signIn } from '../support/console';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng;
// SLA_TIME_SCALE 0.002: a HIGH case's partner has 2 h x 0.002 = 14.4 s to acknowledge, then 24 h x 0.002 = 172.8 s
// to decide (PROCESS.md 5b, 5c)
const SCALE = 0.002;
const ACK_MS = 2 * 3600_000 * SCALE;
const DECIDE_MS = 24 * 3600_000 * SCALE;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Title (Surat persetujuan) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
// a real 1x1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('the case file in the console', () => {
  let sut: E2eStack;
  let browser: Browser;
  let page: Page;
  const tokens: Record<string, string> = {};
  let caseId = '';
  let caseNumber = '';
  let referralId = '';

  const as = (user: string) => sut.as(tokens[user]!);
  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const act = (type: string, payload: unknown = {}) =>
    ok(sut.http('POST', `/api/v1/cases/${caseId}/actions`, { type, payload }));

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: String(SCALE) });
    for (const u of ['cw.palu', 'staf.ppa.sulteng', 'ppa.sulteng']) tokens[u] = await sut.login(u);
    // a HIGH case (raised at screening) referred to UPTD PPA with the returnee's own consent
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName: 'Wa Ode Nurhayati',
          sex: 'F',
          dateOfBirth: '1991-08-17',
          nationalId: '7271015708910002',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: new Date().toISOString(), fromCountry: 'MY' },
        category: 'PMI_PURNA',
      }),
    );
    ({ id: caseId, caseNumber } = created);
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {}, riskTier: 'HIGH' });
    const consented = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA.id,
      dataCategories: ['MINIMUM', 'HEALTH'],
      expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    });
    const sent = await act('send-referral', {
      agencyId: UPTD_PPA.id,
      services: ['SHELTER', 'COUNSELLING'],
      legalBasis: 'CONSENT',
      consentId: consented.consents[0].id,
    });
    referralId = sent.referrals[0].id;
    browser = await launchChromium();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it("should give the partner's deadlines with each referral of the case, and when it answered", async () => {
    const before = (await ok(sut.http('GET', `/api/v1/cases/${caseId}`))).referrals[0];
    expect(before.partnerDeadlines).toEqual({
      acknowledge: { dueAt: new Date(Date.parse(before.sentAt) + ACK_MS).toISOString(), answeredAt: null },
      // the decision's clock starts at the acknowledgement
      decide: { dueAt: null, answeredAt: null },
    });
    // the partner's staff acknowledges after its deadline has passed
    await new Promise((r) =>
      setTimeout(r, Math.max(0, Date.parse(before.partnerDeadlines.acknowledge.dueAt) - Date.now()) + 1500),
    );
    await ok(sut.http('POST', `/api/v1/referrals/${referralId}/acknowledge`, {}, as('staf.ppa.sulteng')));
    let after: any;
    for (let i = 0; i < 50; i++) {
      after = (await ok(sut.http('GET', `/api/v1/cases/${caseId}`))).referrals[0];
      if (after.partnerDeadlines.acknowledge.answeredAt) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const answeredAt = Date.parse(after.partnerDeadlines.acknowledge.answeredAt);
    expect(answeredAt).toBeGreaterThan(Date.parse(after.partnerDeadlines.acknowledge.dueAt));
    expect(after.partnerDeadlines.decide).toEqual({
      dueAt: new Date(answeredAt + DECIDE_MS).toISOString(),
      answeredAt: null,
    });
  });

  it("should name the returnee, with the date of birth, in the office's list and in a search", async () => {
    const audited = async () =>
      (await sut.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.list'`)).rows[0].n as number;
    const before = await audited();
    const listed = (await ok(sut.http('GET', '/api/v1/cases?limit=100'))).items.find((c: any) => c.id === caseId);
    // a list that names people is a read of personal data: audited (a search is audited as case.search)
    expect(await audited()).toBe(before + 1);
    expect(listed.returnee).toEqual({ fullName: 'Wa Ode Nurhayati', dateOfBirth: '1991-08-17' });
    // the list carries the name, never the rest of the file
    expect(listed.person).toBeUndefined();
    const found = (await ok(sut.http('GET', '/api/v1/cases?q=nurhayati'))).items;
    expect(found.map((c: any) => c.returnee)).toEqual([{ fullName: 'Wa Ode Nurhayati', dateOfBirth: '1991-08-17' }]);
  });

  it('should show the name in the cases list, and open the case', async () => {
    await signIn(page, sut.baseUrl, 'cw.palu');
    await page.getByRole('link', { name: 'Kasus', exact: true }).click();
    await page.getByRole('heading', { name: 'Kasus di kantor saya' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Wa Ode Nurhayati[\s\S]*17 Agustus 1991/);
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { name: 'Dokumen', exact: true }).waitFor();
  });

  // Tab from the kind of document to the upload button, choosing the file from the keyboard.
  async function uploadFromKeyboard(file: { name: string; mimeType: string; buffer: Buffer }, kindSteps = 0) {
    // listened for first: Playwright intercepts the browser's file dialog only once someone listens
    const chooser = page.waitForEvent('filechooser');
    const kind = page.getByLabel('Jenis dokumen');
    await kind.focus();
    for (let i = 0; i < kindSteps; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(file);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement?.textContent')) === 'Unggah') break;
    }
    await page.keyboard.press('Enter');
  }

  // What a button opens in a new tab: the API's answer (its type and first bytes), and the tab on a blob URL.
  async function opened(button: string, api: RegExp): Promise<{ type: string; head: string; tab: string }> {
    // the answer passes through the test on its way to the page, which reads it as it comes
    let served = { type: '', head: '' };
    await page.route(api, async (route) => {
      const res = await route.fetch();
      served = {
        type: res.headers()['content-type'] ?? '',
        head: (await res.body()).subarray(0, 4).toString('latin1'),
      };
      await route.fulfill({ response: res });
    });
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: button }).first().focus();
    await page.keyboard.press('Enter');
    const tab = await popup;
    await tab.waitForURL(/^blob:/);
    const url = tab.url();
    await tab.close();
    await page.unroute(api);
    return { ...served, tab: url.replace(/[0-9a-f-]{36}$/, '…') };
  }

  it('should upload a PDF and a PNG from the keyboard, list them with who and when, and open each', async () => {
    await uploadFromKeyboard({ name: 'surat-persetujuan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('status').getByText('Dokumen "surat-persetujuan.pdf" sudah diunggah.').waitFor();
    // Salinan paspor / KTP: five down from the first kind
    await uploadFromKeyboard({ name: 'paspor.png', mimeType: 'image/png', buffer: PNG }, 5);
    await page.getByRole('status').getByText('Dokumen "paspor.png" sudah diunggah.').waitFor();

    const docs = page.getByRole('region', { name: 'Dokumen', exact: true });
    const pdfRow = docs.getByRole('listitem').filter({ hasText: 'surat-persetujuan.pdf' });
    expect(await pdfRow.innerText()).toMatch(
      /Surat persetujuan \(bertanda tangan\)[\s\S]*Diunggah oleh Petugas Kasus BP3MI Sulawesi Tengah, \d+ \w+ \d{4}/,
    );
    expect(await docs.getByRole('listitem').filter({ hasText: 'paspor.png' }).innerText()).toContain(
      'Salinan paspor / KTP',
    );

    const pdf = await opened('Buka surat-persetujuan.pdf', /\/documents\/[0-9a-f-]+$/);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF', tab: `blob:${sut.baseUrl}/…` });
    const png = await opened('Buka paspor.png', /\/documents\/[0-9a-f-]+$/);
    expect(png).toEqual({ type: 'image/png', head: '\x89PNG', tab: `blob:${sut.baseUrl}/…` });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should refuse a file of the wrong type (the API) and one over 10 MB (before sending it), in words', async () => {
    await uploadFromKeyboard({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan dokumen') });
    await page.getByText('Jenis berkas tidak diterima. Unggah PDF, JPG, atau PNG').waitFor();
    await uploadFromKeyboard({
      name: 'besar.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    await page.getByText('Berkas terlalu besar. Paling besar 10 MB').waitFor();
    // nothing of either was stored
    const names = (await ok(sut.http('GET', `/api/v1/cases/${caseId}/documents`))).items.map((d: any) => d.filename);
    expect(names.sort()).toEqual(['paspor.png', 'surat-persetujuan.pdf']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("should show the referral with its agency, status and the partner's deadlines, and the consent", async () => {
    const referrals = page.getByRole('region', { name: 'Rujukan', exact: true });
    await referrals.getByRole('heading', { name: UPTD_PPA.name }).waitFor();
    const text = await referrals.innerText();
    expect(text).toContain('Diterima mitra');
    expect(text).toMatch(/Layanan: penampungan, konseling/);
    // acknowledged after its deadline: how late, in words; the decision's deadline still running
    expect(text).toMatch(/Mitra menerima rujukan: tenggat [^\n]+ · dijawab [^\n]+ · terlambat kurang dari 1 menit/);
    expect(text).toMatch(/Mitra menyanggupi atau menolak: tenggat [^\n]+ · \d+ menit lagi/);
    expect(text).toMatch(/Diterima mitra oleh lembaga mitra, \d+ \w+ \d{4}/);

    const consents = page.getByRole('region', { name: 'Persetujuan berbagi data', exact: true });
    const said = await consents.innerText();
    expect(said).toContain(`Untuk: ${UPTD_PPA.name}`);
    expect(said).toContain('Diberikan oleh PMI sendiri');
    expect(said).toContain('kesehatan dan disabilitas');
    expect(said).toContain('Berlaku');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Kosongkan pilihan berkas' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
    // the whole case file in one view, from the person to the letters
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.evaluate("window.scrollTo({ top: 0, behavior: 'instant' })");
    await screenshot(page, 'case-file');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('should open the referral letter as a PDF from the keyboard', async () => {
    const letter = await opened(`Cetak surat rujukan ke ${UPTD_PPA.name}`, /\/letters\/referral\//);
    expect(letter).toEqual({ type: 'application/pdf', head: '%PDF', tab: `blob:${sut.baseUrl}/…` });
  });

  it('should say who declined the referral and why, and delete a document with a reason', async () => {
    await ok(
      sut.http(
        'POST',
        `/api/v1/referrals/${referralId}/decline`,
        { reason: 'Rumah aman penuh minggu ini' },
        as('ppa.sulteng'),
      ),
    );
    await page.reload();
    const referrals = page.getByRole('region', { name: 'Rujukan', exact: true });
    await referrals.getByText('Alasan: Rumah aman penuh minggu ini').waitFor();
    expect(await referrals.innerText()).toMatch(/Ditolak oleh kepala unit mitra, \d+ \w+ \d{4}/);

    await page.getByRole('button', { name: 'Hapus paspor.png' }).click();
    await page.getByLabel('Alasan menghapus').fill('Salah unggah: paspor orang lain');
    await page.getByRole('button', { name: 'Hapus dokumen' }).click();
    const row = page
      .getByRole('region', { name: 'Dokumen', exact: true })
      .getByRole('listitem')
      .filter({ hasText: 'paspor.png' });
    await row
      .getByText(/Dihapus oleh Petugas Kasus BP3MI Sulawesi Tengah, .*: Salah unggah: paspor orang lain/)
      .waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
