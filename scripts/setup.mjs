// `node scripts/setup.mjs test|demo` (npm's pretest and predemo): installs what `npm test` or
// `npm run demo` needs on a fresh Debian/Ubuntu machine and says what it installs: the npm
// packages when node_modules is missing or differs from package-lock.json (with a C++ tool chain
// first if there is none), the Debian packages (Chromium, ffmpeg, CJK fonts, poppler-utils;
// PostgreSQL for the tests) through apt-get, with sudo when not root. Plain Node with no dependency, since it runs before node_modules exists.
// When everything is there it only reads two files and asks dpkg once. SETUP_SKIP=1 skips it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const say = (line) => console.log(`[setup] ${line}`);

/** Why node_modules does not hold what package-lock.json names (empty: it does). */
export function lockfileDrift(lock, installed) {
  if (!installed) return ['node_modules/.package-lock.json is missing'];
  const want = lock.packages ?? {};
  const have = installed.packages ?? {};
  const drift = [];
  for (const [key, entry] of Object.entries(want)) {
    if (!key.includes('node_modules/')) continue;
    const got = have[key];
    // Optional packages for other platforms (esbuild's, Electron's) are never installed here.
    if (!got) {
      if (!entry.optional && !entry.devOptional) drift.push(`${key} is not installed`);
    } else if (got.version !== entry.version) {
      drift.push(`${key} is ${got.version}, the lock says ${entry.version}`);
    }
  }
  for (const key of Object.keys(have)) if (!(key in want)) drift.push(`${key} is not in package-lock.json`);
  return drift;
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

const onPath = (name, env = process.env) =>
  (env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Debian's name for each part; Ubuntu ships Chromium as chromium-browser. */
export function aptPackagesFor(job, osId) {
  const chromium = osId === 'ubuntu' ? 'chromium-browser' : 'chromium';
  const parts = [
    { what: 'Chromium (the demo and the end-to-end tests)', pkg: chromium, present: (p) => p.chromium },
    { what: 'ffmpeg and ffprobe (the recorder)', pkg: 'ffmpeg', present: (p) => p.ffmpeg },
    {
      what: 'CJK fonts (Chinese on screen and in screenshots)',
      pkg: 'fonts-noto-cjk',
      present: (p) => p.installed.has('fonts-noto-cjk'),
    },
  ];
  if (job === 'test') {
    parts.push({ what: 'poppler-utils (printed PDFs turned into PNGs)', pkg: 'poppler-utils', present: (p) => p.pdftoppm });
  }
  return parts;
}

const osId = () => {
  try {
    return /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '') ?? 'debian';
  } catch {
    return 'debian';
  }
};

function probe() {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', 'fonts-noto-cjk'], { encoding: 'utf8' });
  const installed = new Set(
    (query.stdout ?? '')
      .split('\n')
      .filter((l) => l.endsWith(' installed'))
      .map((l) => l.split(' ')[0]),
  );
  const chromiumPaths = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ].filter(Boolean);
  return {
    installed,
    chromium: chromiumPaths.some((p) => existsSync(p)),
    ffmpeg: onPath('ffmpeg') && onPath('ffprobe'),
    pdftoppm: onPath('pdftoppm'),
    osId: osId(),
  };
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a command as root: directly when root, through sudo otherwise. */
function asRoot(command, args, { env = {}, mayFail = false } = {}) {
  if (!isRoot() && !onPath('sudo')) throw new Error(`needs root: run \`sudo ${command} ${args.join(' ')}\` or run this as root`);
  const [cmd, argv] = isRoot() ? [command, args] : ['sudo', ['--preserve-env=DEBIAN_FRONTEND', command, ...args]];
  const result = spawnSync(cmd, argv, { stdio: mayFail ? 'ignore' : 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0 && !mayFail)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function aptInstall(packages) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  asRoot('apt-get', ['update', '-qq'], { env });
  asRoot('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

/** Why `npm ci` should run here; empty when node_modules is current (or belongs to another checkout). */
function npmDrift() {
  const modules = path.join(ROOT, 'node_modules');
  const lock = readJson(path.join(ROOT, 'package-lock.json'));
  if (!lock) throw new Error('package-lock.json is missing or unreadable');
  const drift = existsSync(modules)
    ? lockfileDrift(lock, readJson(path.join(modules, '.package-lock.json')))
    : ['node_modules is missing'];
  // A linked node_modules belongs to another checkout: `npm ci` here would wipe that one.
  if (drift.length > 0 && existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    say(`node_modules is a link to another checkout and differs from package-lock.json (${drift[0]}); run npm ci there`);
    return [];
  }
  return drift;
}

function npmInstall(drift) {
  const env = { ...process.env };
  // Electron's binary comes from GitHub and is needed only by `npm start`, not by the tests or the demo.
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD === undefined) env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  say(`installing the npm packages (${drift[0]}${drift.length > 1 ? `, and ${drift.length - 1} more` : ''}): npm ci`);
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    say("without Electron's binary; `node node_modules/electron/install.js` fetches it for npm start");
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm
    ? [process.execPath, [npm, 'ci', '--no-audit', '--no-fund']]
    : ['npm', ['ci', '--no-audit', '--no-fund']];
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`npm ci failed (exit ${result.status ?? result.signal})`);
}

const reachable = (host, port, timeoutMs = 500) =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket
      .once('connect', () => done(true))
      .once('timeout', () => done(false))
      .once('error', () => done(false));
  });

