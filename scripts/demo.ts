// `npm run demo`: a newcomer's first look at the whole system. Starts the central store
// (SQLite in data/demo/<time>/central), seeds it through its HTTP API, opens two kiosk
// terminals (the real renderer in headless Chromium over the real main services, each
// with its own fake camera and ID-card reader simulator) and runs one short visit from
// enrolment and check-in to the end by countdown, the recordings sealed, uploaded and
// verified. Prints each step in Chinese and English; exits 0, or 1 with the reason.
//   DEMO_SKIP_BUILD=1 uses an existing renderer build (RENDERER_OUT_DIR or dist/renderer).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDemo } from './demo/run-demo';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = process.env['RENDERER_OUT_DIR'] ?? join(root, 'dist/renderer');
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const outDir = join(root, 'data', 'demo', stamp);
const show = (p: string) => relative(process.cwd(), p) || '.';
/** The whole run may take this long before it is called failed. */
const LIMIT_MS = 8 * 60_000;

async function main(): Promise<number> {
  console.log('远程视频会见系统演示 Remote video visitation — demo');
  console.log(`演示数据目录 demo data folder: ${show(outDir)}`);
  mkdirSync(outDir, { recursive: true });
  if (process.env['DEMO_SKIP_BUILD'] !== '1') {
    console.log('\n构建界面（vite build）Building the renderer…');
    execFileSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    });
  }
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`没有找到界面构建 renderer build not found: ${rendererDir}（先运行 run: npm run build:renderer）`);

  const timer = setTimeout(() => {
    console.error(`\n演示失败 DEMO FAILED: 超过 ${LIMIT_MS / 60_000} 分钟仍未完成 did not finish in time`);
    process.exit(1);
  }, LIMIT_MS);
  timer.unref();
  const started = Date.now();
  const result = await runDemo({ outDir, rendererDir, log: (line) => console.log(line) });
  clearTimeout(timer);
  console.log(`\n用时 took ${Math.round((Date.now() - started) / 1000)} s`);

  console.log('\n══════ 演示完成 Demo complete ══════');
  console.log(`会见 visit: ${result.visitId}`);
  console.log(`中心库数据 central store data (SQLite + received files): ${show(result.storeDir)}`);
  for (const t of result.terminals)
    console.log(
      `${t.side === 'prison' ? '监狱端' : '司法局端'} ${t.side} terminal: 数据 data ${show(t.dataDir)}，录像 recordings ${show(t.recordingDir)}`,
    );
  console.log(`截图 screenshots: ${show(result.screenshots)}`);
  console.log('\n录像与校验 Recordings and how to verify them:');
  for (const r of result.recordings) {
    console.log(`  ${r.side} · ${r.recordingId}`);
    console.log(
      `    声音与画面 sound and picture: 双方在全部 ${r.media.windows} 个 2 秒窗口均可听见、画面均在动 both parties audible and both halves moving in all ${r.media.windows} 2-second windows`,
    );
    console.log(
      `    终端副本 terminal copy: ${show(r.terminalManifest)}  → ${r.terminalCheck.ok ? '校验通过 OK' : `校验失败 FAILED: ${r.terminalCheck.message}`}`,
    );
    const central = r.centralCheck.ok ? '校验通过 OK' : `校验失败 FAILED: ${r.centralCheck.message}`;
    console.log(`    中心库副本 central copy: ${show(r.centralManifest)}  → ${central}`);
    console.log(`    npm run verify -- ${show(r.terminalManifest)}`);
    console.log(`    npm run verify -- ${show(r.centralManifest)}`);
  }
  const centralBad = result.recordings.filter((r) => !r.centralCheck.ok);
  if (centralBad.length > 0) {
    console.error(
      `\n演示失败 DEMO FAILED: 中心库副本未通过校验 the central copy did not verify (${centralBad.map((r) => r.side).join(', ')})`,
    );
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\n演示失败 DEMO FAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.stack && process.env['DEMO_DEBUG'] === '1') console.error(error.stack);
    process.exit(1);
  },
);
