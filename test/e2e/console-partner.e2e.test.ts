// The partner portal in Chromium on the real stack: a caseworker refers cases over HTTP to UPTD PPA Sulawesi Tengah;
// the agency's head of unit signs in, sees its referrals (those waiting for an answer first, with their deadlines),
// and acknowledges, accepts and completes one with the keyboard alone; declines another with a reason; is told in
// words when an answer comes too late. The returnee's name, NIK and passport number never reach the page, in the DOM
// or in any answer the API gave it, unless the agency's allow-list and the consent both allow the name (a second
// case shows it). The partner's pages ask nothing of the staff's API; staff and partners each stay on their own
// screens. axe-core on every screen, also 390 px wide.
import { execFileSync } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { DEMO_PASSWORD, newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';
import { firstMatch } from '../support/wait';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const RS = DEMO_AGENCIES.rsBhayangkara.id;
// withheld: the consent leaves IDENTITY out, though the agency's allow-list has fullName
const HIDDEN = { name: 'Sitti Aminah Lamarauna', nik: '7271015708910011', passport: 'C7391046' };
// shown: the allow-list and the consent both allow it
const SHOWN = { name: 'Wa Ode Rahmatia', nik: '7271016203920007', passport: 'C5528810' };
// withheld the other way: a consent with IDENTITY, to an agency whose allow-list is the minimum
const RS_HIDDEN = { name: 'Nurlela Binti Lagandu', nik: '7271014401930004', passport: 'C1183347' };
// the paths a partner's pages may ask (the auth routes, its own notifications, its referrals, the letters of them)
const PARTNER_PATHS = [
  /^\/api\/v1\/auth\//,
  /^\/api\/v1\/me\//,
  /^\/api\/v1\/referrals(\?|$|\/)/,
  /^\/api\/v1\/cases\/[^/]+\/letters\/referral\/[^/]+$/,
];

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false);
}

// Presses Tab until the element has the focus, as a keyboard user moves through the page.
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

