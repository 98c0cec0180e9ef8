import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web console: built to static files (dist/console) that the standalone platform
 * serves at `/`. JSX goes through Vite's own transformer (automatic runtime), so no
 * React plugin is needed; the console has no dev-time hot reload beyond Vite's default.
 */
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` against a platform running on 3000
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
