// Opens N terminals as separate browser contexts, each backed by the REAL src-main services
// (openTerminal: real SQLite in a temporary folder) running in this test process.
// window.kiosk reaches them through page.exposeBinding → createDispatcher, which is what
// ipcMain.handle calls in the Electron shell.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../../src-main/ipc/dispatch';
import { openTerminal } from '../../src-main/terminal';
import type { OpenTerminalOptions, Terminal } from '../../src-main/terminal-types';
import { emitToPage } from './emit-to-page';
import { bridgeScript } from './page-bundle';

export interface TerminalSpec {
  /** Path of a terminal configuration file, e.g. harness/fixtures/terminal-config/prison.json. */
  configPath: string;
  viewport?: { width: number; height: number };
  /** Keep the terminal's data here (the demo does); by default a temporary folder, removed on close. */
  dataDir?: string;
  /** The terminal's clock (main side), for tests that move time, e.g. to a visit's start. */
  now?: () => Date;
  /** Browser permissions of this terminal's context (default camera + microphone). */
  permissions?: string[];
  /** The signaling provider (a token from the real store), ICE servers, timings. */
  call?: OpenTerminalOptions['call'];
  /** Recorder overrides (e.g. the disk check on a small file system). */
  recording?: OpenTerminalOptions['recording'];
}

export interface OpenedTerminal {
  readonly terminal: Terminal;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly dataDir: string;
  /** Calls made from the page, in order, for tests that assert what the renderer asked. */
  readonly calls: string[];
  /** Navigates to the renderer (the visit screen, or '#/console' for the console). */
  load(hash?: string): Promise<void>;
  /** Another window of the same terminal (e.g. '#/console'), with main's events forwarded. */
  openPage(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openTerminals(browser: Browser, baseUrl: string, specs: TerminalSpec[]): Promise<OpenedTerminal[]> {
  const script = await bridgeScript();
  const opened: OpenedTerminal[] = [];
  for (const spec of specs) {
    const dataDir = spec.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    // The desk's savePdf prints the terminal's main page with Chromium's page.pdf, as Electron's
    // printToPDF does in the app (same engine, the page's @page CSS).
    let mainPage: Page | null = null;
    const pdf = {
      print: async () => {
        if (!mainPage) throw new Error('没有可打印的窗口');
        return new Uint8Array(await mainPage.pdf({ preferCSSPageSize: true, printBackground: true }));
      },
    };
    // A test that moves this terminal's clock alone keeps it: no setting by the store's time.
    const terminal = await openTerminal({
      configPath: spec.configPath,
      dataDir,
      pdf,
      ...(spec.now ? { now: spec.now, storeClock: false } : {}),
      ...(spec.call ? { call: spec.call } : {}),
      ...(spec.recording ? { recording: spec.recording } : {}),
    });
    const dispatch = createDispatcher(terminal, {
      onInternalError: (channel, error) => console.error(`[e2e] internal error on ${channel}`, error),
    });
    const context = await browser.newContext({
      viewport: spec.viewport ?? { width: 1920, height: 1080 },
      permissions: spec.permissions ?? ['camera', 'microphone'],
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const calls: string[] = [];
    await context.exposeBinding('__kioskInvoke', (_source, channel: string, args: unknown) => {
      calls.push(channel);
      return dispatch(channel, args);
    });
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    mainPage = page;
    const pages: Page[] = [page];
    const unsubscribe = terminal.onEvent((event, payload) => {
      for (const p of pages) emitToPage(p, event, payload);
    });
    opened.push({
      terminal,
      context,
      page,
      dataDir,
      calls,
      load: async (hash = '') => {
        await page.goto(`${baseUrl}/index.html${hash}`);
      },
      openPage: async (hash = '') => {
        const extra = await context.newPage();
        pages.push(extra);
        await extra.goto(`${baseUrl}/index.html${hash}`);
        return extra;
      },
      close: async () => {
        unsubscribe();
        await context.close();
        terminal.close();
        if (!spec.dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    });
  }
  return opened;
}
