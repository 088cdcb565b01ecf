// Issue #19 item 3: how the Electron shell plays a recording kept at the central store. The
// renderer's CSP allows media from 'self' only, so the desk gets a same-origin path
// (/store-media/<ticket>) and the app:// protocol handler passes it on to the store's media
// GET with the Range header. The REAL handler (createAppProtocolHandler, no Electron needed:
// it speaks the Fetch API) against a REAL store (SQLite) holding a visit's real archives,
// with a ticket the desk service got through the store's API (audited there).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../src-main/electron/protocol';
import { createDeskService } from '../../../../src-main/desk/desk-service';
import { DeskSessionHolder } from '../../../../src-main/desk/desk-session';
import type { TerminalConfig } from '../../../../src-main/config/schema';
import { recordVisitAtStore } from '../../../../harness/store/recorded-visit';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, STAFF_PASSWORD, type World } from '../../../../harness/store/world';
import { archiveWebm } from '../../../../harness/fixtures/recording/archive-webm';

describe('R26.1 the desk plays a store recording through app:// (CSP media-src self)', () => {
  let store: TestStore;
  let w: World;
  let dir: string;
  let ticketPath = '';
  let size = 0;

  beforeAll(async () => {
    store = await startStore('sqlite');
    w = await buildWorld(store);
    const recorded = await recordVisitAtStore(store, {
      adminToken: w.tokens.provinceAdmin,
      seed: {
        prisonId: w.prisonA.id,
        wardId: w.prisonA.wardId,
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        partnerId: w.bureauA.id,
      },
      date: '2026-04-10',
      visitors: [{ name: '张伟', idNumber: '530102199003071238' }],
      prison: { colour: 'red', seconds: 3, startDelayMs: 0, incidents: [] },
      remote: { colour: 'blue', seconds: 3, startDelayMs: 0, incidents: [] },
    });
    dir = mkdtempSync(join(tmpdir(), 'kiosk-store-media-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const desk = createDeskService(
      {
        config: { centralStoreUrl: store.url, dataDir: dir, idCardReader: { driver: 'none' } } as unknown as TerminalConfig,
        now: () => new Date(),
      },
      { session: new DeskSessionHolder() },
    );
    expect((await desk.login({ username: 'supervisor', password: STAFF_PASSWORD })).accepted).toBe(true);
    const detail = await desk.recordingVisit({ visitId: recorded.visitId });
    if (!detail.accepted) throw new Error(detail.refusal.message);
    const archive = detail.value.sides[0]?.archive;
    if (!archive) throw new Error('no archive');
    size = archive.size;
    const ticket = await desk.recordingTicket({ uploadId: archive.uploadId, purpose: 'playback' });
    if (!ticket.accepted) throw new Error(ticket.refusal.message);
    ticketPath = ticket.value.path;
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the ticket path is same-origin, and the handler passes a Range request on to the store', async () => {
    expect(ticketPath).toMatch(/^\/store-media\/[A-Za-z0-9_-]{43}$/);
    const handler = createAppProtocolHandler(dir, () => {}, { storeMediaBase: () => store.url });
    const part = await handler(new Request(`app://kiosk${ticketPath}`, { headers: { range: 'bytes=0-1023' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-1023/${size}`);
    expect(part.headers.get('content-type')).toBe('video/webm');
    expect(part.headers.get('content-security-policy')).toContain("media-src 'self'");
    const bytes = Buffer.from(await part.arrayBuffer());
    expect(bytes.equals(archiveWebm('red', 3).subarray(0, 1024))).toBe(true);
  });

  it('no desk clerk logged in (no store to pass on to), or a malformed ticket: 404, nothing fetched', async () => {
    const closed = createAppProtocolHandler(dir, () => {}, { storeMediaBase: () => undefined });
    expect((await closed(new Request(`app://kiosk${ticketPath}`))).status).toBe(404);
    const open = createAppProtocolHandler(dir, () => {}, { storeMediaBase: () => store.url });
    expect((await open(new Request('app://kiosk/store-media/../../api/auth/me'))).status).toBe(404);
    expect((await open(new Request(`app://kiosk/store-media/${'a'.repeat(43)}`))).status).toBe(403);
  });
});
