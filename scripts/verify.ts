// `npm run verify -- <manifest.json> [--public-key <PEM file | PEM | base64 SPKI>] [--trust <keyId>]...`:
// checks a recording's signed manifest and every file it lists. Says
// which key it trusted and prints that key's fingerprint: without --public-key only the
// key inside the manifest, which proves integrity, not which terminal signed. Prints a
// zh-CN report, then the result as one JSON line; exit code 0 when everything verifies.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { verifyManifest } from '../src-main/recording/manifest/verify-manifest';

const USAGE =
  '用法：npm run verify -- <manifest.json> [--public-key <终端公钥：PEM 文件、PEM 文本或 base64 SPKI>] [--trust <公钥编号>]';

/** A PEM file, PEM text, or base64 of the SPKI DER (what the manifest and the store carry). */
function readPublicKey(arg: string): KeyObject {
  const text = existsSync(arg) ? readFileSync(arg, 'utf8') : arg;
  const key = text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`--public-key 须为 Ed25519 公钥（收到 ${key.asymmetricKeyType ?? '未知类型'}）`);
  return key;
}

const fingerprint = (key: KeyObject): string =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');

async function main(argv: readonly string[]): Promise<number> {
  const trusted: string[] = [];
  const paths: string[] = [];
  let publicKeyArg: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--trust' && argv[i + 1]) trusted.push(argv[++i] ?? '');
    else if (arg === '--public-key' && argv[i + 1]) publicKeyArg = argv[++i] ?? null;
    else if (arg) paths.push(arg);
  }
  const path = paths[0];
  if (!path || paths.length > 1) {
    console.error(USAGE);
    console.log(JSON.stringify({ ok: false, error: 'usage' }));
    return 1;
  }
  let given: string | null = null;
  if (publicKeyArg !== null) {
    try {
      given = fingerprint(readPublicKey(publicKeyArg));
    } catch (error) {
      console.error(`--public-key 无法读取：${error instanceof Error ? error.message : String(error)}`);
      console.log(JSON.stringify({ ok: false, error: 'public-key' }));
      return 1;
    }
  }
  const result = await verifyManifest(path, {
    ...(trusted.length > 0 ? { trustedKeyIds: trusted } : {}),
    ...(given !== null ? { trustedKeySha256s: [given] } : {}),
  });
  const trust =
    given !== null ? { source: 'public-key' as const, sha256: given } : { source: 'manifest' as const, sha256: result.keySha256 };
  if (trust.source === 'public-key') {
    console.log(
      `受信任公钥：--public-key 指定的公钥，指纹 SHA-256:${given}；清单中的公钥指纹 SHA-256:${result.keySha256 ?? '无法解析'}${result.keySha256 === given ? '（一致）' : '（不一致）'}。`,
    );
  } else {
    console.log(`受信任公钥：清单自带的公钥，指纹 SHA-256:${result.keySha256 ?? '无法解析'}（编号 ${result.keyId ?? '—'}）。`);
    console.log(
      '注意：只用清单自带的公钥，签名只证明清单在签名后未被改动（完整性），不能证明它出自哪台终端；用 --public-key 指定终端注册时登记的公钥以核验来源。',
    );
  }
  if (result.ok) {
    console.log(
      `校验通过：录像 ${result.recordingId}，签名有效（公钥 ${result.keyId}），${result.segmentsChecked} 个分段及归档文件的 SHA-256 全部一致。`,
    );
  } else {
    console.log(`校验失败：${result.manifestPath}`);
    if (result.firstBadSegment)
      console.log(`第一个有问题的分段：第 ${result.firstBadSegment.index} 段（${result.firstBadSegment.file}）`);
    for (const problem of result.problems) console.log(`- ${problem.message}`);
  }
  console.log(JSON.stringify({ ...result, trustedKey: trust }));
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
