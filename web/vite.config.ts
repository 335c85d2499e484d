// The console is built into web/dist and served by the API at / (src/common/console.ts), on the same origin as the
// API: no CORS, and the refresh cookie stays SameSite=Strict. `npm run dev` proxies the API for working on it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': process.env.RUJUKAN_API ?? 'http://127.0.0.1:3000' } },
});
