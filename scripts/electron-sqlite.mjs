// better-sqlite3 in node_modules is compiled for Node (the tests, the demo and the server
// use it), but Electron has its own ABI. Rebuilding it in place would break those, so the
// terminal gets its own copy compiled for Electron, kept under node_modules/.cache, and
// main loads it through better-sqlite3's nativeBinding option (KIOSK_SQLITE_BINDING).
// Packaged builds get theirs from scripts/build/native-modules.ts (per target, also in a copy).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const electronVersion = (root) =>
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/** Where the Electron build of better-sqlite3's addon lives for a given Electron version. */
export function electronSqliteBinding(root, version = electronVersion(root)) {
  return path.join(
    root,
    'node_modules/.cache/electron-native',
    `better-sqlite3-electron-${version}`,
    'build/Release/better_sqlite3.node',
  );
}

/** node-gyp as npm ships it (npm sets npm_config_node_gyp for scripts), else the one on PATH. */
function nodeGypCommand(env) {
  const bundled = env.npm_config_node_gyp;
  return bundled && existsSync(bundled) ? [process.execPath, bundled] : ['node-gyp'];
}

/** Builds the Electron copy once per Electron version; returns the addon's path. */
export function ensureElectronSqlite(root, env = process.env) {
  const version = electronVersion(root);
  const binding = electronSqliteBinding(root, version);
  if (existsSync(binding)) return binding;
  const source = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  const copy = path.dirname(path.dirname(path.dirname(binding)));
  mkdirSync(copy, { recursive: true });
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps'])
    cpSync(path.join(source, part), path.join(copy, part), { recursive: true });
  console.log(`为 Electron ${version} 编译 better-sqlite3（仅首次，约需一两分钟）…`);
  const [command, ...prefix] = nodeGypCommand(env);
  const result = spawnSync(
    command,
    [...prefix, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: copy, stdio: 'inherit', env },
  );
  if (result.status !== 0 || !existsSync(binding)) {
    throw new Error(
      `无法为 Electron ${version} 编译 better-sqlite3（需要能下载 Electron 头文件，以及 python3、make、C++ 编译器）。` +
        `Could not build better-sqlite3 for Electron ${version}: node-gyp needs the Electron headers (network) and a C++ toolchain.`,
    );
  }
  return binding;
}
