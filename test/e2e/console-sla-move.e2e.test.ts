// Issue 20, the console: a head of office drafts their own province's SLA policy (no province to choose, the diff in
// words), and a supervisor moves the office's running cases to a shorter version from the keyboard alone: the
// preview names the case that would be late at once, the move asks first, runs with a progress bar to its end, and
// the late case's timeline shows the move with its reason and both versions, then its escalation. In Indonesian and
// in English, axe-core clean at every stage, and on a 390 px phone.
// SLA_TIME_SCALE 0.01: an hour of policy is 36 s here. Registration (MEDIUM) is 8 h (288 s) under the version the
// cases start with, 2 h (72 s) under the one they move to: a case 80 s old is late at once, one just made is not.
import type { Browser } from 'playwright-core';
import {
  horizontalOverflow,
  launchChromium,
  screenshot,
  seriousViolations,
  settledViolations,
  tabTo,
  isFocused,
} from '../support/browser';
import { newPage, signIn } from '../support/console';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const registration = (fullName: string) => ({
  person: {
    fullName,
    sex: 'F',
    dateOfBirth: '1990-02-11',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Sigi' },
  },
  arrival: {
    point: 'Pelabuhan Pantoloan',
    arrivedAt: new Date(Date.now() - 3600_000).toISOString(),
    fromCountry: 'MY',
  },
  category: 'DEPORTEE',
});
const REASON = 'SOP provinsi 2027: registrasi paling lama 2 jam';

