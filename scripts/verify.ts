// `npm run verify -- <manifest.json> [--trust <keyId>]...`: checks a recording's signed
// manifest and every file it lists (issue 7 item 5). Prints a zh-CN report, then the
// result as one JSON line; exit code 0 when everything verifies, 1 otherwise.
import { verifyManifest } from '../src-main/recorder/verify-manifest';

async function main(argv: readonly string[]): Promise<number> {
  const trusted: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--trust' && argv[i + 1]) trusted.push(argv[++i] ?? '');
    else if (arg) paths.push(arg);
  }
  const path = paths[0];
  if (!path || paths.length > 1) {
    console.error('用法：npm run verify -- <manifest.json> [--trust <公钥编号>]');
    console.log(JSON.stringify({ ok: false, error: 'usage' }));
    return 1;
  }
  const result = await verifyManifest(path, trusted.length > 0 ? { trustedKeyIds: trusted } : {});
  if (result.ok) {
    console.log(`校验通过：录像 ${result.recordingId}，签名有效（公钥 ${result.keyId}），${result.segmentsChecked} 个分段及归档文件的 SHA-256 全部一致。`);
  } else {
    console.log(`校验失败：${result.manifestPath}`);
    if (result.firstBadSegment) console.log(`第一个有问题的分段：第 ${result.firstBadSegment.index} 段（${result.firstBadSegment.file}）`);
    for (const problem of result.problems) console.log(`- ${problem.message}`);
  }
  console.log(JSON.stringify(result));
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('校验程序出错：', error);
    console.log(JSON.stringify({ ok: false, error: String(error) }));
    process.exitCode = 1;
  },
);
