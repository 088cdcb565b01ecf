// Smoke test of the bundled main process without Electron: main.ts is bundled with
// esbuild exactly as scripts/build-main.mjs does, but with 'electron' replaced by a fake
// that records what the shell asks of it. The real terminal services run behind it
// (real SQLite in a temporary folder), so the wiring is checked end to end:
// scheme registration before ready, sandbox, windows, IPC sender checks, quit.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { contractChannels } from '../../../src-shared/ipc/contract';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository so that require('better-sqlite3') resolves from node_modules.
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'kiosk-main-smoke');

interface FakeWindow {
  options: Record<string, unknown>;
  url: string;
  webContents: {
    id: number;
    on: () => void;
    send: (c: string, p: unknown) => void;
    isDestroyed: () => boolean;
    sent: Array<[string, unknown]>;
  };
}

function fakeElectron(userData: string) {
  const calls: string[] = [];
  const handlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
  const appListeners = new Map<string, Array<(event?: { preventDefault(): void }) => void>>();
  const windows: FakeWindow[] = [];
  const dialogs: Array<[string, string]> = [];
  const exits: number[] = [];
  let protocolHandler: ((r: Request) => Promise<Response>) | undefined;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  let nextId = 1;
  class BrowserWindow implements FakeWindow {
    options: Record<string, unknown>;
    url = '';
    webContents: FakeWindow['webContents'];
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const sent: Array<[string, unknown]> = [];
      this.webContents = { id: nextId++, on: () => {}, send: (c, p) => sent.push([c, p]), isDestroyed: () => false, sent };
      windows.push(this);
    }
    setMenu() {}
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      getPath: () => userData,
      enableSandbox: () => calls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        calls.push('singleInstanceLock');
        return true;
      },
      on: (event: string, l: (event?: { preventDefault(): void }) => void) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), l]);
      },
      whenReady: () => ready,
      exit: (code: number) => exits.push(code),
      quit: () => calls.push('quit'),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`registerSchemes:${JSON.stringify(schemes)}`),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => {
        calls.push(`handle:${scheme}`);
        protocolHandler = h;
      },
    },
    session: {
      defaultSession: new Proxy(
        {},
        {
          get:
            (_t, name) =>
            (..._args: unknown[]) => {
              calls.push(`session.${String(name)}`);
            },
        },
      ),
    },
    Menu: { setApplicationMenu: (m: unknown) => calls.push(`menu:${String(m)}`) },
    dialog: { showErrorBox: (title: string, body: string) => dialogs.push([title, body]) },
    ipcMain: {
      handle: (c: string, h: (e: unknown, a: unknown) => Promise<unknown>) => handlers.set(c, h),
      removeHandler: (c: string) => handlers.delete(c),
    },
    screen: {
      getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ id: 1 }),
    },
    BrowserWindow,
  };
  return {
    electron,
    calls,
    handlers,
    appListeners,
    windows,
    dialogs,
    exits,
    ready: () => {
      calls.push('ready');
      resolveReady();
    },
    protocol: () => protocolHandler,
  };
}

