// `npm start`: runs the terminal under Electron when Electron's binary is installed.
// On an offline install (ELECTRON_SKIP_BINARY_DOWNLOAD=1) the binary is absent: say so in
// one paragraph, name what runs without it, and exit non-zero.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MISSING_BINARY_EXIT_CODE = 3;

/** The Electron executable, or null when the package is installed without its binary. */
export function findElectronBinary() {
  try {
    // The electron package's main export is the binary's path; it throws when path.txt is
    // missing (download skipped). ELECTRON_OVERRIDE_DIST_PATH, if set, is honoured by it.
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function missingBinaryMessage(env = process.env) {
  const skipped = env.ELECTRON_SKIP_BINARY_DOWNLOAD ? '（当前环境仍设置着 ELECTRON_SKIP_BINARY_DOWNLOAD，下载前请先取消）' : '';
  const skippedEn = env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is still set in this shell: unset it first)'
    : '';
  return [
    `无法启动会见终端：node_modules/electron 中没有 Electron 程序文件，通常是因为离线安装时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1。` +
      `在能联网的机器上运行 \`node node_modules/electron/install.js\` 下载它${skipped}（国内网络可先设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/），` +
      `或不带该变量重新执行 \`npm ci\`。没有 Electron 也可以：\`npm run demo\` 在无界面的 Chromium 中运行监狱端与司法局端两台终端，` +
      `\`npm run test:e2e\` 在 Chromium 中运行端到端测试，\`npm run server\` 启动省级中心库。`,
    `Cannot start the terminal: the Electron binary is not in node_modules/electron, usually because it was installed offline with ELECTRON_SKIP_BINARY_DOWNLOAD=1. ` +
      `On a machine with network access run \`node node_modules/electron/install.js\` to download it${skippedEn} (in mainland China set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ first), ` +
      `or run \`npm ci\` again without that variable. Without Electron you can still run \`npm run demo\` (the prison and the bureau terminal, headless in Chromium), ` +
      `\`npm run test:e2e\` (the end-to-end tests in Chromium) or \`npm run server\` (the central store).`,
  ].join('\n');
}

const newestMtime = (dir) => {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
};
const mtimeOf = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Whether dist/ is missing or older than the sources that produce it. */
export function staleParts(root = ROOT) {
  const at = (p) => path.join(root, p);
  const shared = newestMtime(at('src-shared'));
  return {
    main:
      mtimeOf(at('dist/main/main.cjs')) < Math.max(newestMtime(at('src-main')), shared) ||
      !existsSync(at('dist/main/preload.cjs')),
    renderer: mtimeOf(at('dist/renderer/index.html')) < Math.max(newestMtime(at('src-renderer')), shared),
  };
}

const run = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

/** Builds what is stale; the renderer through its npm script, main with esbuild. */
export async function buildIfNeeded() {
  const stale = staleParts();
  if (stale.renderer) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const code = await run(npm, ['run', 'build:renderer'], { shell: process.platform === 'win32' });
    if (code !== 0) throw new Error(`build:renderer failed (${code})`);
  }
  if (stale.main) {
    const { buildMain } = await import('./build-main.mjs');
    await buildMain();
  }
}

/** The installed terminal's V8 flags (electron-builder.yml linux.executableArgs; docs/deploy.md). */
const JS_FLAGS = '--js-flags=--max-semi-space-size=2';

/** Runs Electron on the app folder, as the installers start it; resolves with its exit code. */
export function runElectron(binary, args = [], extraEnv = {}) {
  const env = { ...process.env, ...extraEnv };
  // Would make Electron a plain Node; the packaged app's fuse forbids it anyway.
  delete env.ELECTRON_RUN_AS_NODE;
  return run(binary, [JS_FLAGS, ROOT, ...args], { env });
}

async function main() {
  const binary = findElectronBinary();
  if (!binary) {
    console.error(missingBinaryMessage());
    process.exit(MISSING_BINARY_EXIT_CODE);
  }
  await buildIfNeeded();
  const { ensureElectronSqlite } = await import('./electron-sqlite.mjs');
  const binding = ensureElectronSqlite(ROOT);
  process.exit(await runElectron(binary, process.argv.slice(2), { KIOSK_SQLITE_BINDING: binding }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
