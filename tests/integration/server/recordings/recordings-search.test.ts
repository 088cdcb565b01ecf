// Issue #19 item 3, recordings at the store: a real store on SQLite and PostgreSQL, two
// visits recorded by both rooms' enrolled terminals (real WebM archives, manifests signed
// with each terminal's Ed25519 key, uploaded through tus). R26.1: every search, playback and
// download is in the access audit the province reads (R29.1); scope: a bureau sees only the
// visits of its own rooms; R13.1: a legal hold keeps a recording past retention; the
// manifest's signature is checked against the enrolled key at playback, and a manifest
// changed in storage is shown as not verified.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import { recordVisitAtStore, type RecordedVisit } from '../../../../harness/store/recorded-visit';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, type World } from '../../../../harness/store/world';
import { recordingsDueForDeletion } from '../../../../src-server/recordings/retention';
import { sha256 } from '../../../../harness/store/tus-client';
import { archiveWebm } from '../../../../harness/fixtures/recording/archive-webm';

const VISITOR_ID = '530102199003071238';
const OTHER_ID = '530121195806120014';
const WARNING = '使用隐语、暗语、非规定语种交谈或以手势（聋哑人除外）等方式交流';

describe.each(ENGINES)('issue #19 item 3: recordings at the store [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let mine: RecordedVisit;
  let other: RecordedVisit;
  const staffIds: Record<string, string> = {};
  let lastTicket = '';
  const get = (token: string, path: string) => store.call('GET', path, { token });
  const search = (token: string, q: string) => get(token, `/api/recordings/visits?from=2026-04-01&to=2026-04-30&${q}`);

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    for (const name of ['prisonAAdmin', 'supervisor'] as const) {
      const me = await get(w.tokens[name], '/api/auth/me');
      staffIds[name] = me.body.staff.id;
    }
    const warning = (offsetMs: number) => ({
      offsetMs,
      note: `管理员警告 R16.1(2) ${WARNING}（prison-a-admin）`,
      actor: `${staffIds['prisonAAdmin']}+${staffIds['supervisor']}`,
    });
    mine = await recordVisitAtStore(store, {
      adminToken: w.tokens.provinceAdmin,
      seed: {
        prisonId: w.prisonA.id,
        wardId: w.prisonA.wardId,
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        partnerId: w.bureauA.id,
      },
      date: '2026-04-10',
      status: 'terminated',
      visitors: [{ name: '张伟', idNumber: VISITOR_ID }],
      prison: {
        colour: 'red',
        seconds: 6,
        startDelayMs: 0,
        incidents: [warning(2000), { offsetMs: 4000, note: '会见已被终止 R17.1(8)', actor: staffIds['prisonAAdmin'] ?? '' }],
      },
      // The bureau's terminal started 0.5 s later and marked the same warning when it arrived.
      remote: { colour: 'blue', seconds: 6, startDelayMs: 500, incidents: [warning(1600)] },
    });
    other = await recordVisitAtStore(store, {
      adminToken: w.tokens.provinceAdmin,
      seed: {
        prisonId: w.prisonB.id,
        wardId: w.prisonB.wardId,
        roomId: w.prisonB.roomId,
        remoteRoomId: w.bureauB.roomId,
        partnerId: w.bureauB.id,
      },
      date: '2026-04-12',
      visitors: [{ name: '段明', idNumber: OTHER_ID }],
      prison: { colour: 'green', seconds: 3, startDelayMs: 0, incidents: [] },
      remote: { colour: 'green', seconds: 3, startDelayMs: 0, incidents: [] },
    });
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
  });

  it('R26.1 the province finds a visit by the visitor ID number; the list masks it; the search is audited', async () => {
    const found = await search(w.tokens.supervisor, `visitorIdNumber=${VISITOR_ID}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    const [visit] = found.body.visits;
    expect(visit).toMatchObject({
      visitId: mine.visitId,
      status: 'terminated',
      prison: '甲监狱 一监区',
      remoteSite: '甲县司法局',
      archives: 2,
      // One warning, marked by both terminals.
      warnings: 1,
      terminations: 1,
      visitors: [{ name: '张伟', idNumber: '530102********1238' }],
    });
    // By name, by warnings, by outcome; and a filter that matches nothing.
    expect(
      (await search(w.tokens.supervisor, `visitorName=${encodeURIComponent('段')}`)).body.visits.map(
        (v: { visitId: string }) => v.visitId,
      ),
    ).toEqual([other.visitId]);
    expect((await search(w.tokens.supervisor, 'hasWarnings=true')).body.total).toBe(1);
    expect((await search(w.tokens.supervisor, 'outcome=completed')).body.visits[0].visitId).toBe(other.visitId);
    expect((await search(w.tokens.supervisor, `siteId=${w.prisonB.id}`)).body.total).toBe(1);
    const audit = await get(w.tokens.provinceAdmin, '/api/recordings/access-audit?action=search');
    const entry = audit.body.find((e: { summary: string }) => e.summary.includes(VISITOR_ID));
    expect(entry).toMatchObject({ action: 'search', staffName: 'supervisor' });
    expect(entry.summary).toContain('1 条');
  });

  it('bad input is refused in Chinese: reversed dates, an ID number with a wildcard', async () => {
    const reversed = await get(w.tokens.supervisor, '/api/recordings/visits?from=2026-04-30&to=2026-04-01');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('结束日期不能早于开始日期');
    const wild = await search(w.tokens.supervisor, `visitorName=${encodeURIComponent('张%')}`);
    expect(wild.status).toBe(400);
  });

  it("R29.1 scope: a bureau sees its own rooms' visits only; another bureau finds nothing and gets 404; a reviewer is refused", async () => {
    expect((await search(w.tokens.bureauAAdmin, `visitorIdNumber=${VISITOR_ID}`)).body.total).toBe(1);
    expect((await search(w.tokens.bureauAAdmin, '')).body.visits.map((v: { visitId: string }) => v.visitId)).toEqual([
      mine.visitId,
    ]);
    const outside = await search(w.tokens.bureauBAdmin, `visitorIdNumber=${VISITOR_ID}`);
    expect(outside.body).toEqual({ visits: [], total: 0 });
    expect((await get(w.tokens.bureauBAdmin, `/api/recordings/visits/${mine.visitId}`)).status).toBe(404);
    const detail = await get(w.tokens.supervisor, `/api/recordings/visits/${mine.visitId}`);
    const archiveId = detail.body.sides[0].archive.uploadId;
    const refused = await store.call('POST', `/api/recordings/uploads/${archiveId}/tickets`, {
      token: w.tokens.bureauBAdmin,
      body: { purpose: 'playback' },
    });
    expect(refused.status).toBe(404);
    expect((await search(w.tokens.bureauAReviewer, '')).status).toBe(403);
  });

  it('both sides, in sync, with one readable chapter per mark and the signatures verified against the enrolled keys', async () => {
    const detail = await get(w.tokens.supervisor, `/api/recordings/visits/${mine.visitId}`);
    expect(detail.status).toBe(200);
    const [prison, remote] = detail.body.sides;
    expect(prison).toMatchObject({ side: 'prison', offsetMs: 0, signature: { verified: true, status: 'valid' } });
    expect(remote).toMatchObject({ side: 'remote', offsetMs: 500, signature: { verified: true, status: 'valid' } });
    expect(prison.archive.sha256).toBe(sha256(archiveWebm('red', 6)));
    // The two terminals' marks of one warning (2000 and 500 + 1600 ms) are one chapter.
    expect(detail.body.chapters).toEqual([
      { atMs: 2000, side: 'prison', kind: 'warning', title: `警告：${WARNING} — prison-a-admin、supervisor` },
      { atMs: 4000, side: 'prison', kind: 'termination', title: '终止会见：谈论案情，涉嫌串供、通风报信 — prison-a-admin' },
    ]);
    expect(JSON.stringify(detail.body.chapters)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(detail.body.retentionDays).toBeGreaterThanOrEqual(184);
  });

  it('R26.1 playback and download go through a ticket that is audited; the media GET serves Range; an expired ticket is refused', async () => {
    const detail = await get(w.tokens.supervisor, `/api/recordings/visits/${mine.visitId}`);
    const archive = detail.body.sides[1].archive;
    const ticket = await store.call('POST', `/api/recordings/uploads/${archive.uploadId}/tickets`, {
      token: w.tokens.supervisor,
      body: { purpose: 'playback' },
    });
    expect(ticket.status).toBe(201);
    const part = await fetch(`${store.url}${ticket.body.path}`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${archive.size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const whole = Buffer.from(await (await fetch(`${store.url}${ticket.body.path}`)).arrayBuffer());
    expect(sha256(whole)).toBe(archive.sha256);
    const download = await store.call('POST', `/api/recordings/uploads/${archive.uploadId}/tickets`, {
      token: w.tokens.supervisor,
      body: { purpose: 'download' },
    });
    const file = await fetch(`${store.url}${download.body.path}`, { method: 'HEAD' });
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await fetch(`${store.url}/api/recordings/media/${'x'.repeat(43)}`)).status).toBe(403);

    const audit = await get(w.tokens.provinceAdmin, `/api/recordings/access-audit?visitId=${mine.visitId}`);
    const actions = audit.body.map((e: { action: string; uploadId: string }) => `${e.action}:${e.uploadId}`);
    expect(actions).toEqual(expect.arrayContaining([`playback:${archive.uploadId}`, `download:${archive.uploadId}`]));
    expect((await get(w.tokens.prisonAAdmin, '/api/recordings/access-audit')).status).toBe(403);

    lastTicket = ticket.body.path;
  });

  it("R13.1 a legal hold keeps a visit's recordings past retention; lifted, they are due again", async () => {
    const held = await store.call('PUT', `/api/recordings/visits/${mine.visitId}/hold`, {
      token: w.tokens.supervisor,
      body: { held: true, reason: '案件调查需要，保全录像' },
    });
    expect(held.status).toBe(200);
    expect(held.body.legalHold).toMatchObject({ by: 'supervisor', reason: '案件调查需要，保全录像' });
    expect(
      (
        await store.call('PUT', `/api/recordings/visits/${mine.visitId}/hold`, {
          token: w.tokens.prisonAWarden,
          body: { held: false, reason: '试图解除' },
        })
      ).status,
    ).toBe(403);

    const later = new Date(store.clock.now().getTime() + 200 * 86_400_000);
    const due = await recordingsDueForDeletion(store.app.ctx, later);
    const dueVisits = new Set(due.map((d) => d.visitId));
    expect(dueVisits.has(other.visitId)).toBe(true);
    expect(dueVisits.has(mine.visitId)).toBe(false);
    // Not before the 184 days.
    expect(await recordingsDueForDeletion(store.app.ctx, new Date(store.clock.now().getTime() + 100 * 86_400_000))).toEqual([]);

    await store.call('PUT', `/api/recordings/visits/${mine.visitId}/hold`, {
      token: w.tokens.supervisor,
      body: { held: false, reason: '案件已结' },
    });
    expect((await recordingsDueForDeletion(store.app.ctx, later)).some((d) => d.visitId === mine.visitId)).toBe(true);
    const audit = await get(w.tokens.provinceAdmin, `/api/recordings/access-audit?visitId=${mine.visitId}`);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['hold', 'release']));
  });

  it('a manifest changed in storage after intake is shown as not verified', async () => {
    const file = join(store.fresh.dataDir, 'recordings', other.manifestUploads.remote);
    appendFileSync(file, ' ');
    const detail = await get(w.tokens.supervisor, `/api/recordings/visits/${other.visitId}`);
    expect(detail.body.sides[0].signature.verified).toBe(true);
    expect(detail.body.sides[1].signature).toMatchObject({ verified: false });
    expect(detail.body.sides[1].signature.message).toContain('存储的清单已被改动');
  });

  it("a ticket is good for the archive's length and a quarter of an hour, then refused", async () => {
    expect((await fetch(`${store.url}${lastTicket}`, { method: 'HEAD' })).status).toBe(200);
    store.clock.advanceMinutes(6 * 60);
    expect((await fetch(`${store.url}${lastTicket}`)).status).toBe(403);
  });
});
