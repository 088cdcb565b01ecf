// The benches' kiosk (scripts/bench/kiosks.ts): main's services in their own process, which
// serves the renderer and takes the window's calls over a WebSocket on that origin, as
// Electron's main serves app:// and takes its IPC (harness/browser/child-terminal.ts). Its
// figures (bench:call's set-up, issue #22 item 2) are only worth something if the renderer
// works there as in the shell: under the app's CSP, with main's answers and refusals intact.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { launchChromium } from '../../harness/browser/browser';
import { openChildTerminal, type ChildTerminal } from '../../harness/browser/child-terminal';
import { loadTerminalConfig } from '../../src-main/config/load';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const PRISON = root('harness/fixtures/terminal-config/prison.json');

let browser: Browser;
let t: ChildTerminal | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'socket-bridge-'));

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await t?.close();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('socket bridge to a terminal in its own process', () => {
  test('R32.1 the idle screen comes up from main over the socket, under the app CSP, and refusals come back as results', async () => {
    const invoked: string[] = [];
    t = await openChildTerminal(browser, {
      configPath: PRISON,
      dataDir,
      serve: { rendererDir: root('dist/renderer'), csp: APP_CSP },
      onInvoke: { channels: ['kiosk:auth.session'], listener: (channel) => invoked.push(channel) },
    });
    const problems: string[] = [];
    t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    t.page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    expect(t.rendererUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await t.page.goto(`${t.rendererUrl ?? ''}/index.html`);
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    await expect.poll(() => t?.page.getByTestId('site-name').textContent()).toContain(loadTerminalConfig(PRISON).site.name);
    // The window's calls reached main's process (those asked for reported to the parent with main's time).
    expect(invoked.length).toBeGreaterThan(0);
    // A privileged call with nobody logged in is refused by main, and the refusal crosses back whole.
    const refused = (await t.page.evaluate(() =>
      (window as unknown as { kiosk: { recording: { list(): Promise<unknown> } } }).kiosk.recording.list(),
    )) as { ok: boolean; error?: { code: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('NOT_AUTHORISED');
    // Only the asked channels are reported to the parent.
    expect(new Set(invoked)).toEqual(new Set(['kiosk:auth.session']));
    expect(problems).toEqual([]);
  });
});
