// Staff messages (issue 18): every kind in both languages, with the case, the step in words, the deadline in the
// office's zone in Indonesian form, a link to the console, escaped HTML, no code and no personal data in what a
// person reads, and a gateway text that fits.
import { CLOCK_KINDS, RISK_TIERS, STEP_IDS, type StepId } from '../../workflows/definition';
import {
  MESSAGE_LANGUAGES,
  NOTIFICATION_KINDS,
  SHORT_MAX,
  type DigestData,
  type DigestItem,
  type MessageData,
  type MessageLanguage,
  type NotificationKind,
  type Rendered,
} from '../../src/notifications/kinds';
import { caseLink, messageDateTime, messageLink, render } from '../../src/notifications/templates';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ctx = { consoleUrl: 'https://rujukan.bp3mi.test', timeZone: 'Asia/Makassar' };
const CASE_ID = '5f0c7a52-1d8e-4f3a-9a55-0c1e2d3f4a5b';
const CASE_NUMBER = 'BP3MI-ST-2026-000123';
const LINK = `https://rujukan.bp3mi.test/cases/${CASE_ID}`;
// Monday 7 December 2026, 09:00 in Palu (WITA, UTC+8)
const DUE = '2026-12-07T01:00:00.000Z';

// The console's words (web/src/i18n/<language>.ts, an ES module the server does not import), read as text: the
// block `<path>: { KEY: 'words', ... }` at its indentation.
function consoleWords(language: MessageLanguage, ...path: string[]): Record<string, string> {
  const source = readFileSync(join(__dirname, '../../web/src/i18n', `${language}.ts`), 'utf8');
  let at = 0;
  path.forEach((key, depth) => {
    at = source.indexOf(`\n${'  '.repeat(depth + 1)}${key}: {`, at);
    if (at < 0) throw new Error(`no ${path.join('.')} in the console's ${language}.ts`);
  });
  // a block on one line (`tier: { HIGH: 'Tinggi', ... },`) or up to the brace at its indentation
  const line = source.slice(at, source.indexOf('\n', at + 1));
  const end = line.trimEnd().endsWith('},') ? at + line.length : source.indexOf(`\n${'  '.repeat(path.length)}}`, at);
  const words = Object.fromEntries(
    [...source.slice(at, end).matchAll(/\b([A-Z_]+): '((?:[^'\\]|\\.)*)'/g)].map((m) => [
      m[1],
      m[2].replace(/\\'/g, "'"),
    ]),
  );
  if (Object.keys(words).length === 0) throw new Error(`no words in ${path.join('.')} of the console's ${language}.ts`);
  return words;
}
const CONSOLE = Object.fromEntries(
  MESSAGE_LANGUAGES.map((l) => [
    l,
    { step: consoleWords(l, 'step'), tier: consoleWords(l, 'tier'), reason: consoleWords(l, 'escalations', 'kind') },
  ]),
) as Record<MessageLanguage, Record<'step' | 'tier' | 'reason', Record<string, string>>>;

function caseData(kind: Exclude<NotificationKind, 'DIGEST'>, more: Partial<MessageData> = {}): MessageData {
  return {
    kind,
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    step: 'SCREENING',
    riskTier: 'HIGH',
    dueAt: DUE,
    ...(kind.startsWith('ESCALATION') ? { level: kind === 'ESCALATION_1' ? 1 : 2, reason: 'STEP' } : {}),
    ...(kind.startsWith('PARTNER') ? { agencyName: 'UPTD PPA Provinsi Sulawesi Tengah' } : {}),
    ...(kind === 'TRANSFER_IN' ? { officeName: 'BP3MI Jawa Timur' } : {}),
    ...more,
  };
}

const item = (n: number, step: StepId, dueAt: string) => ({
  caseId: `00000000-0000-4000-8000-00000000000${n}`,
  caseNumber: `BP3MI-ST-2026-00000${n}`,
  step,
  riskTier: null,
  dueAt,
});

function digest(more: Partial<DigestData> = {}): DigestData {
  return {
    kind: 'DIGEST',
    date: '2026-12-07',
    officeName: 'BP3MI Sulawesi Tengah',
    dueToday: [
      item(3, 'SHELTER', '2026-12-07T08:30:00.000Z'),
      item(1, 'SCREENING', '2026-12-07T01:00:00.000Z'),
      item(2, 'REFERRAL', '2026-12-07T03:15:00.000Z'),
    ],
    overdue: [item(4, 'ASSESSMENT', '2026-12-05T06:00:00.000Z'), item(5, 'MONITORING', '2026-12-04T02:00:00.000Z')],
    ...more,
  };
}

