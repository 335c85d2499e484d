// The console is built into web/dist and served by the API at / (src/common/console.ts), on the same origin as the
// API: no CORS, and the refresh cookie stays SameSite=Strict. `npm run dev` proxies the API for working on it.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// index.html runs main.tsx, a small script that asks for the session before it loads the console itself (root.tsx)
// with import(); the console's scripts are listed in the page as modulepreload, so the browser fetches them at once,
// beside main.tsx, not once main.tsx has run.
const preloadConsole: Plugin = {
  name: 'rujukan-preload-console',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const root = chunks.find((c) => c.moduleIds.some((m) => m.endsWith('/src/root.tsx')));
      if (!root) throw new Error('no chunk for src/root.tsx');
      const entries = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      return [root.fileName, ...root.imports]
        .filter((f) => !entries.has(f))
        .map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head',
        }));
    },
  },
};

export default defineConfig({
  plugins: [react(), preloadConsole],
  // the manifest tells the console bench which chunks the first script loads at once (bench/support/console-measure.ts)
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': process.env.RUJUKAN_API ?? 'http://127.0.0.1:3000' } },
});
