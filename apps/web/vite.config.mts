import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The built-in dashboard: plain TypeScript modules + Chart.js, bundled into dist/apps/web, which
// the gateway serves at `/` (WEB_DIST).
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    // Not emptied first: files are content-hashed and rewritten in place, so a stack already
    // serving dist/apps/web never sees index.html missing while a parallel build runs.
    emptyOutDir: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
});
