import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  alwaysLoaded,
  categoryScore,
  entryScripts,
  failingAudits,
  gzipSize,
  initialScript,
  median,
  type Lhr,
} from '../../bench/support/console-measure';
import { ratio } from '../../bench/support/stack';

// what Vite 7 writes into web/dist/index.html, with an entry that has a static import split off
const BUILT_INDEX = `<!doctype html>
<html lang="id">
  <head>
    <script type="module" crossorigin src="/assets/index-CaJDk61s.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-B1x2.js">
    <link rel="stylesheet" crossorigin href="/assets/index-EELonUnj.css">
    <link rel='modulepreload' href='/assets/vendor-B1x2.js'>
  </head>
  <body><div id="root"></div></body>
</html>`;

// its Vite manifest (build.manifest): the first script imports the console (src/root.tsx) and a screen lazily
const MANIFEST = {
  'index.html': { file: 'assets/index-CaJDk61s.js', name: 'index', isEntry: true, imports: ['_vendor.js'] },
  '_vendor.js': { file: 'assets/vendor-B1x2.js' },
  '_root-R1.js': { file: 'assets/root-R1.js', name: 'root', imports: ['_vendor.js', 'index.html'] },
  'src/pages/Process.tsx': { file: 'assets/mermaid-X.js', imports: ['_vendor.js'] },
};

