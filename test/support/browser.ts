// A real browser for the console's tests: Debian's Chromium (Playwright's own downloads cannot be reached here),
// driven by playwright-core; CHROMIUM_PATH names another binary.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`);
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

// The serious and critical accessibility violations axe-core finds on the page as it is now.
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The README's screenshots: written where RUJUKAN_SCREENSHOTS points (docs/screenshots to renew them), else nowhere.
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.RUJUKAN_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

// Presses Tab until the element has the focus, as a keyboard user moves through the page.
export async function tabTo(page: Page, target: Locator, max = 250): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

// axe-core once a dialog's fade has ended: a half-transparent button fails contrast while Mantine's transition runs
// (up to 3 s of asking again); a real failure stays and is returned.
export async function settledViolations(page: Page): Promise<string[]> {
  let found = await seriousViolations(page);
  for (let i = 0; i < 10 && found.length > 0; i += 1) {
    await page.waitForTimeout(300);
    found = await seriousViolations(page);
  }
  return found;
}

// How many pixels the page is wider than its window (0 or less: nothing to scroll sideways, as on a phone it must be).
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
      .document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
}
