// `npm run demo`: runs the terminals headless on any machine, with the real renderer in
// Debian's Chromium over the real main services, and prints where everything went.
// Today it opens the prison and the bureau terminal at their idle screens and their
// supervision consoles; the call, recording and upload join as their issues land.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { APP_CSP } from '../src-main/electron/csp';
import { launchChromium } from '../tests/e2e/harness/browser';
import { serveRenderer } from '../tests/e2e/harness/static-server';
import { openTerminals } from '../tests/e2e/harness/terminals';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const out = root('data/demo');
mkdirSync(out, { recursive: true });

console.log('构建界面（vite build）…');
execFileSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: root('.'), stdio: 'inherit' });

const browser = await launchChromium();
const server = await serveRenderer(root('dist/renderer'), APP_CSP);
try {
  const terminals = await openTerminals(browser, server.url, [
    { configPath: root('tests/fixtures/terminal-config/prison.json'), dataDir: join(out, 'prison') },
    { configPath: root('tests/fixtures/terminal-config/bureau.json'), dataDir: join(out, 'bureau') },
  ]);
  for (const t of terminals) {
    const site = await t.terminal.services.admin.siteInfo(undefined);
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    await t.page.getByTestId('site-name').filter({ hasText: /\S/ }).waitFor();
    const idle = join(out, `${site.terminalId}-idle.png`);
    await t.page.screenshot({ path: idle });
    await t.load('#/console');
    await t.page.getByTestId('console-app').waitFor({ state: 'visible' });
    await t.page.getByTestId('audit-row').first().waitFor({ state: 'visible' });
    const consolePng = join(out, `${site.terminalId}-console.png`);
    await t.page.screenshot({ path: consolePng });
    const audit = await t.terminal.services.admin.recentAudit({ limit: 5 });
    console.log(`\n${site.siteName} · ${site.roomName}（${site.terminalId}）`);
    console.log(`  待机界面截图：${idle}`);
    console.log(`  监督台截图：  ${consolePng}`);
    console.log(`  本地数据库：  ${t.dataDir}（审计记录 ${audit.length} 条，最新：${audit[0]?.kind ?? '无'}）`);
  }
  for (const t of terminals) await t.close();
  console.log('\n演示完成。');
} finally {
  await browser.close();
  await server.close();
}
