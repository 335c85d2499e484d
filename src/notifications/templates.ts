// Staff messages from their data: a subject, a plain-text and an HTML part for email, and a short text for the
// WhatsApp/SMS gateway, in the reader's language. The input carries no personal data (kinds.ts), and only the fields
// named below are read, so nothing else can reach a message. Codes appear as words, never as codes; dates in the
// office's time zone, in Indonesian form. No framework imports.
import type { StepId } from '../../workflows/definition';
import { ZONE_NAMES } from '../letters/letter-text';
import {
  SHORT_MAX,
  type DigestData,
  type DigestItem,
  type MessageData,
  type MessageLanguage,
  type RenderContext,
  type Rendered,
} from './kinds';
import { en } from './templates.en';
import { id, type Vars, type Words } from './templates.id';

const WORDS: Record<MessageLanguage, Words> = { id, en };
const LOCALES: Record<MessageLanguage, string> = { id: 'id-ID', en: 'en-GB' };

export function render(data: MessageData | DigestData, language: MessageLanguage, ctx: RenderContext): Rendered {
  const w = WORDS[language] ?? WORDS.id;
  return data.kind === 'DIGEST' ? renderDigest(data, language, w, ctx) : renderCase(data, language, w, ctx);
}

// The case in the console; the gateway's `link` too.
export function caseLink(consoleUrl: string, caseId: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}`;
}

// Where a message points: its case, or the console's home for the digest (the gateway's `link`).
export function messageLink(data: MessageData | DigestData, consoleUrl: string): string {
  return data.kind === 'DIGEST' ? `${consoleUrl.replace(/\/+$/, '')}/` : caseLink(consoleUrl, data.caseId);
}

// "Senin, 7 Desember 2026 09.00 WITA" / "Monday 7 December 2026, 09:00 WITA"; null for no (or no valid) instant.
export function messageDateTime(iso: string | null, language: MessageLanguage, timeZone: string): string | null {
  const p = zoned(iso, language, timeZone);
  if (!p) return null;
  return language === 'id'
    ? `${p.weekday}, ${p.day} ${p.month} ${p.year} ${p.hour}.${p.minute} ${p.zone}`
    : `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.zone}`;
}

function messageTime(iso: string, language: MessageLanguage, timeZone: string): string {
  const p = zoned(iso, language, timeZone);
  if (!p) return '';
  return language === 'id' ? `${p.hour}.${p.minute} ${p.zone}` : `${p.hour}:${p.minute} ${p.zone}`;
}

// A local date (YYYY-MM-DD) in words: "Senin, 7 Desember 2026" / "Monday 7 December 2026".
function localDateWords(date: string, language: MessageLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const noon = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)).toISOString();
  const p = zoned(noon, language, 'UTC')!;
  return language === 'id'
    ? `${p.weekday}, ${p.day} ${p.month} ${p.year}`
    : `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

function zoned(iso: string | null, language: MessageLanguage, timeZone: string) {
  if (!iso || Number.isNaN(Date.parse(iso))) return null;
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return {
    weekday: p.weekday,
    day: p.day,
    month: p.month,
    year: p.year,
    hour: p.hour,
    minute: p.minute,
    zone: ZONE_NAMES[timeZone] ?? timeZone,
  };
}

