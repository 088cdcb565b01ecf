// `npm run dev`: the renderer from Vite's dev server (hot reload) inside Electron, whose
// main process trusts that one local origin (KIOSK_DEV_SERVER_URL, unpackaged builds only).
// `--renderer-only` serves the renderer alone, for work in a browser without Electron.
import { findElectronBinary, MISSING_BINARY_EXIT_CODE, missingBinaryMessage, ROOT, runElectron } from './start.mjs';

const rendererOnly = process.argv.includes('--renderer-only');
const binary = rendererOnly ? null : findElectronBinary();
if (!rendererOnly && !binary) {
  console.error(missingBinaryMessage());
  console.error(
    '（只开发界面时可运行 `npm run dev -- --renderer-only`。For the renderer alone: `npm run dev -- --renderer-only`.）',
  );
  process.exit(MISSING_BINARY_EXIT_CODE);
}

// Loaded only now, so the missing-binary message comes without Vite's start-up cost.
const { createServer } = await import('vite');
const { buildMain } = await import('./build-main.mjs');
const server = await createServer({
  configFile: `${ROOT}vite.config.ts`,
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
await server.listen();
server.printUrls();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('Vite dev server has no local URL');

if (binary) {
  await buildMain();
  const code = await runElectron(
    binary,
    process.argv.slice(2).filter((a) => a !== '--renderer-only'),
    { KIOSK_DEV_SERVER_URL: url },
  );
  await server.close();
  process.exit(code);
}
