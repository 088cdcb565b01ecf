// Logs that reach support: an administrator asks the REAL central store for a terminal's logs;
// the terminal sees the request at its next sync round, packs main.log and its rotated files
// and sends them with tus; the administrator lists and downloads the bundle, whose files are
// the terminal's own bytes. Scoped (the province all, a site its own terminals), administrators
// only, every request and download in staff_audit. On SQLite and PostgreSQL.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unpackLogBundle } from '../../../src-main/log/bundle';
import { createRotatingFile } from '../../../src-main/log/rotating-file';
import { SYNC_KV } from '../../../src-main/sync/kv-keys';
import { getKv } from '../../../src-main/store/kv';
import { startStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import { enrolledTerminal, type CentralWorld } from '../../../harness/sync/sync-world';
import type { LogRequestView } from '../../../src-shared/store-api/endpoints/logs';

describe.each(['sqlite', 'postgres'] as const)('log bundles on request (%s)', { timeout: 60_000 }, (engine) => {
  let central: CentralWorld;
  beforeAll(async () => {
    const store = await startStore(engine);
    central = { store, w: await buildWorld(store), stop: () => store.stop() };
  }, 60_000);
  afterAll(async () => {
    await central?.stop();
  });

  test('request → sync round → bundle uploaded → listed → downloaded: the files match, each step audited', async () => {
    const t = await enrolledTerminal(central);
    const logDir = join(t.dir, 'logs');
    const log = createRotatingFile(logDir, { maxFileBytes: 4000, maxFiles: 5, maxAgeDays: 14 });
    for (let i = 0; i < 120; i += 1)
      log.write(JSON.stringify({ time: t.clock.now().toISOString(), level: 'info', msg: `第 ${i} 行`, area: 'sync' }));
    expect(log.files().length).toBeGreaterThan(1);
    const { tokens } = central.w;
    const terminalId = t.config.terminalId;

    // No request yet: a round asks and sends nothing.
    expect((await t.worker({ logDir }).runOnce()).ok).toBe(true);

    const asked = await central.store.call<LogRequestView>('POST', '/api/terminal-logs/requests', {
      token: tokens.prisonAAdmin,
      body: { terminalId },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ terminalId, status: 'requested', size: null, sha256: null });
    const requestId = asked.body.id;

    const round = await t.worker({ logDir }).runOnce();
    expect(round.ok, JSON.stringify(t.worker().status().lastError)).toBe(true);
    // Sent: the local copy and its bookkeeping are gone.
    expect(getKv(t.db, SYNC_KV.logBundle)).toBeNull();
    expect(readdirSync(join(t.dir, 'log-bundles'))).toEqual([]);

    const listed = await central.store.call<LogRequestView[]>('GET', `/api/terminal-logs/requests?terminalId=${terminalId}`, {
      token: tokens.prisonAAdmin,
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: requestId, status: 'received', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const province = await central.store.call<LogRequestView[]>('GET', '/api/terminal-logs/requests', {
      token: tokens.provinceAdmin,
    });
    expect(province.body.map((r) => r.id)).toContain(requestId);

    const download = await central.store.call<{ sha256: string; size: number; contentBase64: string; filename: string }>(
      'GET',
      `/api/terminal-logs/requests/${requestId}/bundle`,
      { token: tokens.prisonAAdmin },
    );
    expect(download.status).toBe(200);
    const bytes = Buffer.from(download.body.contentBase64, 'base64');
    expect(bytes.length).toBe(download.body.size);
    const { manifest, files } = await unpackLogBundle(bytes);
    expect(manifest).toMatchObject({ terminalId, requestId, omitted: [] });
    expect(manifest.files.map((f) => f.name)).toEqual(log.files().map((f) => f.slice(logDir.length + 1)));
    for (const f of log.files()) expect(files.get(f.slice(logDir.length + 1))?.equals(readFileSync(f))).toBe(true);

    const audit = await central.store.app.ctx.db
      .selectFrom('staff_audit')
      .select(['action', 'subject_id'])
      .where('subject_id', '=', requestId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['terminalLogs.download', 'terminalLogs.request']);

    // Answered: the next round sends nothing more, the store keeps one bundle.
    expect((await t.worker({ logDir }).runOnce()).ok).toBe(true);
    expect(existsSync(join(t.dir, 'log-bundles'))).toBe(true);
    const rows = await central.store.app.ctx.db
      .selectFrom('terminal_log_requests')
      .select('status')
      .where('terminal_id', '=', terminalId)
      .execute();
    expect(rows).toEqual([{ status: 'received' }]);
    t.close();
  });

  test("non-administrators are refused; a terminal outside the caller's scope is not found, its bundles unseen", async () => {
    const t = await enrolledTerminal(central);
    const { tokens } = central.w;
    const terminalId = t.config.terminalId;
    const reviewer = await central.store.call('POST', '/api/terminal-logs/requests', {
      token: tokens.prisonAReviewer,
      body: { terminalId },
    });
    expect(reviewer.status).toBe(403);
    const otherSite = await central.store.call('POST', '/api/terminal-logs/requests', {
      token: tokens.prisonBAdmin,
      body: { terminalId },
    });
    expect(otherSite.status).toBe(404);
    const bureau = await central.store.call('POST', '/api/terminal-logs/requests', {
      token: tokens.bureauAAdmin,
      body: { terminalId },
    });
    expect(bureau.status).toBe(404);

    // The province may ask for any terminal; the other site neither lists nor downloads it.
    const asked = await central.store.call<LogRequestView>('POST', '/api/terminal-logs/requests', {
      token: tokens.provinceAdmin,
      body: { terminalId },
    });
    expect(asked.status).toBe(201);
    const logDir = join(t.dir, 'logs');
    createRotatingFile(logDir).write('{"msg":"一行"}');
    expect((await t.worker({ logDir }).runOnce()).ok).toBe(true);
    const theirs = await central.store.call<LogRequestView[]>('GET', '/api/terminal-logs/requests', {
      token: tokens.prisonBAdmin,
    });
    expect(theirs.body.map((r) => r.id)).not.toContain(asked.body.id);
    const stolen = await central.store.call('GET', `/api/terminal-logs/requests/${asked.body.id}/bundle`, {
      token: tokens.prisonBAdmin,
    });
    expect(stolen.status).toBe(404);
    const byReviewer = await central.store.call('GET', `/api/terminal-logs/requests/${asked.body.id}/bundle`, {
      token: tokens.prisonAReviewer,
    });
    expect(byReviewer.status).toBe(403);
    // A terminal cannot ask the staff's endpoints, and staff cannot read a terminal's pending list.
    const pendingByStaff = await central.store.call('GET', '/api/terminal-logs/pending', { token: tokens.provinceAdmin });
    expect(pendingByStaff.status).toBe(403);
    const downloads = await central.store.app.ctx.db
      .selectFrom('staff_audit')
      .select('action')
      .where('subject_id', '=', asked.body.id)
      .where('action', '=', 'terminalLogs.download')
      .execute();
    expect(downloads).toEqual([]);
    t.close();
  });
});
