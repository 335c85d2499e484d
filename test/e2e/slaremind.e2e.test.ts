// Reminders at the points of the office's SLA policy, over real HTTP, PostgreSQL and Temporal (SLA_TIME_SCALE: an
// hour of policy is 14.4 s here): Sulawesi Tengah publishes a policy that reminds at 30, 60 and 90 % and escalates to
// level 2 at 150 %; a case registered in Palu after it is reminded at exactly those points (its timeline, its alert
// rows, the caseworker's notifications), while a case in Makassar, under the default policy, keeps 50/80/200 %. In
// Chromium the caseworker reads each reminder with its percent, in the list and on the case's timeline.
import type { Browser } from 'playwright-core';
import { DEMO_USERS } from '../../src/database/seed';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage, registration, signIn } from '../support/console';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const SCALE = 0.004;
const SPAN_MS = 3600_000 * SCALE; // a trafficking victim is HIGH until screened: registration is due in 1 h
const SULTENG = 'Sulawesi Tengah';

type Event = { seq: number; type: string; occurredAt: string; data: Record<string, unknown> };
type Item = { kind: string; caseId: string; caseNumber: string; step: string; percent?: number };

describe('reminders at the points of a published SLA policy', () => {
  let sut: E2eStack;
  let browser: Browser;
  const as: Record<string, Record<string, string>> = {};
  let palu: { id: string; caseNumber: string };
  let makassar: { id: string; caseNumber: string };

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: String(SCALE) });
    for (const u of ['head.palu', 'cw.palu', 'cw.makassar']) as[u] = sut.as(await sut.login(u));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const timeline = async (id: string, user: string): Promise<Event[]> =>
    (await ok(sut.http('GET', `/api/v1/cases/${id}/timeline`, undefined, as[user]))).events;

  // each reminder's percent, the breach and the escalations, with when they came as a share of the span (in %)
  async function milestones(id: string, user: string): Promise<{ what: string; at: number }[]> {
    const events = await timeline(id, user);
    const start = Date.parse(events.find((e) => e.type === 'step.started')!.occurredAt);
    return events.flatMap((e) => {
      const what =
        e.type === 'sla.reminder'
          ? `${String(e.data.percent)} %`
          : e.type === 'sla.breached'
            ? 'breach'
            : e.type === 'escalation.opened'
              ? `level ${String(e.data.level)}`
              : null;
      return what ? [{ what, at: ((Date.parse(e.occurredAt) - start) / SPAN_MS) * 100 }] : [];
    });
  }

  it('should remind a case under the published policy at 30, 60 and 90 % and escalate at 150 %, one in Makassar at 50, 80 and 200 %', async () => {
    const draft = await ok(sut.http('POST', '/api/v1/sla-policies/drafts', { province: SULTENG }, as['head.palu']));
    const edited = await ok(
      sut.http(
        'PATCH',
        `/api/v1/sla-policies/drafts/${draft.id}`,
        { revision: draft.revision, reminderPercents: [30, 60, 90], level2Percent: 150 },
        as['head.palu'],
      ),
    );
    const published = await ok(
      sut.http(
        'POST',
        `/api/v1/sla-policies/drafts/${draft.id}/publish`,
        { revision: edited.revision },
        as['head.palu'],
      ),
    );

    palu = await ok(
      sut.http('POST', '/api/v1/cases', registration('Wa Ode Sitti Marlina', '7271014101900002'), as['cw.palu']),
    );
    makassar = await ok(
      sut.http('POST', '/api/v1/cases', registration('Andi Nurhayati Tenri', '7371014101900003'), as['cw.makassar']),
    );
    expect((await ok(sut.http('GET', `/api/v1/cases/${palu.id}`, undefined, as['cw.palu']))).policyVersion).toBe(
      published.publishedVersion,
    );

    const paluSeen = await until('level 2 in Palu', async () => {
      const m = await milestones(palu.id, 'cw.palu');
      return m.some((x) => x.what === 'level 2') && m;
    });
    expect(paluSeen.map((m) => m.what)).toEqual(['30 %', '60 %', '90 %', 'breach', 'level 1', 'level 2']);
    // each at its point (a workflow task runs a moment after its timer, never before it)
    paluSeen.forEach((m, i) => {
      const point = [30, 60, 90, 100, 100, 150][i]!;
      expect(m.at).toBeGreaterThanOrEqual(point - 0.5);
      expect(m.at).toBeLessThan(point + 10);
    });

    const makassarSeen = await until('level 2 in Makassar', async () => {
      const m = await milestones(makassar.id, 'cw.makassar');
      return m.some((x) => x.what === 'level 2') && m;
    });
    expect(makassarSeen.map((m) => m.what)).toEqual(['50 %', '80 %', 'breach', 'level 1', 'level 2']);
    makassarSeen.forEach((m, i) => {
      const point = [50, 80, 100, 100, 200][i]!;
      expect(m.at).toBeGreaterThanOrEqual(point - 0.5);
      expect(m.at).toBeLessThan(point + 10);
    });

    // the alert rows: a REMINDER for each point of the policy, to the caseworker; the default kinds in Makassar
    const kinds = async (id: string) =>
      (
        await sut.db.query(
          `SELECT kind, user_id FROM alerts WHERE case_id = $1 AND kind LIKE 'REMINDER%' ORDER BY event_seq`,
          [id],
        )
      ).rows;
    expect(await kinds(palu.id)).toEqual([1, 2, 3].map(() => ({ kind: 'REMINDER', user_id: DEMO_USERS.cwPalu!.id })));
    expect((await kinds(makassar.id)).map((r: { kind: string }) => r.kind)).toEqual(['REMINDER_50', 'REMINDER_80']);

    // the caseworker's notifications say each reminder's percent; the default ones read as they always did
    const mine = async (user: string, caseId: string): Promise<Item[]> =>
      ((await ok(sut.http('GET', '/api/v1/me/notifications?limit=100', undefined, as[user]))).items as Item[]).filter(
        (i) => i.caseId === caseId && i.kind.startsWith('REMINDER'),
      );
    expect((await mine('cw.palu', palu.id)).map((i) => [i.kind, i.percent]).sort()).toEqual([
      ['REMINDER', 30],
      ['REMINDER', 60],
      ['REMINDER', 90],
    ]);
    const defaults = await mine('cw.makassar', makassar.id);
    expect(defaults.map((i) => i.kind).sort()).toEqual(['REMINDER_50', 'REMINDER_80']);
    expect(defaults.every((i) => !('percent' in i))).toBe(true);
  }, 120_000);

  it('should show the caseworker each reminder with its percent, in the list and on the timeline, from the keyboard', async () => {
    const page = await newPage(browser, { width: 1366, height: 800 });
    await signIn(page, sut.baseUrl, 'cw.palu');
    await page.goto(`${sut.baseUrl}/notifications`);
    await page.getByRole('heading', { name: 'Pemberitahuan' }).waitFor();
    const line = (percent: number) =>
      page.getByRole('link', { name: `Pengingat ${percent} %: Registrasi kedatangan, kasus ${palu.caseNumber}` });
    for (const p of [30, 60, 90]) await line(p).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'slaremind-notifications');

    // from the keyboard: Tab to the 60 % reminder, Enter opens its case
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await line(60).evaluate((el) => el === el.ownerDocument.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${palu.id}`);
    for (const p of [30, 60, 90])
      await page.getByText(`Pengingat: ${p}% waktu tahap ini sudah lewat`, { exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByText('Pengingat: 90% waktu tahap ini sudah lewat').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'slaremind-timeline');

    // on a phone, in English
    await page.setViewportSize({ width: 390, height: 844 });
    const cw = DEMO_USERS.cwPalu!.id;
    await page.evaluate(
      `localStorage.setItem('rujukan.language', 'en'); localStorage.setItem('rujukan.language.${cw}', 'en')`,
    );
    await page.goto(`${sut.baseUrl}/notifications`);
    await page.getByRole('link', { name: `Reminder 90 %: Registration at arrival, case ${palu.caseNumber}` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'slaremind-notifications-phone');

    // the settings say which switch a policy's reminders follow
    await page.goto(`${sut.baseUrl}/settings/notifications`);
    await page.getByText(/a reminder before 80 % follows the choice for Reminder 50 %/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});