describe('moving running cases to another SLA version, and a head’s own policy page, in Chromium', () => {
  let sut: E2eStack;
  let browser: Browser;
  let admin: Record<string, string>;
  let spv: Record<string, string>;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: '0.01' });
    browser = await launchChromium();
    admin = sut.as(await sut.login('admin'));
    spv = sut.as(await sut.login('spv.palu'));
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 202) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
  // a version of Sulawesi Tengah's policy with registration (MEDIUM) at `hours`, stored and, if asked, in force
  async function policy(version: string, hours: number, activate: boolean): Promise<void> {
    const { slaPolicy } = await ok(sut.http('GET', '/api/v1/process-definition'));
    const deadlines = { ...slaPolicy.deadlines };
    deadlines.REGISTRATION = { ...deadlines.REGISTRATION, MEDIUM: { amount: hours, unit: 'hours' } };
    await ok(sut.http('POST', '/api/v1/sla-policies', { province: 'Sulawesi Tengah', version, deadlines }, admin));
    if (activate) await activateVersion(version);
  }
  const activateVersion = (version: string) =>
    ok(sut.http('POST', `/api/v1/sla-policies/${version}/activate`, undefined, admin));

  it('should let a head draft the province policy, and a supervisor preview and move the office’s cases', async () => {
    await policy('sulteng-long', 8, true);
    await policy('sulteng-short', 2, false);
    const late = await ok(sut.http('POST', '/api/v1/cases', registration('Wa Ode Nurhaya')));
    const madeAt = Date.now();

    // meanwhile the head of office: their province's drafts, with no other province to choose
    const head = await newPage(browser, { width: 1366, height: 900 });
    await signIn(head, sut.baseUrl, 'head.palu');
    const headMenu = head.getByRole('navigation', { name: 'Menu utama' });
    await headMenu.getByRole('link', { name: 'Pindahkan kasus ke SLA lain' }).waitFor();
    await headMenu.getByRole('link', { name: 'Kebijakan SLA provinsi' }).click();
    await head.getByRole('heading', { name: 'Kebijakan SLA Sulawesi Tengah', level: 1 }).waitFor();
    await head.getByText('Belum ada draf.').waitFor();
    expect(await head.getByLabel('Provinsi draf').count()).toBe(0);
    await tabTo(head, head.getByRole('button', { name: 'Buat draf' }));
    await head.keyboard.press('Enter');
    await head.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 1' }).waitFor();
    const screening = head.getByLabel('Jumlah tenggat Skrining dan penilaian risiko, risiko Sedang');
    await tabTo(head, screening);
    await head.keyboard.press('Control+A');
    await head.keyboard.type('2');
    await tabTo(head, head.getByRole('button', { name: 'Simpan draf' }));
    await head.keyboard.press('Enter');
    await head.getByRole('heading', { name: 'Draf Sulawesi Tengah · revisi 2' }).waitFor();
    const diff = head.getByRole('region', { name: /^Perbedaan dengan versi yang berlaku \(sulteng-long\)/ });
    await expect(
      diff
        .getByRole('row')
        .filter({ has: head.getByRole('rowheader', { name: 'Skrining dan penilaian risiko' }) })
        .innerText(),
    ).resolves.toMatch(/Sedang\s+3 jam\s+2 jam\s+lebih singkat/i);
    const drafts = head.getByRole('table', { name: 'Daftar draf' });
    await expect(drafts.getByRole('row').nth(1).innerText()).resolves.toMatch(/^Sulawesi Tengah\s+sulteng-long\s+2/);
    expect(await seriousViolations(head)).toEqual([]);
    const stored = await sut.db.query(`SELECT region, policy FROM sla_policy_drafts`);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].region).toBe('Sulawesi Tengah');
    expect(stored.rows[0].policy.deadlines.SCREENING.MEDIUM).toEqual({ amount: 2, unit: 'hours' });
    await head.context().close();

    // the second case once the first is past 2 h (72 s) of registration; then the shorter version in force
    await new Promise((r) => setTimeout(r, Math.max(0, madeAt + 80_000 - Date.now())));
    const early = await ok(sut.http('POST', '/api/v1/cases', registration('Siti Rahmawati')));
    await activateVersion('sulteng-short');

    const page = await newPage(browser, { width: 1366, height: 900 });
    await signIn(page, sut.baseUrl, 'spv.palu');
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await menu.getByRole('link', { name: 'Kebijakan SLA provinsi' }).count()).toBe(0);
    await tabTo(page, menu.getByRole('link', { name: 'Pindahkan kasus ke SLA lain' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pindahkan kasus berjalan ke versi SLA lain', level: 1 }).waitFor();

    // no version chosen: said on the field; then the version, all open cases, the preview
    await tabTo(page, page.getByRole('button', { name: 'Lihat pratinjau' }));
    await page.keyboard.press('Enter');
    await page.getByText('Pilih versi tujuan.').waitFor();
    const version = page.getByLabel('Versi tujuan');
    await tabTo(page, version);
    await version.selectOption({ label: 'sulteng-short · Sulawesi Tengah · berlaku sekarang' });
    await expect(page.getByLabel('Semua kasus berjalan di kantor ini').isChecked()).resolves.toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Lihat pratinjau' }));
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Pratinjau ke versi sulteng-short' });
    await heading.waitFor();
    await expect(isFocused(heading)).resolves.toBe(true);
    await page.getByText('2 kasus akan dipindahkan; 1 di antaranya langsung lewat tenggat dan dieskalasi.').waitFor();
    const table = page.getByRole('table', { name: 'Kasus yang akan dipindahkan' });
    const row = (caseNumber: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: caseNumber }) });
    // dates in the office's zone, in Indonesian form
    await expect(row(late.caseNumber).innerText()).resolves.toMatch(
      /Registrasi kedatangan\s+Sedang\s+sulteng-long\s+\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WITA\s+\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WITA\s+Langsung lewat tenggat, dieskalasi/,
    );
    await expect(row(early.caseNumber).innerText()).resolves.toMatch(/Masih dalam tenggat\s*$/);
    expect(await seriousViolations(page)).toEqual([]);

    // the reason is required, said on the field; Escape backs out of the question; Enter on its button moves
    const moveButton = page.getByRole('button', { name: 'Pindahkan 2 kasus' });
    await tabTo(page, moveButton);
    await page.keyboard.press('Enter');
    const reason = page.getByLabel('Alasan pemindahan');
    await page.getByText('Tuliskan alasan pemindahan.').waitFor();
    await tabTo(page, reason);
    await page.keyboard.type(REASON);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-move');
    await tabTo(page, moveButton);
    await page.keyboard.press('Enter');
    const question = page.getByRole('dialog', { name: 'Pindahkan 2 kasus ke versi sulteng-short?' });
    await question.waitFor();
    await question
      .getByText('1 kasus langsung lewat tenggat dan dieskalasi ke supervisor.', { exact: false })
      .waitFor();
    expect(await settledViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    expect((await sut.db.query('SELECT count(*)::int AS n FROM sla_migrations')).rows[0].n).toBe(0);
    await tabTo(page, moveButton);
    await page.keyboard.press('Space');
    await question.waitFor();
    await expect(isFocused(question.getByRole('button', { name: 'Ya, pindahkan' }))).resolves.toBe(true);
    await page.keyboard.press('Enter');

    // the progress, to its end
    await page.getByRole('progressbar', { name: 'Kemajuan pemindahan' }).waitFor();
    await page.getByRole('heading', { name: 'Pemindahan ke versi sulteng-short selesai' }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: '2 dari 2 kasus selesai' }).waitFor();
    await page.getByText('2 kasus dipindahkan').waitFor();
    const results = page.getByRole('table', { name: 'Hasil per kasus' });
    await expect(
      results
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: late.caseNumber }) })
        .innerText(),
    ).resolves.toMatch(/Dipindahkan\s+Langsung lewat tenggat, dieskalasi/);
    expect(await seriousViolations(page)).toEqual([]);
    const migrations = await sut.db.query('SELECT id, reason, created_by_role FROM sla_migrations');
    expect(migrations.rows).toHaveLength(1);
    expect(migrations.rows[0]).toMatchObject({ reason: REASON, created_by_role: 'SUPERVISOR' });
    // only the late case escalated
    expect((await ok(sut.http('GET', `/api/v1/cases/${late.id}`))).escalationLevel).toBeGreaterThanOrEqual(1);
    const progress = await ok(
      sut.http('GET', `/api/v1/sla-policies/sulteng-short/migrations/${migrations.rows[0].id}`, undefined, spv),
    );
    const lateNow = Object.fromEntries(
      progress.cases.map((c: { caseId: string; clocks: { lateNow: boolean }[] }) => [c.caseId, c.clocks[0]!.lateNow]),
    );
    expect(lateNow).toEqual({ [late.id]: true, [early.id]: false });

    // the late case's timeline: the move with its reason and both versions, then the breach and the escalation
    await tabTo(page, results.getByRole('link', { name: late.caseNumber }));
    await page.keyboard.press('Enter');
    const timeline = page.getByRole('region', { name: 'Riwayat kasus' });
    await timeline.getByText('Kasus dipindahkan ke versi SLA lain').waitFor();
    await timeline.getByText('Dari versi sulteng-long ke versi sulteng-short').waitFor();
    await timeline.getByText(`Alasan: ${REASON}`).waitFor();
    // after the move: the breach and the escalation it opened at once
    const entries = await timeline.innerText();
    const movedAt = entries.indexOf('Kasus dipindahkan ke versi SLA lain');
    expect(entries.indexOf('Tenggat terlewati', movedAt)).toBeGreaterThan(movedAt);
    expect(entries.indexOf('Eskalasi dibuka', movedAt)).toBeGreaterThan(movedAt);
    expect(await seriousViolations(page)).toEqual([]);

    // previewed again: both cases are on the version now, so nothing is listed to move and there is nothing to send
    await menu.getByRole('link', { name: 'Pindahkan kasus ke SLA lain' }).click();
    await page.getByLabel('Versi tujuan').selectOption({ label: 'sulteng-short · Sulawesi Tengah · berlaku sekarang' });
    await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
    await page
      .getByText('Semua kasus yang dipilih sudah memakai versi ini; tidak ada yang perlu dipindahkan.')
      .waitFor();
    expect(await table.count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Pindahkan \d+ kasus$/ }).count()).toBe(0);
    expect(await page.getByLabel('Alasan pemindahan').count()).toBe(0);
    await page.goBack();
    await timeline.getByText('Kasus dipindahkan ke versi SLA lain').waitFor();

    // in English
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByText('Case moved to another SLA version').waitFor();
    await page.getByText('From version sulteng-long to version sulteng-short').waitFor();
    await page.getByText(`Reason: ${REASON}`).waitFor();
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Move cases to another SLA' })
      .click();
    await page.getByRole('heading', { name: 'Move running cases to another SLA version', level: 1 }).waitFor();
    await page.getByLabel('Target version').selectOption({ label: 'sulteng-long · Sulawesi Tengah' });
    await page.getByLabel('Only the cases that match the filters').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Tick at least one step, risk tier or category.').waitFor();
    await page.getByRole('checkbox', { name: 'Registration at arrival' }).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview of the move to version sulteng-long' }).waitFor();
    await page.getByText('2 cases would move; none of them would fall past a deadline because of the move.').waitFor();
    await expect(
      page
        .getByRole('table', { name: 'Cases that would move' })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: late.caseNumber }) })
        .innerText(),
    ).resolves.toMatch(/Already past its deadline; its escalation stands\s*$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-move-none-late-en');
    await page.context().close();
  }, 300_000);

  it('should move once under one Idempotency-Key, sent twice at once', async () => {
    const c = await ok(sut.http('POST', '/api/v1/cases', registration('Nur Aini')));
    const body = { filter: { caseIds: [c.id] }, reason: 'Kembali ke versi panjang' };
    const headers = { ...spv, 'Idempotency-Key': 'double-click-1' };
    const [a, b] = await Promise.all(
      [0, 1].map(() => sut.http('POST', '/api/v1/sla-policies/sulteng-long/migrations', body, headers)),
    );
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).toBe(b.body.id);
    const again = await sut.http('POST', '/api/v1/sla-policies/sulteng-long/migrations', body, headers);
    expect(again.body.id).toBe(a.body.id);
    const other = await sut.http(
      'POST',
      '/api/v1/sla-policies/sulteng-long/migrations',
      { ...body, reason: 'Alasan lain' },
      headers,
    );
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await sut.db.query(`SELECT id FROM sla_migrations WHERE reason = 'Kembali ke versi panjang'`);
    expect(rows.rows).toEqual([{ id: a.body.id }]);
    for (const until = Date.now() + 60_000; ;) {
      const p = await ok(sut.http('GET', `/api/v1/sla-policies/sulteng-long/migrations/${a.body.id}`, undefined, spv));
      if (p.status === 'DONE') break;
      if (Date.now() > until) throw new Error('the migration did not finish');
      await new Promise((r) => setTimeout(r, 250));
    }
    const events = (await ok(sut.http('GET', `/api/v1/cases/${c.id}/timeline`))).events as { type: string }[];
    expect(events.filter((e) => e.type === 'sla.policy_migrated')).toHaveLength(1);
  }, 120_000);

  it('should fit a 390 px phone: the preview as a card per case', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, sut.baseUrl, 'spv.palu');
    await page.goto(`${sut.baseUrl}/sla/move`);
    await page.getByRole('heading', { name: 'Pindahkan kasus berjalan ke versi SLA lain', level: 1 }).waitFor();
    await page.getByLabel('Versi tujuan').selectOption({ label: 'sulteng-short · Sulawesi Tengah · berlaku sekarang' });
    await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
    const heading = page.getByRole('heading', { name: 'Pratinjau ke versi sulteng-short' });
    await heading.waitFor();
    await heading.evaluate((el) => el.scrollIntoView());
    // a card per case, each with its deadlines in words
    const cards = page.getByRole('list', { name: 'Kasus yang akan dipindahkan' }).getByRole('listitem');
    await expect(cards.count()).resolves.toBe(3);
    await expect(cards.first().innerText()).resolves.toMatch(
      /^SULTENG-\d{4}-\d{6}\s+Registrasi kedatangan · Sedang · sulteng-short\s+Tenggat sekarang\s+\d{1,2} Desember[^]*Sudah memakai versi ini; tidak ada yang berubah\s*$/,
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-move-phone');
    await page.context().close();
  }, 120_000);
});
