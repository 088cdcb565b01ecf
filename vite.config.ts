// Builds the renderer (src-renderer) into dist/renderer for the Electron app:// protocol
// and the e2e static server. Both serve it under a strict CSP (script-src 'self', no inline),
// so the build must emit no inline script: hence no module-preload polyfill.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The dev server needs inline scripts (React refresh preamble), <style> tags (CSS hot
 * update) and a WebSocket; the CSP in index.html forbids all three. Relax it while serving
 * only; the built file keeps the strict policy untouched.
 */
const devCsp = (): Plugin => ({
  name: 'kiosk-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: http:"),
});

export default defineConfig({
  root: root('./src-renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), devCsp()],
  resolve: {
    // Issue 6: simple-peer's own browser bundle (browserify, no eval) brings its Node
    // shims (Buffer, process, streams); the CommonJS entry would need polyfills here.
    alias: [{ find: /^simple-peer$/, replacement: root('./node_modules/simple-peer/simplepeer.min.js') }],
  },
  build: {
    // RENDERER_OUT_DIR lets parallel work build and test its own copy (the e2e server reads it too).
    outDir: process.env.RENDERER_OUT_DIR ?? root('./dist/renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into JS/CSS; keep every file a real file under 'self'.
    assetsInlineLimit: 0,
    target: 'chrome130',
  },
});
