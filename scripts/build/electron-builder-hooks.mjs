// electron-builder's beforePack and afterPack hooks (electron-builder.yml), once per target:
//   beforePack: ffmpeg and ffprobe for the target into build/ffmpeg/<target> (fetch-ffmpeg.ts),
//               better-sqlite3 for Electron and the target into build/native/<target> (native-modules.ts);
//   afterPack:  every native binary of the packaged folder read back and refused on a wrong
//               architecture or, for a V8 addon, a wrong ABI (check-arch.ts), before fuses and signing.
// electron-builder loads this file with plain Node, so the TypeScript modules come through tsx.
import { tsImport } from 'tsx/esm/api';

const load = (file) => tsImport(file, import.meta.url);
const log = (message) => console.log(`  • ${message.split('\n').join('\n    ')}`);

// builder-util's Arch enum: the numbers electron-builder hands its hooks.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const targetOf = (context) => ({
  platform: context.electronPlatformName,
  arch: ARCH_NAMES[context.arch] ?? String(context.arch),
});

export async function beforePack(context) {
  const target = targetOf(context);
  const { ROOT, buildDirOf } = await load('./build-dir.ts');
  const { prepareFfmpeg } = await load('./fetch-ffmpeg.ts');
  const { prepareNativeModules } = await load('./native-modules.ts');
  const buildDir = buildDirOf();
  const ffmpeg = await prepareFfmpeg({ root: ROOT, buildDir, target, log });
  log(`ffmpeg ${target.platform}-${target.arch}: ${ffmpeg.source} (${ffmpeg.from})`);
  const native = await prepareNativeModules({
    root: ROOT,
    buildDir,
    target,
    electronVersion: context.packager.info.framework.version,
    skipRebuild: process.env.PACK_SKIP_NATIVE_REBUILD === '1',
    log,
  });
  log(`native modules ${target.platform}-${target.arch}: ${native.mode}${native.reused ? ' (reused)' : ''}`);
}

export async function afterPack(context) {
  const target = targetOf(context);
  const { checkPackagedApp, describeReport } = await load('./check-arch.ts');
  const { expectedAbiOf } = await load('./native-modules.ts');
  const report = checkPackagedApp(context.appOutDir, target, {
    allowDynamicFfmpeg: process.env.FFMPEG_ALLOW_DYNAMIC === '1',
    expectedAbi: expectedAbiOf(context.packager.info.framework.version, process.env.PACK_SKIP_NATIVE_REBUILD === '1'),
  });
  log(describeReport(report));
  if (report.problems.length > 0) {
    throw new Error(
      `安装包中有不属于 ${target.platform}-${target.arch} 的二进制文件或缺少 ffmpeg：\n${report.problems.join('\n')}`,
    );
  }
}
