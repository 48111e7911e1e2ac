/**
 * Renderer build. The output is served from the app:// protocol in Electron and from http://127.0.0.1 in the
 * browser shell, so every URL is relative and nothing may be inlined (the CSP allows 'self' scripts/styles only).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  // JSX through Vite's built-in oxc transform (no @vitejs/plugin-react).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Why: the polyfill is injected as an inline <script>, which `script-src 'self'` forbids.
    modulePreload: { polyfill: false },
    // Why: small assets would otherwise become data: URLs inside JS/CSS; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