const clusters = () =>
  existsSync('/etc/postgresql')
    ? readdirSync('/etc/postgresql').flatMap((version) =>
        readdirSync(path.join('/etc/postgresql', version)).map((name) => ({ version, name })),
      )
    : [];

/** The central store's tests run on PostgreSQL as well and do not skip: make one answer. */
async function postgres() {
  const url = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 5432);
  if (await reachable(host, port)) return;
  if (process.env.TEST_PG_URL) {
    say(`PostgreSQL at TEST_PG_URL (${host}:${port}) does not answer: the central store's PostgreSQL tests will fail`);
    return;
  }
  const fresh = !onPath('pg_ctlcluster');
  if (fresh && !onPath('apt-get')) {
    say(
      `PostgreSQL does not answer on ${host}:${port} and there is no apt-get to install it: the central store's PostgreSQL tests will fail`,
    );
    return;
  }
  if (fresh) {
    say("installing PostgreSQL (the central store's tests run on it as well as on SQLite): apt-get install postgresql");
    aptInstall(['postgresql']);
  }
  for (const { version, name } of clusters()) {
    say(`starting PostgreSQL ${version}/${name}`);
    // Debian's package may have started it already; a second start only fails.
    asRoot('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], { mayFail: true });
    if (fresh) {
      // A cluster this run installed: the tests connect as postgres over 127.0.0.1 without a password.
      const hba = `/etc/postgresql/${version}/${name}/pg_hba.conf`;
      say(`${hba}: the tests' user postgres may connect from 127.0.0.1 without a password (trust)`);
      asRoot('sed', ['-i', '-e', '1i host all postgres 127.0.0.1/32 trust', '-e', '1i host all postgres ::1/128 trust', hba]);
      asRoot('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'reload']);
    }
  }
  if (!(await reachable(host, port))) say(`PostgreSQL does not answer on ${host}:${port}: start it, or set TEST_PG_URL`);
}

export async function setup(job) {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) throw new Error(`Node ${process.versions.node} is too old: install Node 20 or newer`);
  const drift = npmDrift();
  const found = probe();
  const missing = aptPackagesFor(job, found.osId).filter((part) => !part.present(found));
  // better-sqlite3 and argon2 compile from source where their prebuilt binaries cannot be downloaded.
  if (drift.length > 0 && !['make', 'g++', 'python3'].every((tool) => onPath(tool))) {
    missing.push({ what: 'a C++ tool chain (native npm packages without a prebuilt binary)', pkg: 'build-essential python3' });
  }
  if (missing.length > 0 && !onPath('apt-get')) {
    for (const part of missing) say(`missing ${part.what}, and no apt-get to install it: install ${part.pkg} yourself`);
  } else if (missing.length > 0) {
    for (const part of missing) say(`installing ${part.what}: apt-get install ${part.pkg}`);
    aptInstall(missing.flatMap((part) => part.pkg.split(' ')));
  }
  if (drift.length > 0) npmInstall(drift);
  if (job === 'test') await postgres();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const job = process.argv[2] ?? 'test';
  if (job !== 'test' && job !== 'demo') {
    console.error('usage: node scripts/setup.mjs test|demo');
    process.exit(2);
  }
  if (process.env.SETUP_SKIP !== '1') {
    setup(job).catch((error) => {
      console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  }
}