describe('the console bench: initial script', () => {
  it('should take the entry script and its modulepreloads, once each, and no stylesheet', () => {
    expect(entryScripts(BUILT_INDEX)).toEqual(['/assets/index-CaJDk61s.js', '/assets/vendor-B1x2.js']);
  });

  it('should find no script in a page without one', () => {
    expect(entryScripts('<html><head><link rel="stylesheet" href="/a.css"></head></html>')).toEqual([]);
  });

  it('should give the size gzip at level 9 makes, which gunzips to the same bytes', () => {
    const text = 'Pekerjaan saya '.repeat(2000);
    const size = gzipSize(text);
    expect(size).toBe(gzipSync(text, { level: 9 }).length);
    expect(size).toBeLessThan(text.length / 20);
    expect(gunzipSync(gzipSync(text, { level: 9 })).toString()).toBe(text);
  });

  it('should add up the sizes of the files a built index.html loads first and the console the first script loads', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-console-'));
    try {
      mkdirSync(join(dist, 'assets'));
      mkdirSync(join(dist, '.vite'));
      writeFileSync(join(dist, 'index.html'), BUILT_INDEX);
      // the console (src/root.tsx) and its static import, shared with the entry; a lazy screen apart
      writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
      const entry = 'export const a = 1;\n'.repeat(500);
      const vendor = 'export const b = 2;\n'.repeat(100);
      const root = 'export const c = 3;\n'.repeat(200);
      writeFileSync(join(dist, 'assets', 'index-CaJDk61s.js'), entry);
      writeFileSync(join(dist, 'assets', 'vendor-B1x2.js'), vendor);
      writeFileSync(join(dist, 'assets', 'root-R1.js'), root);
      // a lazy chunk: on disk, but loaded by neither index.html nor the console at once, so not counted
      writeFileSync(join(dist, 'assets', 'mermaid-X.js'), 'x'.repeat(100000));
      const s = initialScript(dist);
      expect(s.files.map((f) => f.file)).toEqual([
        '/assets/index-CaJDk61s.js',
        '/assets/vendor-B1x2.js',
        '/assets/root-R1.js',
      ]);
      expect(s.bytes).toBe(entry.length + vendor.length + root.length);
      expect(s.gzipBytes).toBe(gzipSize(entry) + gzipSize(vendor) + gzipSize(root));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('should follow the console’s static imports through the manifest, each once, and refuse a chunk it lacks', () => {
    const manifest = {
      '_root.js': { file: 'assets/root.js', name: 'root', imports: ['_a.js', '_b.js'] },
      '_a.js': { file: 'assets/a.js', imports: ['_b.js'] },
      '_b.js': { file: 'assets/b.js', imports: ['_a.js'] },
    };
    expect(alwaysLoaded(manifest)).toEqual(['/assets/root.js', '/assets/a.js', '/assets/b.js']);
    expect(() => alwaysLoaded({ _r: { file: 'r.js', name: 'root', imports: ['_gone.js'] } })).toThrow('_gone.js');
    expect(() => alwaysLoaded({ _r: { file: 'r.js', name: 'other' } })).toThrow('0 chunks named root');
  });

  it('should refuse an index.html that loads a script from elsewhere', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-console-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<script src="https://cdn.example/x.js"></script>');
      expect(() => initialScript(dist)).toThrow('from elsewhere');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('the console bench: medians and ratios', () => {
  it('should take the middle value, or the mean of the two middle ones', () => {
    expect(median([900, 100, 300])).toBe(300);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('should not reorder what it was given', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('should give a ratio to two decimals', () => {
    expect(ratio(1346, 96)).toBe(14.02);
    expect(ratio(500, 1000)).toBe(0.5);
  });
});

describe('the console bench: Lighthouse answers', () => {
  const refs = (...list: [string, number, string?][]) =>
    list.map(([id, weight, group]) => (group ? { id, weight, group } : { id, weight }));
  const lhr: Lhr = {
    categories: {
      accessibility: {
        score: 0.96,
        auditRefs: refs(['color-contrast', 7], ['html-has-lang', 7], ['landmark-one-main', 3]),
      },
      performance: {
        score: 0.56,
        auditRefs: refs(
          ['total-blocking-time', 30],
          ['first-contentful-paint', 10],
          ['uses-text-compression', 0],
          ['speed-index', 10],
          ['screenshot-thumbnails', 0, 'hidden'],
        ),
      },
    },
    audits: {
      'color-contrast': {
        id: 'color-contrast',
        title: 'Background and foreground colors do not have a sufficient contrast ratio.',
        score: 0,
        scoreDisplayMode: 'binary',
        details: {
          items: [1, 2, 3].map(() => ({
            node: {
              selector: 'td > p.late',
              explanation: 'Fix any of the following:\n  Element has insufficient color contrast of 4.28',
            },
          })),
        },
      },
      'html-has-lang': { id: 'html-has-lang', title: 'has lang', score: 1, scoreDisplayMode: 'binary' },
      'landmark-one-main': { id: 'landmark-one-main', title: 'main', score: null, scoreDisplayMode: 'notApplicable' },
      'total-blocking-time': {
        id: 'total-blocking-time',
        title: 'Total Blocking Time',
        score: 0.27,
        scoreDisplayMode: 'numeric',
        displayValue: '520 ms',
      },
      'first-contentful-paint': {
        id: 'first-contentful-paint',
        title: 'First Contentful Paint',
        score: 0.9,
        scoreDisplayMode: 'numeric',
      },
      'speed-index': { id: 'speed-index', title: 'Speed Index', score: 0.09, scoreDisplayMode: 'numeric' },
      'uses-text-compression': {
        id: 'uses-text-compression',
        title: 'Enable text compression',
        score: 0,
        scoreDisplayMode: 'metricSavings',
        details: { items: [{ url: 'http://127.0.0.1:34139/assets/index-CaJDk61s.js' }] },
      },
      'screenshot-thumbnails': { id: 'screenshot-thumbnails', title: 'x', score: 0, scoreDisplayMode: 'numeric' },
    },
  };

  it('should list a failing accessibility audit with each element once and why', () => {
    expect(failingAudits(lhr, 'accessibility')).toEqual([
      {
        id: 'color-contrast',
        title: 'Background and foreground colors do not have a sufficient contrast ratio.',
        score: 0,
        weight: 7,
        displayValue: null,
        items: ['td > p.late: Element has insufficient color contrast of 4.28'],
        itemCount: 3,
      },
    ]);
  });

  it('should list the performance audits below 0.9, heaviest first, resources by path, no hidden one', () => {
    const failing = failingAudits(lhr, 'performance');
    expect(failing.map((a) => a.id)).toEqual(['total-blocking-time', 'speed-index', 'uses-text-compression']);
    expect(failing[2]!.items).toEqual(['/assets/index-CaJDk61s.js']);
  });

  it('should give scores out of 100', () => {
    expect(categoryScore(lhr, 'performance')).toBe(56);
    expect(categoryScore(lhr, 'accessibility')).toBe(96);
    expect(categoryScore(lhr, 'seo')).toBeNull();
  });
});
