// R13.1 / R18.1: the kiosk window reloaded mid-visit. The call rejoins and the new window
// starts the visit's recording again; the recording the old window fed can never be
// continued (its WebM stream is gone), so main seals it first — segments, archive, signed
// manifest, state interrupted with the reason as a chapter, upload queued — and the console
// list shows it sealed as interrupted beside the new one, never a stale "录制中".
// Real dispatcher, store and ffmpeg.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../../src-main/ipc/dispatch';
import { logTwoAdminsIn } from '../../../../harness/terminal/log-admins-in';
import { MANIFEST_FILE, verifyManifest, type SignedManifest } from '../../../../src-main/recording';
import { WINDOW_RELOADED } from '../../../../src-main/recording/manager';
import { openTerminal } from '../../../../src-main/terminal';
import type { Terminal } from '../../../../src-main/terminal-types';
import type { IpcResult } from '../../../../src-shared/ipc/result';
import { decodesCleanly, randomChunks, readInput } from './helpers/media';
import { auditPayloads, seedVisit, VISIT_ID } from './helpers/store';

const PRISON = join(import.meta.dirname, '../../../../harness/fixtures/terminal-config/prison.json');
let dir: string;
let terminal: Terminal;
let dispatch: Dispatch;
const events: Array<{ event: string; payload: unknown }> = [];

const value = <T = unknown>(result: IpcResult<unknown>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-recording-reload-'));
  terminal = await openTerminal({
    configPath: PRISON,
    dataDir: dir,
    recording: { segmentSeconds: 2 },
    sync: { autoStart: false },
  });
  terminal.onEvent((event, payload) => events.push({ event, payload }));
  dispatch = createDispatcher(terminal);
  await terminal.recovery;
  // R25.1: recording without a live call at this terminal needs the two administrators.
  await logTwoAdminsIn(terminal, dir, 'ynjy01');
  const db = new Database(join(dir, 'terminal.db'));
  seedVisit(db);
  db.close();
});
afterEach(async () => {
  await terminal.recordings.stopAll();
  terminal.close();
  rmSync(dir, { recursive: true, force: true });
  events.length = 0;
});

type Listed = { recordingId: string; visitId: string; state: string; upload: string };
const list = async () => value<Listed[]>(await dispatch('kiosk:recording.list', undefined));
const manifestOf = (recordingId: string) =>
  JSON.parse(readFileSync(join(dir, 'recordings', recordingId, MANIFEST_FILE), 'utf8')) as SignedManifest;

async function send(recordingId: string, chunks: Uint8Array[]) {
  let seq = 0;
  for (const bytes of chunks) value(await dispatch('kiosk:recording.chunk', { recordingId, seq: seq++, bytes }));
}

test('R13.1 window reloaded mid-visit: the old recording is sealed as interrupted (窗口重新加载) and queued for upload, the new one records, the list shows both', async () => {
  const chunks = randomChunks(readInput(10), 11);
  const first = value<{ recordingId: string }>(await dispatch('kiosk:recording.start', { visitId: VISIT_ID }));
  // The old window sent the first ~6 s, then reloaded (no stop, no more chunks).
  await send(first.recordingId, chunks.slice(0, Math.floor(chunks.length * 0.6)));
  value(await dispatch('kiosk:recording.incident', { recordingId: first.recordingId, note: '管理员提醒：不得谈论案情' }));

  const second = value<{ recordingId: string; startedAt: string }>(
    await dispatch('kiosk:recording.start', { visitId: VISIT_ID }),
  );
  expect(second.recordingId).not.toBe(first.recordingId);

  // The console: the old one sealed as interrupted and queued, the new one recording.
  const rows = await list();
  expect(rows.filter((r) => r.state === 'recording').map((r) => r.recordingId)).toEqual([second.recordingId]);
  expect(rows.find((r) => r.recordingId === first.recordingId)).toMatchObject({ state: 'interrupted', upload: 'pending' });
  expect(events).toContainEqual({
    event: 'recording.state',
    payload: expect.objectContaining({ recordingId: first.recordingId, state: 'interrupted' }),
  });

  // What the supervisor gets: a signed manifest, a playable archive, the notes as chapters.
  const old = manifestOf(first.recordingId);
  expect(old.state).toBe('interrupted');
  expect(old.segments.length).toBeGreaterThanOrEqual(1);
  expect(old.incidents.map((i) => i.note).sort()).toEqual(['管理员提醒：不得谈论案情', `录像中断：${WINDOW_RELOADED}`].sort());
  // It ended where its window stopped sending, not when the new window came back.
  expect(Date.parse(old.endedAt)).toBeLessThanOrEqual(Date.parse(second.startedAt));
  expect(old.incidents.find((i) => i.note.startsWith('录像中断'))?.at).toBe(old.endedAt);
  expect(old.archive).not.toBeNull();
  decodesCleanly(join(dir, 'recordings', first.recordingId, old.archive?.file ?? 'archive.webm'));
  expect(readFileSync(join(dir, 'recordings', first.recordingId, 'archive.chapters.vtt'), 'utf8')).toContain(
    `录像中断：${WINDOW_RELOADED}`,
  );
  expect((await verifyManifest(join(dir, 'recordings', first.recordingId, MANIFEST_FILE))).ok).toBe(true);
  const db = new Database(join(dir, 'terminal.db'), { readonly: true });
  try {
    expect(auditPayloads(db, 'recording.interrupted')).toEqual([
      expect.objectContaining({ recordingId: first.recordingId, reason: WINDOW_RELOADED }),
    ]);
    const queued = (
      db.prepare("SELECT payload FROM outbox WHERE kind = 'recording.upload'").all() as Array<{ payload: string }>
    ).map((r) => JSON.parse(r.payload) as { recordingId: string; state: string });
    expect(queued).toEqual([expect.objectContaining({ recordingId: first.recordingId, state: 'interrupted' })]);
  } finally {
    db.close();
  }

  // The old window's recording takes nothing more; the new window records the rest.
  expect(await dispatch('kiosk:recording.chunk', { recordingId: first.recordingId, seq: 999, bytes: chunks[0] })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  await send(second.recordingId, chunks);
  expect(value(await dispatch('kiosk:recording.stop', { recordingId: second.recordingId }))).toMatchObject({ state: 'sealed' });
  expect(manifestOf(second.recordingId).incidents.map((i) => i.note)).toEqual([expect.stringContaining(first.recordingId)]);
  expect((await list()).map((r) => [r.recordingId, r.state]).sort()).toEqual(
    [
      [first.recordingId, 'interrupted'],
      [second.recordingId, 'sealed'],
    ].sort(),
  );
}, 90_000);

test('R13.1 two starts of one visit at once: run one after the other, never two open recordings of the visit', async () => {
  const [a, b] = await Promise.all([
    dispatch('kiosk:recording.start', { visitId: VISIT_ID }),
    dispatch('kiosk:recording.start', { visitId: VISIT_ID }),
  ]);
  const ids = [value<{ recordingId: string }>(a).recordingId, value<{ recordingId: string }>(b).recordingId];
  expect(new Set(ids).size).toBe(2);
  const rows = await list();
  expect(rows.filter((r) => r.state === 'recording').map((r) => r.recordingId)).toEqual([ids[1]]);
  expect(rows.find((r) => r.recordingId === ids[0])?.state).toBe('interrupted');
}, 60_000);