function renderCase(d: MessageData, language: MessageLanguage, w: Words, ctx: RenderContext): Rendered {
  const link = messageLink(d, ctx.consoleUrl);
  const v: Vars = {
    caseNumber: d.caseNumber,
    percent: typeof d.percent === 'number' ? d.percent : null,
    step: stepWords(w, d.step),
    due: messageDateTime(d.dueAt, language, ctx.timeZone),
    agency: d.agencyName?.trim() || null,
    office: d.officeName?.trim() || null,
  };
  // a reason is shown only as the words of a known code: anything else could be text a person wrote
  const reason = d.reason && Object.hasOwn(w.reason, d.reason) ? w.reason[d.reason] : null;
  const tier = d.riskTier && Object.hasOwn(w.tier, d.riskTier) ? w.tier[d.riskTier] : null;
  const k = w.kind[d.kind];
  const rows = (
    [
      [w.label.case, v.caseNumber],
      [w.label.step, v.step],
      [w.label.due, v.due],
      [w.label.risk, tier],
      [w.label.reason, reason],
      [w.label.agency, v.agency],
      [w.label.office, v.office],
    ] as const
  ).filter((r): r is readonly [string, string] => Boolean(r[1]));
  const subject = `[Rujukan] ${k.subject(v)}`;
  const what = k.what(v);
  const open = w.openCase(v.caseNumber);
  const text = [
    k.headline,
    '',
    what,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    k.todo,
    `${open}: ${link}`,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');
  const html = page(
    language,
    subject,
    [
      `<h1 style="${H1}">${esc(k.headline)}</h1>`,
      `<p style="${P}">${esc(what)}</p>`,
      `<table style="${TABLE}">${rows.map(([label, value]) => `<tr><th scope="row" style="${TH}">${esc(label)}</th><td style="${TD}">${esc(value)}</td></tr>`).join('')}</table>`,
      `<p style="${P}">${esc(k.todo)}</p>`,
      button(link, open),
    ],
    w.footer,
  );
  const lead = [what, v.due ? `${w.label.due}: ${v.due}.` : '', reason ? `${w.label.reason}: ${reason}.` : '', k.todo];
  return { subject, text, html, short: shortText(lead, link) };
}

function renderDigest(d: DigestData, language: MessageLanguage, w: Words, ctx: RenderContext): Rendered {
  const link = messageLink(d, ctx.consoleUrl);
  const date = localDateWords(d.date, language);
  const counts = {
    date,
    dueToday: Math.max(d.dueTodayTotal ?? 0, d.dueToday.length),
    overdue: Math.max(d.overdueTotal ?? 0, d.overdue.length),
  };
  const subject = `[Rujukan] ${w.digest.subject(counts)}`;
  const headline = w.digest.headline({ ...counts, office: d.officeName });
  const byDue = (items: DigestItem[]) => [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const sections = [
    {
      title: w.digest.dueToday,
      total: counts.dueToday,
      items: byDue(d.dueToday),
      due: (i: DigestItem) => messageTime(i.dueAt, language, ctx.timeZone),
    },
    {
      title: w.digest.overdue,
      total: counts.overdue,
      items: byDue(d.overdue),
      due: (i: DigestItem) => messageDateTime(i.dueAt, language, ctx.timeZone) ?? '',
    },
  ].map((s) => ({
    ...s,
    lines: s.items.map((i) => ({ i, caseNumber: i.caseNumber, step: stepWords(w, i.step) ?? '', due: s.due(i) })),
    more: s.total - s.items.length > 0 ? w.digest.more(s.total - s.items.length) : null,
  }));
  const text = [
    headline,
    '',
    ...sections.flatMap((s) => [
      `${s.title} (${s.total}):`,
      ...(s.lines.length
        ? s.lines.flatMap((l) => [
            `- ${l.caseNumber} · ${l.step} · ${l.due}`,
            `  ${caseLink(ctx.consoleUrl, l.i.caseId)}`,
          ])
        : [w.digest.none]),
      ...(s.more ? [s.more] : []),
      '',
    ]),
    w.digest.todo,
    `${w.digest.openConsole}: ${link}`,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');
  const html = page(
    language,
    subject,
    [
      `<h1 style="${H1}">${esc(headline)}</h1>`,
      ...sections.flatMap((s) => [
        `<h2 style="${H2}">${esc(s.title)} (${s.total})</h2>`,
        s.lines.length
          ? `<ul style="${UL}">${s.lines
              .map(
                (l) =>
                  `<li style="${LI}"><a href="${esc(caseLink(ctx.consoleUrl, l.i.caseId))}" style="${A}">${esc(l.caseNumber)}</a><br>${esc(l.step)} · ${esc(l.due)}</li>`,
              )
              .join('')}</ul>`
          : `<p style="${P}">${esc(w.digest.none)}</p>`,
        s.more ? `<p style="${P}">${esc(s.more)}</p>` : '',
      ]),
      `<p style="${P}">${esc(w.digest.todo)}</p>`,
      button(link, w.digest.openConsole),
    ],
    w.footer,
  );
  const lines = sections.flatMap((s) => s.lines.map((l) => `${l.caseNumber} ${l.step} ${l.due}.`));
  return { subject, text, html, short: shortText([`${w.digest.subject(counts)}.`, ...lines], link, true) };
}

function stepWords(w: Words, step: StepId | null): string | null {
  return step && Object.hasOwn(w.step, step) ? w.step[step] : null;
}

// The gateway's text: "Rujukan: " and the sentences that fit in SHORT_MAX with the link, which always stays. With
// `whole`, a sentence that does not fit is left out (digest lines); otherwise the text is cut with an ellipsis.
function shortText(sentences: string[], link: string, whole = false): string {
  const room = SHORT_MAX - link.length - 1;
  let body = 'Rujukan:';
  for (const s of sentences.filter(Boolean)) {
    const next = `${body} ${s}`;
    if (next.length <= room) body = next;
    else if (whole) break;
    else {
      body = `${next.slice(0, room - 1).trimEnd()}…`;
      break;
    }
  }
  return `${body} ${link}`.slice(0, SHORT_MAX);
}

// Minimal accessible HTML for mail clients: inline styles only, the language declared, a heading, a real link.
const H1 = 'font-size:20px;line-height:1.3;margin:0 0 16px;color:#1a1a1a;';
const H2 = 'font-size:17px;line-height:1.3;margin:24px 0 8px;color:#1a1a1a;';
const P = 'margin:0 0 16px;';
const TABLE = 'border-collapse:collapse;margin:0 0 16px;';
const TH = 'text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;';
const TD = 'vertical-align:top;padding:4px 16px 4px 0;';
const A = 'color:#0b5e55;text-decoration:underline;font-weight:bold;';
const UL = 'margin:0 0 16px;padding:0 0 0 20px;';
const LI = 'margin:0 0 8px;';

function button(href: string, label: string): string {
  return `<p style="${P}"><a href="${esc(href)}" style="display:inline-block;padding:10px 16px;background:#0b5e55;color:#ffffff;text-decoration:underline;border-radius:4px;font-weight:bold;">${esc(label)}</a></p>`;
}

function page(language: MessageLanguage, title: string, body: string[], footer: string): string {
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f2f4f4;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    ...body,
    `<p style="margin:24px 0 0;font-size:13px;color:#555555;">${esc(footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
