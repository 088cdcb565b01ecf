// One desk-mode terminal in Chromium over the real main services, as the desk e2e suites open it:
// the renderer served under the app's CSP, page errors and console errors collected as problems.
import type { Browser, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../../src-main/electron/csp';
import { launchChromium } from '../../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../../harness/browser/terminals';

export interface DeskPage {
  browser: Browser;
  server: StaticServer;
  t: OpenedTerminal;
  page: Page;
}

/** Opens the desk at 1600×1000 on the given clock and waits for its login. */
export async function openDeskPage(configPath: string, now: () => Date, problems: string[]): Promise<DeskPage> {
  const browser = await launchChromium();
  const server = await serveRenderer(fileURLToPath(new URL('../../../dist/renderer', import.meta.url)), APP_CSP);
  const [t] = (await openTerminals(browser, server.url, [{ configPath, now, viewport: { width: 1600, height: 1000 } }])) as [
    OpenedTerminal,
  ];
  const page = t.page;
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await t.load();
  await page.getByTestId('desk-login').waitFor({ state: 'visible', timeout: 30_000 });
  return { browser, server, t, page };
}
