// The console bench's arithmetic, kept free of browsers and servers so that a unit test can check it: which scripts
// index.html loads before any lazy import, their gzip size, a median, and which Lighthouse audits fail and why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// gzip at level 9, as Vite's build report counts it (a server compressing at level 6 sends a few per cent more)
export function gzipSize(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

// The scripts a page loads before it runs anything: every <script src> and every <link rel="modulepreload"> (Vite
// lists the entry's static imports that way), in document order, each once. A lazy import() appears in neither.
export function entryScripts(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const rel = attribute(tag, 'rel');
    const url = isScript
      ? attribute(tag, 'src')
      : rel?.toLowerCase() === 'modulepreload'
        ? attribute(tag, 'href')
        : null;
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

export type ScriptSize = { file: string; bytes: number; gzipBytes: number };

// What the first script always loads at once, beyond what the page lists: the console itself (src/root.tsx, the
// chunk Vite names "root") and everything it imports statically, as Vite's manifest (web/dist/.vite/manifest.json)
// names them, each once.
export type ViteManifest = Record<string, { file: string; name?: string; imports?: string[]; isEntry?: boolean }>;
export const ALWAYS_LOADED = 'root';

export function alwaysLoaded(manifest: ViteManifest, name = ALWAYS_LOADED): string[] {
  const keys = Object.keys(manifest).filter((k) => manifest[k]!.name === name);
  if (keys.length !== 1) throw new Error(`Vite's manifest has ${keys.length} chunks named ${name}`);
  const found: string[] = [];
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk) throw new Error(`Vite's manifest has no chunk ${k}`);
    const url = `/${chunk.file}`;
    if (found.includes(url)) return;
    found.push(url);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(keys[0]!);
  return found;
}

// The console's initial JavaScript as built into `distDir` (web/dist): the entry scripts of its index.html, and the
// console's own script that the first one loads at once whether the page lists it or not, with their sizes. Only
// the console's own files count; a script from elsewhere is an error here, not a zero.
export function initialScript(distDir: string): { files: ScriptSize[]; bytes: number; gzipBytes: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const listed = entryScripts(html);
  if (listed.length === 0) throw new Error('index.html loads no script');
  for (const url of listed)
    if (!url.startsWith('/') || url.startsWith('//'))
      throw new Error(`index.html loads a script from elsewhere: ${url}`);
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
  const files = [...new Set([...listed, ...alwaysLoaded(manifest)])].map((url) => {
    const data = readFileSync(join(distDir, url.split(/[?#]/)[0]!));
    return { file: url, bytes: data.length, gzipBytes: gzipSize(data) };
  });
  return {
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
  };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---- Lighthouse's answer (the parts of its LHR the bench reads) ------------------------------------------------

type AuditItem = { node?: { selector?: string; explanation?: string }; url?: string };
export type LhAudit = {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  details?: { items?: AuditItem[] };
};
export type LhCategory = { score: number | null; auditRefs: { id: string; weight: number; group?: string }[] };
export type Lhr = {
  categories: Record<string, LhCategory | undefined>;
  audits: Record<string, LhAudit | undefined>;
};

export type FailingAudit = {
  id: string;
  title: string;
  score: number;
  weight: number;
  displayValue: string | null;
  // what the audit points at, each once, at most five: elements (selector and why), resources (path)
  items: string[];
  itemCount: number;
};

// An element by its selector and the first line of why it fails; a resource by its path (the bench's port changes
// every run). Other rows (tables of tables, statistics) say nothing a reader could act on.
function auditItems(a: LhAudit): string[] {
  const out: string[] = [];
  for (const i of a.details?.items ?? []) {
    let text: string | null = null;
    if (i.node?.selector) {
      const why = (i.node.explanation ?? '')
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l && !/^Fix (any|all) of the following:?$/.test(l));
      text = why ? `${i.node.selector}: ${why}` : i.node.selector;
    } else if (i.url) {
      const url = /^https?:/.test(i.url) ? new URL(i.url) : null;
      text = url ? url.pathname + url.search : i.url;
    }
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
}

// The audits of a category that do not pass: an accessibility audit passes only at 1 (they are pass or fail), a
// performance audit at 0.9 (Lighthouse's own green). Heaviest first, then the lowest score.
export function failingAudits(lhr: Lhr, category: 'performance' | 'accessibility'): FailingAudit[] {
  const pass = category === 'accessibility' ? 1 : 0.9;
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .flatMap((ref) => {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= pass || ref.group === 'hidden') return [];
      if (['notApplicable', 'manual', 'informative', 'error'].includes(a.scoreDisplayMode)) return [];
      const items = auditItems(a);
      return [
        {
          id: a.id,
          title: a.title,
          score: a.score,
          weight: ref.weight,
          displayValue: a.displayValue ?? null,
          items: items.slice(0, 5),
          itemCount: a.details?.items?.length ?? 0,
        },
      ];
    })
    .sort((x, y) => y.weight - x.weight || x.score - y.score);
}

// A category's score as Lighthouse shows it, 0 to 100.
export function categoryScore(lhr: Lhr, category: string): number | null {
  const s = lhr.categories[category]?.score;
  return s === null || s === undefined ? null : Math.round(s * 100);
}
