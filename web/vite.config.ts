// The console is built into web/dist and served by the API at / (src/common/console.ts), on the same origin as the
// API: no CORS, and the refresh cookie stays SameSite=Strict. `npm run dev` proxies the API for working on it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// index.html runs main.tsx, a small script that draws the app shell and asks for the session; it loads the console
// itself (root.tsx) with import() once the shell's title is on the screen. The console's scripts are therefore not
// listed in the page: fetched at once, they would share a slow phone's connection with the session's answer.
export default defineConfig({
  plugins: [react()],
  // the manifest tells the console bench which chunks the first script loads at once (bench/support/console-measure.ts)
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': process.env.RUJUKAN_API ?? 'http://127.0.0.1:3000' } },
});
