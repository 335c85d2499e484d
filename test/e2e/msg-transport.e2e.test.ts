// The HTML part of staff messages as a mail program shows it, in Chromium: no serious or critical axe violation,
// the language declared, readable at a phone's width (390 px) without scrolling sideways, and the link to the case
// reachable with the keyboard. Needs only the browser, not the stack.
import type { Browser, Page } from 'playwright-core';
import type { DigestData, MessageData, MessageLanguage } from '../../src/notifications/kinds';
import { render } from '../../src/notifications/templates';
import { launchChromium, screenshot, seriousViolations } from '../support/browser';
import { newPage } from '../support/console';

const ctx = { consoleUrl: 'http://127.0.0.1:3000', timeZone: 'Asia/Makassar' };
const CASE_ID = '5f0c7a52-1d8e-4f3a-9a55-0c1e2d3f4a5b';
const base = {
  caseId: CASE_ID,
  caseNumber: 'BP3MI-ST-2026-000123',
  step: 'SCREENING',
  riskTier: 'HIGH',
  dueAt: '2026-12-07T01:00:00.000Z',
} as const;
const messages: Record<string, MessageData | DigestData> = {
  reminder: { ...base, kind: 'REMINDER_80' },
  escalation: {
    ...base,
    kind: 'ESCALATION_2',
    level: 2,
    reason: 'PARTNER_SILENT',
    step: 'REFERRAL',
    agencyName: 'UPTD PPA Provinsi Sulawesi Tengah',
  },
  transfer: { ...base, kind: 'TRANSFER_IN', officeName: 'BP3MI Jawa Timur' },
  digest: {
    kind: 'DIGEST',
    date: '2026-12-07',
    officeName: 'BP3MI Sulawesi Tengah',
    dueToday: [
      {
        caseId: CASE_ID,
        caseNumber: 'BP3MI-ST-2026-000123',
        step: 'SCREENING',
        riskTier: 'HIGH',
        dueAt: '2026-12-07T01:00:00.000Z',
      },
      {
        caseId: CASE_ID,
        caseNumber: 'BP3MI-ST-2026-000131',
        step: 'RETURN_HANDOVER',
        riskTier: null,
        dueAt: '2026-12-07T07:30:00.000Z',
      },
    ],
    overdue: [
      {
        caseId: CASE_ID,
        caseNumber: 'BP3MI-ST-2026-000098',
        step: 'ASSESSMENT',
        riskTier: 'MEDIUM',
        dueAt: '2026-12-05T06:00:00.000Z',
      },
    ],
  },
};

describe('staff message HTML in a browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await newPage(browser, { width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(['id', 'en'] as MessageLanguage[])('in %s', (language) => {
    it.each(Object.keys(messages))('should show the %s message accessibly at a phone width', async (name) => {
      const rendered = render(messages[name], language, ctx);
      await page.setContent(rendered.html);
      expect(await page.evaluate('document.documentElement.lang')).toBe(language);
      expect(await page.title()).toBe(rendered.subject);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // the last link (the button) is reached with Tab and leads to the case or the console
      const links = await page.locator('a').count();
      for (let i = 0; i < links; i++) await page.keyboard.press('Tab');
      const focused = await page.evaluate("document.activeElement?.href ?? ''");
      expect(focused).toBe(name === 'digest' ? `${ctx.consoleUrl}/` : `${ctx.consoleUrl}/cases/${CASE_ID}`);
      // the README shows the Indonesian reminder and digest
      if (language === 'id' && (name === 'reminder' || name === 'digest')) await screenshot(page, `message-${name}`);
    });
  });
});
