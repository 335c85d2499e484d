// What a walk through the console as its users found wrong, held right in Chromium on the real stack: the demo
// users' names in Indonesian (also in a database seeded with the former English ones), a timeline entry that says
// which escalation, which tier, which agency; "kurang dari 1 menit" rather than "0 menit"; a search that finds
// nothing says the filters may be why; the process diagram readable on a phone (it scrolls in its box instead of
// shrinking) with its colon-bearing arrow label translated whole; axe-core on each of these screens.
import type { Browser, Page } from 'playwright-core';
import { DEMO_AGENCIES, DEMO_USERS, seedDemoData } from '../../src/database/seed';
import { launchChromium, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng;

describe('the console as a caseworker and a supervisor read it, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let caseId = '';

  const name = async (username: string): Promise<string> =>
    (await sut.db.query(`SELECT display_name FROM users WHERE username = $1`, [username])).rows[0].display_name;

  async function act(type: string, payload: unknown = {}): Promise<any> {
    const res = await sut.http('POST', `/api/v1/cases/${caseId}/actions`, { type, payload });
    if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  // a phone unless told otherwise, signed in, at `path`
  async function opened(username: string, path: string, width = 390): Promise<Page> {
    const page = await newPage(browser, { width, height: width < 500 ? 844 : 800 });
    await signIn(page, sut.baseUrl, username);
    await page.goto(`${sut.baseUrl}${path}`);
    return page;
  }

  async function escalated(id: string): Promise<void> {
    for (let i = 0; i < 300; i += 1) {
      const { rows } = await sut.db.query(`SELECT 1 FROM escalations WHERE case_id = $1`, [id]);
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('no escalation opened');
  }

  beforeAll(async () => {
    // deadlines 500 times faster: the referral step of a HIGH case (24 h) is due in under three minutes, and a
    // registration whose arrival was two hours ago is overdue at once
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.002' });
    const body = registration('Wa Ode Hasnia', '7271014101900009');
    body.arrival.arrivedAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    const res = await sut.http('POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    caseId = res.body.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it('should seed the demo users with Indonesian names, and rename the former English ones unless renamed since', async () => {
    expect(await name('cw.palu')).toBe('Petugas Kasus BP3MI Sulawesi Tengah');
    expect(DEMO_USERS.spvPalu.displayName).toBe('Supervisor BP3MI Sulawesi Tengah');
    await sut.db.query(
      `UPDATE users SET display_name = 'Caseworker, BP3MI Sulawesi Tengah' WHERE username = 'cw.palu'`,
    );
    await sut.db.query(`UPDATE users SET display_name = 'Nur Aisyah Lamba' WHERE username = 'cw2.palu'`);
    await seedDemoData(sut.databaseUrl);
    expect(await name('cw.palu')).toBe('Petugas Kasus BP3MI Sulawesi Tengah');
    expect(await name('cw2.palu')).toBe('Nur Aisyah Lamba');
    // every seeded name reads as Indonesian: none of the former English words
    const { rows } = await sut.db.query(`SELECT display_name FROM users`);
    for (const r of rows) expect(r.display_name).not.toMatch(/Caseworker|Second|Head of/);
  });

  it('should say in the timeline which escalation opened, which tier the screening set, which agency was referred to', async () => {
    // the registration overdue: its escalation opens within seconds
    await escalated(caseId);
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: {}, riskTier: 'HIGH' });
    const consented = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA.id,
      dataCategories: ['MINIMUM'],
      expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    });
    await act('send-referral', {
      agencyId: UPTD_PPA.id,
      services: ['SHELTER'],
      legalBasis: 'CONSENT',
      consentId: consented.consents[0].id,
    });

    const page = await opened('cw.palu', `/cases/${caseId}`);
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Riwayat kasus' }) });
    const entry = (title: string) => history.locator('.mantine-Timeline-item', { hasText: title });
    await expect(entry('Eskalasi dibuka').first().innerText()).resolves.toContain('Level 1: Tahap melewati tenggat');
    await expect(entry('Skrining selesai').innerText()).resolves.toContain('Tingkat risiko: Tinggi');
    await expect(entry('Rujukan dikirim').innerText()).resolves.toContain('Lembaga: UPTD PPA Sulawesi Tengah');
    // no code shown for a step (an event without one once read "step.null")
    expect(await history.innerText()).not.toMatch(/step\.|[A-Z]{3,}_[A-Z]/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('should show a fresh escalation as waiting under a minute, not "0 menit", and name the supervisor in Indonesian', async () => {
    const page = await opened('spv.palu', '/', 1366);
    await page.getByText('Supervisor BP3MI Sulawesi Tengah').waitFor();
    // an escalation opened just now: the referral step of another HIGH case, overdue at once
    const body = registration('Sitti Rabiah', '7271014202910008');
    body.arrival.arrivedAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    const res = await sut.http('POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    await escalated(res.body.id);
    await page.getByRole('link', { name: 'Eskalasi' }).click();
    const row = page.getByRole('row', { name: new RegExp(res.body.caseNumber) });
    await expect(row.innerText()).resolves.toContain('kurang dari 1 menit');
    expect(await page.locator('main').innerText()).not.toMatch(/\b0 menit/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('should say why a search found nothing when filters are on', async () => {
    const page = await opened('cw.palu', '/cases');
    await page.getByLabel('Cari kasus').fill('tidak ada orang ini');
    // Status is "Berjalan" by default: a closed case would not be found
    await page.getByText(/Tidak ada kasus yang cocok\. Pilihan Tahap, Tingkat risiko, atau Status/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('should keep the process diagram readable on a phone: scrolled in a box Tab reaches, every label translated', async () => {
    const page = await opened('cw.palu', '/process');
    const diagram = page.getByRole('img', { name: /^Diagram alur/ });
    await diagram.locator('svg').waitFor();
    const width = await diagram.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(560);
    const box = page.locator('.diagram-scroll');
    expect(await box.getAttribute('tabindex')).toBe('0');
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // the arrow label with a colon in it, whole and in Indonesian
    expect(await diagram.innerText()).toMatch(/reintegrasi\s+\(risiko\s+rendah:\s+atas\s+permintaan\)/);
    expect(await diagram.innerText()).not.toMatch(/request|on request/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