// Every answer of the API the page received, its text (a PDF's as pdftotext reads it), and every path it asked. A
// letter is read as it passes (Chromium keeps no body of a response the page took as a blob).
async function record(page: Page): Promise<{ bodies: string[]; paths: string[] }> {
  const seen = { bodies: [] as string[], paths: [] as string[] };
  await page.route('**/api/v1/cases/*/letters/**', async (route) => {
    const res = await route.fetch();
    const bytes = await res.body();
    const pdf = (res.headers()['content-type'] ?? '').includes('application/pdf');
    seen.bodies.push(pdf ? execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8') : bytes.toString());
    await route.fulfill({ response: res, body: bytes });
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/')) return;
    seen.paths.push(url.pathname + url.search);
    if (url.pathname.includes('/letters/')) return;
    void res
      .body()
      .then((bytes) => seen.bodies.push(bytes.toString()))
      .catch((e) => seen.bodies.push(`UNREADABLE ${res.status()} ${e}`));
  });
  return seen;
}

async function signInPartner(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Rujukan untuk lembaga Anda' }).waitFor();
}

describe('the partner portal in the console', () => {
  let sut: E2eStack;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  const as = (user: string) => sut.as(tokens[user]!);
  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // A case of the returnee screened MEDIUM and referred to the agency with a consent of these data categories.
  async function referred(
    who: { name: string; nik: string; passport: string },
    agencyId: string,
    dataCategories: string[],
    services: string[],
  ): Promise<{ caseId: string; caseNumber: string; referralId: string }> {
    const body = registration(who.name, who.nik, 'PMI_PURNA');
    const created = await ok(
      sut.http('POST', '/api/v1/cases', { ...body, person: { ...body.person, passportNumber: who.passport } }),
    );
    const act = (type: string, payload: unknown = {}) =>
      ok(sut.http('POST', `/api/v1/cases/${created.id}/actions`, { type, payload }));
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {}, riskTier: 'MEDIUM' });
    const consented = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: agencyId,
      dataCategories,
      expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    });
    const sent = await act('send-referral', {
      agencyId,
      services,
      legalBasis: 'CONSENT',
      consentId: consented.consents[0].id,
    });
    const referralId = sent.referrals.find((r: { agencyId: string }) => r.agencyId === agencyId).id as string;
    return { caseId: created.id, caseNumber: created.caseNumber, referralId };
  }

  let hidden: Awaited<ReturnType<typeof referred>>;
  let shown: Awaited<ReturnType<typeof referred>>;
  let rsHidden: Awaited<ReturnType<typeof referred>>;

  beforeAll(async () => {
    sut = await startE2eStack();
    for (const u of ['cw.palu', 'admin', 'staf.ppa.sulteng', 'ppa.sulteng', 'rs.bhayangkara']) {
      tokens[u] = await sut.login(u);
    }
    // the agency may receive the name; whether it does is the consent's
    await ok(
      sut.http(
        'PATCH',
        `/api/v1/partner-agencies/${UPTD_PPA}`,
        { allowedFields: ['age', 'sex', 'language', 'riskTier', 'fullName'] },
        as('admin'),
      ),
    );
    hidden = await referred(HIDDEN, UPTD_PPA, ['MINIMUM', 'HEALTH'], ['SHELTER', 'COUNSELLING']);
    shown = await referred(SHOWN, UPTD_PPA, ['MINIMUM', 'IDENTITY'], ['COUNSELLING']);
    rsHidden = await referred(RS_HIDDEN, RS, ['MINIMUM', 'IDENTITY', 'HEALTH'], ['MEDICAL']);
    // the office issues the letter (its number); the partner prints its copy
    await ok(sut.http('GET', `/api/v1/cases/${hidden.caseId}/letters/referral/${hidden.referralId}`));
    // a medical record the HEALTH consent shares with the referral
    const form = new FormData();
    form.append('kind', 'MEDICAL_RECORD');
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Title (Hasil pemeriksaan) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'hasil-pemeriksaan.pdf');
    const uploaded = await fetch(`${sut.baseUrl}/api/v1/cases/${hidden.caseId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['cw.palu']}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should give a partner the name only where the allow-list and the consent both allow it, with its deadlines', async () => {
    const list = (await ok(sut.http('GET', '/api/v1/referrals?limit=200', undefined, as('ppa.sulteng')))).items;
    const of = (id: string) => list.find((r: { id: string }) => r.id === id);
    expect(of(hidden.referralId)).toMatchObject({ returneeName: null, status: 'SENT' });
    expect(of(shown.referralId)).toMatchObject({ returneeName: SHOWN.name });
    expect(JSON.stringify(list)).not.toContain(HIDDEN.name);
    expect(JSON.stringify(list)).not.toContain(SHOWN.nik);
    // acknowledging is due (a MEDIUM case: PROCESS.md 5b), deciding not counted before it
    const d = of(hidden.referralId).partnerDeadlines;
    expect(Date.parse(d.acknowledge.dueAt)).toBeGreaterThan(Date.now());
    expect(d).toMatchObject({ acknowledge: { answeredAt: null }, decide: { dueAt: null, answeredAt: null } });
    const rs = (await ok(sut.http('GET', '/api/v1/referrals?limit=200', undefined, as('rs.bhayangkara')))).items;
    expect(rs.find((r: { id: string }) => r.id === rsHidden.referralId)).toMatchObject({ returneeName: null });
    expect(JSON.stringify(rs)).not.toContain(RS_HIDDEN.name);
  });

  it("should let the agency's head acknowledge, accept and complete a referral with the keyboard, never seeing a withheld name", async () => {
    const page = await newPage(browser);
    const seen = await record(page);
    await signInPartner(page, sut.baseUrl, 'ppa.sulteng');

    // home: the referrals waiting for an answer, with what is owed and its countdown; no staff menu
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Rujukan masuk']);
    const due = page.getByRole('region', { name: 'Perlu dijawab' });
    const card = due.getByRole('listitem').filter({ hasText: hidden.caseNumber });
    await card.getByText('Nama tidak dibagikan').waitFor();
    await card.getByText(/Konfirmasi terima · paling lambat/).waitFor();
    await card.getByText(/lagi$/).waitFor();
    await due.getByRole('listitem').filter({ hasText: SHOWN.name }).waitFor();
    // soonest deadline first: A was sent first; nothing of another agency
    const cards = await due.getByRole('listitem').allTextContents();
    expect(cards.map((c) => c.slice(0, hidden.caseNumber.length))).toEqual([hidden.caseNumber, shown.caseNumber]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'partner-home');

    // the referral, by keyboard
    const link = page.getByRole('link', { name: `Buka rujukan ${hidden.caseNumber}` });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Nomor kasus ${hidden.caseNumber}` }).waitFor();
    await page.getByText('penampungan, konseling', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Buka hasil-pemeriksaan.pdf' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'partner-referral');

    const acknowledge = page.getByRole('button', { name: 'Konfirmasi rujukan diterima' });
    await tabTo(page, acknowledge);
    await page.keyboard.press('Enter');
    await page.getByText('Rujukan sudah dikonfirmasi diterima.').waitFor();
    await page.getByText('Diterima mitra', { exact: true }).waitFor();

    const accept = page.getByRole('button', { name: 'Sanggupi rujukan' });
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
    await page.getByText('Rujukan sudah disanggupi.').waitFor();

    const summary = page.getByLabel('Ringkasan layanan yang diberikan');
    await tabTo(page, summary);
    await page.keyboard.type('Konseling 4 sesi selesai; PMI sudah kembali ke keluarga.');
    await tabTo(page, page.getByRole('button', { name: 'Laporkan layanan selesai' }));
    await page.keyboard.press('Enter');
    await page.getByText('Layanan sudah dilaporkan selesai. Terima kasih.').waitFor();
    await page.getByText('Selesai', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the letter, printed from the partner's copy
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Cetak surat rujukan' }).click(),
    ]);
    await firstMatch(
      seen.bodies,
      (b) => b.includes('Pimpinan UPTD PPA Sulawesi Tengah') && b.includes(hidden.caseNumber),
      15_000,
      "the partner's copy of the letter",
    );
    await tab.close();

    // the case shows the partner's answers
    const c = await ok(sut.http('GET', `/api/v1/cases/${hidden.caseId}`));
    expect(c.referrals.find((r: { id: string }) => r.id === hidden.referralId)).toMatchObject({
      status: 'COMPLETED',
      summary: 'Konseling 4 sesi selesai; PMI sudah kembali ke keluarga.',
    });

    // what the page was given: the referrals (so the search below has something to search), never a withheld name
    await page.waitForLoadState('networkidle');
    const html = await page.content();
    const answers = seen.bodies.join('\n');
    expect(answers).toContain(hidden.caseNumber);
    expect(answers).not.toContain('UNREADABLE');
    for (const secret of [HIDDEN.name, HIDDEN.nik, HIDDEN.passport, SHOWN.nik, SHOWN.passport, RS_HIDDEN.name]) {
      expect(html).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
    // and nothing of the staff's API
    expect(seen.paths.filter((p) => !PARTNER_PATHS.some((re) => re.test(p)))).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('should show the name both allow, say a late answer in words, and decline with a reason', async () => {
    const page = await newPage(browser);
    await signInPartner(page, sut.baseUrl, 'ppa.sulteng');
    await page.getByRole('link', { name: `Buka rujukan ${shown.caseNumber}` }).click();
    await page.getByRole('heading', { name: `Nomor kasus ${shown.caseNumber}` }).waitFor();
    await page.getByText(SHOWN.name).waitFor();
    expect(await page.content()).not.toContain(SHOWN.nik);

    // the agency's staff acknowledged it meanwhile: this page's answer comes second
    await ok(sut.http('POST', `/api/v1/referrals/${shown.referralId}/acknowledge`, {}, as('staf.ppa.sulteng')));
    await page.getByRole('button', { name: 'Konfirmasi rujukan diterima' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Jawaban ini tidak bisa dikirim: rujukan sudah berstatus "Diterima mitra".' })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // declining needs a reason, in words
    const decline = page.getByRole('button', { name: 'Tolak rujukan' });
    await decline.click();
    await page.getByText('Pilih alasan menolak.').waitFor();
    const reason = page.getByLabel('Alasan menolak');
    await tabTo(page, reason);
    await reason.selectOption({ label: 'Daya tampung penuh' });
    await tabTo(page, page.getByLabel('Keterangan alasan'));
    await page.keyboard.type('Shelter penuh sampai akhir bulan');
    await tabTo(page, decline);
    await page.keyboard.press('Enter');
    await page.getByText('Rujukan sudah ditolak. BP3MI akan mencari lembaga lain.').waitFor();
    const c = await ok(sut.http('GET', `/api/v1/cases/${shown.caseId}`));
    expect(c.referrals.find((r: { id: string }) => r.id === shown.referralId)).toMatchObject({
      status: 'DECLINED',
      reason: 'Daya tampung penuh: Shelter penuh sampai akhir bulan',
    });
    await page.context().close();
  }, 120_000);

  it("should keep a partner's staff from deciding, and fit a phone 390 px wide", async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    const seen = await record(page);
    await signInPartner(page, sut.baseUrl, 'staf.ppa.sulteng');
    expect(await seriousViolations(page)).toEqual([]);
    const width = () => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
    expect(await width()).toBeLessThanOrEqual(390);
    await screenshot(page, 'partner-home-phone');
    // the menu behind the burger has the partner's page only
    await page.getByRole('button', { name: 'Menu utama' }).click();
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Rujukan masuk']);
    await page.keyboard.press('Escape');

    await page.goto(`${sut.baseUrl}/partner/referrals/${hidden.referralId}`);
    await page.getByRole('heading', { name: `Nomor kasus ${hidden.caseNumber}` }).waitFor();
    await page.getByText('Rujukan ini sudah tidak menunggu jawaban dari lembaga Anda.').waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'partner-referral-phone');

    // a staff address takes a partner home
    await page.goto(`${sut.baseUrl}/cases/${hidden.caseId}`);
    await page.getByRole('heading', { name: 'Rujukan untuk lembaga Anda' }).waitFor();
    expect(seen.paths.filter((p) => !PARTNER_PATHS.some((re) => re.test(p)))).toEqual([]);
    expect(await page.content()).not.toContain(HIDDEN.name);
    await page.context().close();
  }, 120_000);

  it("should keep staff off the partner's pages", async () => {
    const page = await newPage(browser);
    await signIn(page, sut.baseUrl, 'cw.palu');
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await nav.getByRole('link', { name: 'Rujukan masuk' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Kasus', exact: true }).count()).toBe(1);
    await page.goto(`${sut.baseUrl}/partner/referrals/${hidden.referralId}`);
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Rujukan untuk lembaga Anda' }).count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