let bundle: string;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kiosk-main-'));
  mkdirSync(OUT_DIR, { recursive: true });
  bundle = path.join(OUT_DIR, `main-${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(ROOT, 'src-main/electron/main.ts')],
    outfile: bundle,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    // Native addons stay external, as scripts/build-main.mjs keeps them (MAIN_EXTERNALS).
    external: ['better-sqlite3', 'argon2', 'serialport', '@serialport/*'],
    plugins: [
      {
        name: 'fake-electron',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'fake' }));
          b.onLoad({ filter: /.*/, namespace: 'fake' }, () => ({
            contents: 'module.exports = globalThis.__fakeElectron;',
            loader: 'js',
          }));
        },
      },
    ],
  });
}, 60_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

/** Loads the bundle once per scenario, with its process listeners removed afterwards. */
async function runMain(configPath: string) {
  const fake = fakeElectron(path.join(tmp, 'userData'));
  (globalThis as Record<string, unknown>).__fakeElectron = fake.electron;
  const events = ['uncaughtException', 'unhandledRejection', 'SIGTERM', 'SIGINT'];
  const listenersOf = (e: string): unknown[] => process.listeners(e as NodeJS.Signals);
  const before = new Map(events.map((e) => [e, listenersOf(e)]));
  const previous = process.env.KIOSK_CONFIG;
  process.env.KIOSK_CONFIG = configPath;
  const requireFresh = createRequire(bundle);
  Reflect.deleteProperty(requireFresh.cache, bundle);
  requireFresh(bundle);
  fake.ready();
  // Let start() run: open the terminal, create windows, register IPC.
  for (let i = 0; i < 50 && fake.windows.length === 0 && fake.exits.length === 0; i += 1)
    await new Promise((r) => setTimeout(r, 20));
  process.env.KIOSK_CONFIG = previous;
  const cleanup = () => {
    for (const [event, listeners] of before) {
      for (const l of listenersOf(event)) if (!listeners.includes(l)) process.removeListener(event, l as never);
    }
  };
  return { ...fake, cleanup };
}

function writeConfig(name: string, patch: Record<string, unknown>): string {
  const base = JSON.parse(readFileSync(path.join(ROOT, 'harness/fixtures/terminal-config/prison.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const file = path.join(tmp, name);
  writeFileSync(
    file,
    JSON.stringify({
      ...base,
      dataDir: path.join(tmp, `${name}-data`),
      recordingDir: path.join(tmp, `${name}-data`, 'recordings'),
      ...patch,
    }),
  );
  return file;
}

describe('main process bundle with a fake Electron', () => {
  /** will-quit holds the quit until live recordings are sealed, then quits again. */
  async function quitAndWait(m: {
    appListeners: Map<string, Array<(event?: { preventDefault(): void }) => void>>;
    calls: string[];
  }): Promise<void> {
    let held = false;
    for (const l of m.appListeners.get('will-quit') ?? [])
      l({
        preventDefault: () => {
          held = true;
        },
      });
    expect(held).toBe(true);
    await vi.waitFor(() => expect(m.calls).toContain('quit'));
  }

  test('starts the terminal: scheme, sandbox, windows, IPC, and closes on quit', async () => {
    const m = await runMain(writeConfig('good.json', {}));
    try {
      expect(m.dialogs).toEqual([]);
      // Scheme privileges and the global sandbox come before 'ready'.
      const readyAt = m.calls.indexOf('ready');
      expect(m.calls.findIndex((c) => c.startsWith('registerSchemes:'))).toBeLessThan(readyAt);
      expect(m.calls.indexOf('enableSandbox')).toBeLessThan(readyAt);
      expect(m.calls.find((c) => c.startsWith('registerSchemes:'))).toContain('"standard":true');
      expect(m.calls).toEqual(
        expect.arrayContaining([
          'singleInstanceLock',
          'handle:app',
          'menu:null',
          'session.setPermissionRequestHandler',
          'session.setPermissionCheckHandler',
          'session.setDevicePermissionHandler',
        ]),
      );
      expect(m.appListeners.has('web-contents-created')).toBe(true);

      expect(m.windows.map((w) => w.url)).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html#/console']);
      for (const w of m.windows) {
        expect(w.options.webPreferences).toMatchObject({
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          devTools: false,
        });
        expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
      }
      expect(m.windows[0]?.options.kiosk).toBe(true);

      expect([...m.handlers.keys()].sort()).toEqual(
        contractChannels()
          .map((c) => c.channel)
          .sort(),
      );
      const kioskContents = m.windows[0]?.webContents;
      const trusted = { senderFrame: { url: 'app://kiosk/index.html', parent: null }, sender: kioskContents };
      const info = await m.handlers.get('kiosk:admin.siteInfo')?.(trusted, undefined);
      expect(info).toMatchObject({ ok: true, value: { siteName: '云南省第一监狱', siteKind: 'prison' } });
      const bad = await m.handlers.get('kiosk:visit.listForDay')?.(trusted, { date: 'tomorrow' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      const foreign = await m.handlers.get('kiosk:admin.siteInfo')?.(
        { senderFrame: { url: 'https://evil.example/', parent: null }, sender: kioskContents },
        undefined,
      );
      expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });

      // The URL parser folds %2e%2e away (as Chromium does), so this stays inside the renderer
      // folder, which this bundle's location has none of: a 404, with the CSP on it.
      const response = await m.protocol()?.(new Request('app://kiosk/%2e%2e/package.json'));
      expect(response?.status).toBe(404);
      expect(response?.headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      for (const l of m.appListeners.get('before-quit') ?? []) l();
      await quitAndWait(m);
      m.cleanup();
    }
    // After quit the store is closed: a second start on the same folder opens it again cleanly.
    const again = await runMain(writeConfig('good.json', {}));
    try {
      expect(again.windows.length).toBe(2);
    } finally {
      await quitAndWait(again);
      again.cleanup();
    }
  }, 30_000);

  test('a bad configuration shows a dialog with the fields to fix, then exits 1', async () => {
    const m = await runMain(writeConfig('bad.json', { site: { id: 'x', name: '', kind: 'castle' }, retentionDays: -1 }));
    try {
      expect(m.exits).toEqual([1]);
      expect(m.windows).toEqual([]);
      expect(m.dialogs.length).toBe(1);
      const [title, body] = m.dialogs[0] ?? ['', ''];
      expect(title).toBe('会见终端无法启动');
      expect(body).toContain('bad.json');
      expect(body).toContain('site.kind');
      expect(body).toContain('retentionDays');
    } finally {
      m.cleanup();
    }
  }, 30_000);
});
