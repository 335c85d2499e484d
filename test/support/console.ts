// What the console's browser tests share: a page of a context of its own (axe-core needs one), signing in as a
// demo user, and a returnee's registration for the API.
import type { Browser, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'rujukan-demo';

export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'id-ID',
  });
  return context.newPage();
}

// Signs in through the form, in Indonesian, and waits for the inbox.
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
}

// The body of POST /api/v1/cases for an adult woman from Palu who arrived an hour ago.
export function registration(fullName: string, nationalId: string, category = 'TPPO_VICTIM') {
  return {
    person: {
      fullName,
      sex: 'F',
      dateOfBirth: '1994-03-12',
      nationalId,
      homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
    },
    arrival: {
      point: 'Pelabuhan Pantoloan, Palu',
      arrivedAt: new Date(Date.now() - 3600_000).toISOString(),
      fromCountry: 'MY',
    },
    category,
  };
}
