// The log bundle's way through the tus intake when things go wrong: a cut connection resumes
// from the store's offset, a bundle whose hash does not match is refused and sent again, a
// bundle over the cap or for another terminal's request is refused at creation.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRotatingFile } from '../../../src-main/log/rotating-file';
import { SYNC_KV } from '../../../src-main/sync/kv-keys';
import { readCredential } from '../../../src-main/sync/credential';
import { getKv, setKv } from '../../../src-main/store/kv';
import { MAX_LOG_BUNDLE_BYTES } from '../../../src-shared/sync/log-bundle';
import type { LogRequestView } from '../../../src-shared/store-api/endpoints/logs';
import { startCuttingProxy } from '../server/recordings/helpers/cutting-proxy';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

const ask = async (terminalId: string): Promise<string> => {
  const res = await central.store.call<LogRequestView>('POST', '/api/terminal-logs/requests', {
    token: central.w.tokens.provinceAdmin,
    body: { terminalId },
  });
  expect(res.status).toBe(201);
  return res.body.id;
};
const statusOf = async (id: string) =>
  central.store.app.ctx.db
    .selectFrom('terminal_log_requests')
    .select(['status', 'reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const b64 = (s: string): string => Buffer.from(s).toString('base64');

async function terminalToken(t: TestTerminal): Promise<string> {
  const credential = readCredential(t.config.dataDir);
  const res = await central.store.call<{ token: string }>('POST', '/api/terminals/session', {
    body: { terminalId: t.config.terminalId, secret: credential?.secret },
  });
  return res.body.token;
}

describe('log bundles through the tus intake', { timeout: 60_000 }, () => {
  test('cut mid-way: the round fails offline, the next one resumes the same upload and it is received', async () => {
    const t = await enrolledTerminal(central);
    const logDir = join(t.dir, 'logs');
    // Random text hardly compresses: a bundle of about 1.3 MB.
    const log = createRotatingFile(logDir);
    for (let i = 0; i < 1000; i += 1) log.write(randomBytes(1000).toString('base64'));
    const id = await ask(t.config.terminalId);
    const proxy = await startCuttingProxy(Number(new URL(central.store.url).port), 600_000);
    const cut = await t.worker({ url: proxy.url, logDir }).runOnce();
    await proxy.close();
    expect(cut.ok).toBe(false);
    const kept = JSON.parse(getKv(t.db, SYNC_KV.logBundle) ?? 'null') as { uploadUrl: string | null; file: string } | null;
    expect(kept?.uploadUrl).toMatch(/^\/api\/uploads\//);
    expect(existsSync(kept?.file ?? '')).toBe(true);
    expect((await statusOf(id)).status).toBe('uploading');

    t.reopen();
    const resumed = await t.worker({ logDir }).runOnce();
    expect(resumed.ok, JSON.stringify(t.worker().status().lastError)).toBe(true);
    expect((await statusOf(id)).status).toBe('received');
    const row = await central.store.app.ctx.db
      .selectFrom('terminal_log_requests')
      .select('upload_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(`/api/uploads/${row.upload_id ?? ''}`).toBe(kept?.uploadUrl);
    t.close();
  });

  test('a bundle whose hash does not match is refused (460), the request opens again and the next round sends a good one', async () => {
    const t = await enrolledTerminal(central);
    const logDir = join(t.dir, 'logs');
    createRotatingFile(logDir).write('{"msg":"一行"}');
    const id = await ask(t.config.terminalId);
    // A damaged local copy: its recorded hash is not of its bytes.
    const file = join(t.dir, 'damaged.klb.gz');
    writeFileSync(file, 'not the bundle');
    setKv(
      t.db,
      SYNC_KV.logBundle,
      JSON.stringify({ requestId: id, file, sha256: '0'.repeat(64), size: 14, uploadUrl: null }),
      t.clock.now(),
    );
    expect((await t.worker({ logDir }).runOnce()).ok).toBe(true);
    expect(await statusOf(id)).toEqual({ status: 'requested', reason: expect.stringContaining('SHA-256') });
    expect(getKv(t.db, SYNC_KV.logBundle)).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect((await t.worker({ logDir }).runOnce()).ok).toBe(true);
    expect(await statusOf(id)).toEqual({ status: 'received', reason: null });
    t.close();
  });

  test("over the cap, for another terminal's request, or with no request: refused at creation", async () => {
    const t = await enrolledTerminal(central);
    const other = await enrolledTerminal(central);
    const id = await ask(other.config.terminalId);
    const token = await terminalToken(t);
    const create = (size: number, requestId: string) =>
      fetch(`${central.store.url}/api/uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'tus-resumable': '1.0.0',
          'upload-length': String(size),
          'upload-metadata': [
            `kind ${b64('logBundle')}`,
            `terminalId ${b64(t.config.terminalId)}`,
            `requestId ${b64(requestId)}`,
            `filename ${b64('x.klb.gz')}`,
            `sha256 ${b64('a'.repeat(64))}`,
            `size ${b64(String(size))}`,
          ].join(','),
        },
      });
    expect((await create(MAX_LOG_BUNDLE_BYTES + 1, id)).status).toBe(413);
    expect((await create(100, id)).status).toBe(404);
    const own = await ask(t.config.terminalId);
    expect((await create(100, '6f1c8c1e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await create(100, own)).status).toBe(201);
    expect((await statusOf(id)).status).toBe('requested');
    t.close();
    other.close();
  });
});
