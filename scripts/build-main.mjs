// Bundles the Electron main process and the sandboxed preload with esbuild:
//   src-main/electron/main.ts    -> dist/main/main.cjs    (Node, CommonJS)
//   src-main/electron/preload.ts -> dist/main/preload.cjs (sandboxed preload: one file,
//                                   it can require only 'electron' and a few built-ins)
// Native modules stay external: they are loaded from node_modules (unpacked from the asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

// argon2 and serialport's bindings are N-API prebuilds (ABI-stable, so Electron loads them as they are);
// better-sqlite3 is not, hence scripts/electron-sqlite.mjs.
// electron-updater ships as a dependency too: it picks its platform's updater by require() at
// run time and reads its own package files, so it is loaded from node_modules as published.
/** Native addons, Electron itself and electron-updater: never bundled. */
export const MAIN_EXTERNALS = [
  'electron',
  'electron-updater',
  'better-sqlite3',
  'argon2',
  'serialport',
  '@serialport/*',
  'koffi',
  'ffmpeg-static',
  'bufferutil',
  'utf-8-validate',
];

const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

export async function buildMain() {
  await Promise.all([
    build({
      ...common,
      entryPoints: [root('src-main/electron/main.ts')],
      outfile: root('dist/main/main.cjs'),
      platform: 'node',
      // Electron 41 ships Node 24; node20 keeps the output valid for the engines field too.
      target: 'node20',
      external: MAIN_EXTERNALS,
    }),
    build({
      ...common,
      entryPoints: [root('src-main/electron/preload.ts')],
      outfile: root('dist/main/preload.cjs'),
      // A sandboxed preload runs in the renderer: browser-like, with require('electron') only.
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  buildMain().then(
    () => console.log(`dist/main/main.cjs 与 dist/main/preload.cjs 已生成（${Date.now() - started} ms）`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