// What a person reads of the HTML: the text between tags, entities decoded (attributes are not read).
function visible(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ');
}

function readable(r: Rendered): string[] {
  return [r.subject, r.text, r.short, visible(r.html)];
}

const CODES = [
  ...NOTIFICATION_KINDS,
  ...STEP_IDS,
  ...RISK_TIERS,
  ...CLOCK_KINDS,
  'PARTNER_UNREACHABLE',
  'SUPERVISOR_REVIEW_OVERDUE',
  'RETURNEE_UNREACHABLE',
];

function expectNoCode(r: Rendered): void {
  for (const part of readable(r)) {
    for (const code of CODES) expect(part).not.toMatch(new RegExp(`\\b${code}\\b`));
  }
}

describe('staff message templates', () => {
  const caseKinds = NOTIFICATION_KINDS.filter((k): k is Exclude<NotificationKind, 'DIGEST'> => k !== 'DIGEST');

  describe.each(MESSAGE_LANGUAGES)('in %s', (language: MessageLanguage) => {
    const dueWords = language === 'id' ? 'Senin, 7 Desember 2026 09.00 WITA' : 'Monday 7 December 2026, 09:00 WITA';

    it.each(caseKinds)('should render %s with the case, the step in words, the deadline and the link', (kind) => {
      const r = render(caseData(kind), language, ctx);
      expect(r.subject).toMatch(/^\[Rujukan\] \S/);
      expect(r.subject).toContain(CASE_NUMBER);
      for (const part of [r.text, r.html, r.short]) {
        expect(part).toContain(CASE_NUMBER);
        expect(part).toContain(LINK);
      }
      const step = CONSOLE[language].step.SCREENING;
      expect(r.text).toContain(step);
      expect(visible(r.html)).toContain(step);
      expect(r.text).toContain(dueWords);
      expect(visible(r.html)).toContain(dueWords);
      expect(r.short).toContain(dueWords);
      expect(r.text).toContain(CONSOLE[language].tier.HIGH);
      expect(r.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
      expect(r.html).toContain('<h1 ');
      expect(r.html).toContain(`<a href="${LINK}"`);
      expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
      expect(r.short.endsWith(LINK)).toBe(true);
      expectNoCode(r);
    });

    it('should write every kind differently (a subject and a headline of its own)', () => {
      const rendered = caseKinds.map((k) => render(caseData(k), language, ctx));
      expect(new Set(rendered.map((r) => r.subject)).size).toBe(caseKinds.length);
      expect(new Set(rendered.map((r) => r.text.split('\n')[0])).size).toBe(caseKinds.length);
    });

    it('should name the partner agency and the sending office (institutions) where the kind is about them', () => {
      for (const kind of ['PARTNER_DECLINED', 'PARTNER_SILENT'] as const) {
        const r = render(caseData(kind), language, ctx);
        expect(r.text).toContain('UPTD PPA Provinsi Sulawesi Tengah');
        expect(r.short).toContain('UPTD PPA Provinsi Sulawesi Tengah');
      }
      expect(render(caseData('TRANSFER_IN'), language, ctx).text).toContain('BP3MI Jawa Timur');
      // without a name, a word in its place
      const unnamed = render(caseData('PARTNER_SILENT', { agencyName: null }), language, ctx);
      expect(unnamed.text).not.toContain('null');
      expect(unnamed.text).not.toContain('undefined');
    });

    it('should show an escalation reason code in the console words, and never a reason that is not a code', () => {
      for (const code of ['STEP', 'PARTNER_SILENT', 'TPPO_SERVICE', 'PARTNER_UNREACHABLE'] as const) {
        const r = render(caseData('ESCALATION_1', { reason: code }), language, ctx);
        const words = CONSOLE[language].reason[code];
        expect(r.text).toContain(words);
        expect(visible(r.html)).toContain(words);
        expect(r.short).toContain(words);
        expectNoCode(r);
      }
      const freeText = 'Ibu Siti Aminah menolak dirujuk';
      for (const kind of ['ESCALATION_2', 'PARTNER_DECLINED'] as const) {
        const r = render(caseData(kind, { reason: freeText }), language, ctx);
        for (const part of [...readable(r), r.html]) expect(part).not.toContain('Siti');
      }
    });

    it('should render a message without a step, deadline or tier without empty lines or placeholders', () => {
      for (const kind of caseKinds) {
        const r = render(caseData(kind, { step: null, dueAt: null, riskTier: null }), language, ctx);
        for (const part of readable(r)) expect(part).not.toMatch(/null|undefined|NaN|Invalid/);
        expect(r.text).toContain(CASE_NUMBER);
        expect(r.text).not.toContain(`${CONSOLE[language].step.SCREENING}`);
        expectNoCode(r);
      }
    });

    it('should render the digest: counts in the subject, each line with case, step and due time, link to the console', () => {
      const r = render(digest(), language, ctx);
      expect(r.subject).toBe(
        language === 'id'
          ? '[Rujukan] Ringkasan pagi Senin, 7 Desember 2026: 3 jatuh tempo hari ini, 2 terlambat'
          : '[Rujukan] Morning summary, Monday 7 December 2026: 3 due today, 2 overdue',
      );
      const lines = r.text.split('\n').filter((l) => l.startsWith('- '));
      const s = CONSOLE[language].step;
      const t = (hm: string) => (language === 'id' ? `${hm.replace(':', '.')} WITA` : `${hm} WITA`);
      expect(lines).toEqual([
        `- BP3MI-ST-2026-000001 · ${s.SCREENING} · ${t('09:00')}`,
        `- BP3MI-ST-2026-000002 · ${s.REFERRAL} · ${t('11:15')}`,
        `- BP3MI-ST-2026-000003 · ${s.SHELTER} · ${t('16:30')}`,
        `- BP3MI-ST-2026-000005 · ${s.MONITORING} · ${
          language === 'id' ? 'Jumat, 4 Desember 2026 10.00 WITA' : 'Friday 4 December 2026, 10:00 WITA'
        }`,
        `- BP3MI-ST-2026-000004 · ${s.ASSESSMENT} · ${
          language === 'id' ? 'Sabtu, 5 Desember 2026 14.00 WITA' : 'Saturday 5 December 2026, 14:00 WITA'
        }`,
      ]);
      expect(r.text).toContain('https://rujukan.bp3mi.test/\n');
      expect(r.text).toContain('https://rujukan.bp3mi.test/cases/00000000-0000-4000-8000-000000000001');
      expect(r.text).toContain('BP3MI Sulawesi Tengah');
      expect(r.html).toContain('<a href="https://rujukan.bp3mi.test/"');
      expect(r.html.match(/<li /g)).toHaveLength(5);
      expect(visible(r.html)).toContain(`BP3MI-ST-2026-000004 ${s.ASSESSMENT} · `);
      expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
      expect(r.short.endsWith('https://rujukan.bp3mi.test/')).toBe(true);
      expect(r.short).toContain(language === 'id' ? '3 jatuh tempo hari ini, 2 terlambat' : '3 due today, 2 overdue');
      expectNoCode(r);
    });

    it('should say so when nothing is due or overdue', () => {
      const r = render(digest({ dueToday: [], overdue: [] }), language, ctx);
      expect(r.subject).toContain(language === 'id' ? '0 jatuh tempo hari ini, 0 terlambat' : '0 due today, 0 overdue');
      expect(r.text).toContain(language === 'id' ? 'Tidak ada.' : 'None.');
      expect(r.html).not.toContain('<li');
    });

    it('should keep the gateway text within 480 characters, with the link whole, however long the input', () => {
      const long = render(caseData('PARTNER_SILENT', { agencyName: 'Lembaga '.repeat(80) }), language, ctx);
      expect(long.short.length).toBeLessThanOrEqual(SHORT_MAX);
      expect(long.short.endsWith(LINK)).toBe(true);
      expect(long.short).toContain('…');
      const many = Array.from({ length: 60 }, (_, i) => ({ ...item(1, 'SCREENING', DUE), caseNumber: `N-${i}` }));
      const big = render(digest({ dueToday: many, overdue: many }), language, ctx);
      expect(big.short.length).toBeLessThanOrEqual(SHORT_MAX);
      expect(big.short.endsWith('https://rujukan.bp3mi.test/')).toBe(true);
      expect(big.short).toContain(
        language === 'id' ? '60 jatuh tempo hari ini, 60 terlambat' : '60 due today, 60 overdue',
      );
      expect(big.text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(120);
    });
  });

  it('should use the console words for every step, tier and escalation reason (copied, kept equal here)', () => {
    for (const language of MESSAGE_LANGUAGES) {
      expect(Object.keys(CONSOLE[language].step).sort()).toEqual([...STEP_IDS].sort());
      expect(Object.keys(CONSOLE[language].tier).sort()).toEqual([...RISK_TIERS].sort());
      expect(Object.keys(CONSOLE[language].reason).length).toBeGreaterThanOrEqual(12);
      for (const step of STEP_IDS) {
        const r = render(caseData('ASSIGNED', { step }), language, ctx);
        expect(r.text).toContain(`: ${CONSOLE[language].step[step]}\n`);
      }
      for (const tier of RISK_TIERS) {
        expect(render(caseData('BREACH', { riskTier: tier }), language, ctx).text).toContain(
          `: ${CONSOLE[language].tier[tier]}\n`,
        );
      }
      for (const [code, words] of Object.entries(CONSOLE[language].reason)) {
        expect(render(caseData('ESCALATION_1', { reason: code }), language, ctx).text).toContain(`: ${words}\n`);
      }
    }
  });

  it('should write deadlines in the office zone, in Indonesian form (WIB, WITA, WIT), across midnight', () => {
    const late = '2026-12-06T16:30:00.000Z';
    expect(messageDateTime(late, 'id', 'Asia/Jakarta')).toBe('Minggu, 6 Desember 2026 23.30 WIB');
    expect(messageDateTime(late, 'id', 'Asia/Makassar')).toBe('Senin, 7 Desember 2026 00.30 WITA');
    expect(messageDateTime(late, 'id', 'Asia/Jayapura')).toBe('Senin, 7 Desember 2026 01.30 WIT');
    expect(messageDateTime(late, 'en', 'Asia/Jayapura')).toBe('Monday 7 December 2026, 01:30 WIT');
    expect(messageDateTime(null, 'id', 'Asia/Jakarta')).toBeNull();
    expect(messageDateTime('not a date', 'id', 'Asia/Jakarta')).toBeNull();
    const r = render(caseData('REMINDER_80'), 'id', { ...ctx, timeZone: 'Asia/Jayapura' });
    expect(r.text).toContain('Tenggat: Senin, 7 Desember 2026 10.00 WIT');
    const wib = render(digest(), 'id', { ...ctx, timeZone: 'Asia/Jakarta' });
    expect(wib.text).toContain(' · 08.00 WIB');
  });

  it('should escape anything that could carry markup in the HTML part', () => {
    const evil = {
      caseNumber: '<b>BP3MI</b>&"x"',
      agencyName: '<script>alert(1)</script>',
      officeName: '"><img src=x onerror=alert(1)>',
      caseId: 'x"><svg onload=alert(1)>',
    };
    const hostile = { ...ctx, consoleUrl: 'https://rujukan.test/"><iframe src=x>' };
    const outputs = [
      ...caseKinds.map((k) => render(caseData(k, evil), 'id', hostile).html),
      render(
        digest({ officeName: evil.officeName, dueToday: [{ ...item(1, 'SCREENING', DUE), ...evil }] }),
        'en',
        hostile,
      ).html,
    ];
    for (const html of outputs) {
      for (const tag of ['<b>', '<script', '<img', '<svg', '<iframe']) expect(html).not.toContain(tag);
      expect(html).not.toContain('"x"');
      expect(html).not.toMatch(/href="[^"]*"[^ >]/);
    }
    expect(outputs[8]).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // the case id is a path segment of the link, encoded
    expect(caseLink('https://a.test/', 'a/b c')).toBe('https://a.test/cases/a%2Fb%20c');
  });

  it('should read no field beyond the design: a name, NIK, phone or note given by mistake appears nowhere', () => {
    const leaky = {
      ...caseData('ASSIGNED'),
      fullName: 'Siti Aminah',
      nik: '7271014506900001',
      phone: '+6281234567890',
      note: 'dipukul majikan',
    } as MessageData;
    const digestLeaky = {
      ...digest(),
      dueToday: [{ ...item(1, 'SCREENING', DUE), fullName: 'Siti Aminah', nik: '7271014506900001' } as DigestItem],
    } as DigestData;
    for (const language of MESSAGE_LANGUAGES) {
      for (const r of [render(leaky, language, ctx), render(digestLeaky, language, ctx)]) {
        for (const part of [r.subject, r.text, r.html, r.short]) {
          for (const secret of ['Siti', '7271014506900001', '6281234567890', 'majikan']) {
            expect(part).not.toContain(secret);
          }
        }
      }
    }
  });

  it('should not double the slash of a console URL that ends with one', () => {
    const r = render(caseData('ASSIGNED'), 'id', { ...ctx, consoleUrl: 'https://rujukan.bp3mi.test/' });
    expect(r.text).toContain(LINK);
    expect(messageLink(caseData('BREACH'), 'https://rujukan.bp3mi.test/')).toBe(LINK);
    expect(messageLink(digest(), 'https://rujukan.bp3mi.test//')).toBe('https://rujukan.bp3mi.test/');
    expect(render(digest(), 'id', { ...ctx, consoleUrl: 'https://rujukan.bp3mi.test/' }).text).toContain(
      'Buka Rujukan: https://rujukan.bp3mi.test/\n',
    );
  });
});
