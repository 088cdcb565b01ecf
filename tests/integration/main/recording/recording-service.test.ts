// recording.* over the real dispatcher, store and ffmpeg (R13.1): chunks in order,
// a gap or a repeat refused with CONFLICT and not written, stop → signed manifest,
// verify → audited and shown by list, playback paths confined to the archive. A second
// start for the same visit (window reloaded): window-reload.test.ts.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../../src-main/ipc/dispatch';
import { logTwoAdminsIn } from '../../../../harness/terminal/log-admins-in';
import { resolvePlaybackFile } from '../../../../src-main/recording';
import { openTerminal } from '../../../../src-main/terminal';
import type { Terminal } from '../../../../src-main/terminal-types';
import type { IpcResult } from '../../../../src-shared/ipc/result';
import { randomChunks, readInput } from './helpers/media';
import { seedVisit, VISIT_ID } from './helpers/store';

const PRISON = join(import.meta.dirname, '../../../../harness/fixtures/terminal-config/prison.json');
let dir: string;
let terminal: Terminal;
let dispatch: Dispatch;
const events: string[] = [];

const value = <T = unknown>(result: IpcResult<unknown>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-recording-'));
  terminal = await openTerminal({ configPath: PRISON, dataDir: dir, recording: { segmentSeconds: 4 } });
  terminal.onEvent((event) => events.push(event));
  dispatch = createDispatcher(terminal);
  await terminal.recovery;
  // R25.1: recording without a live call at this terminal needs the two administrators.
  await logTwoAdminsIn(terminal, dir, 'ynjy01');
});
afterEach(async () => {
  await terminal.recordings.stopAll();
  terminal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording service', () => {
  test('R13.1 ordered chunks are recorded; a gap or a repeat is refused with CONFLICT; stop seals; verify is audited and listed', async () => {
    const db = new Database(join(dir, 'terminal.db'));
    seedVisit(db);
    db.close();

    const { recordingId } = value<{ recordingId: string }>(await dispatch('kiosk:recording.start', { visitId: VISIT_ID }));
    const chunks = randomChunks(readInput(10), 7);
    let seq = 0;
    for (const bytes of chunks) {
      if (seq === 3) {
        expect(await dispatch('kiosk:recording.chunk', { recordingId, seq: seq + 1, bytes })).toMatchObject({
          ok: false,
          error: { code: 'CONFLICT', message: expect.stringContaining('跳号') },
        });
      }
      value(await dispatch('kiosk:recording.chunk', { recordingId, seq, bytes }));
      if (seq === 3) {
        expect(await dispatch('kiosk:recording.chunk', { recordingId, seq, bytes })).toMatchObject({
          ok: false,
          error: { code: 'CONFLICT', message: expect.stringContaining('重复') },
        });
      }
      seq += 1;
    }
    expect(await dispatch('kiosk:recording.chunk', { recordingId, seq, bytes: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    value(await dispatch('kiosk:recording.incident', { recordingId, note: '管理员提醒：不得谈论案情' }));
    const stopped = value<{ segments: number; durationMs: number | null }>(
      await dispatch('kiosk:recording.stop', { recordingId }),
    );
    expect(stopped).toMatchObject({ recordingId, state: 'sealed', archiveProblem: null });
    expect(stopped.segments).toBeGreaterThanOrEqual(2);
    expect(Math.abs((stopped.durationMs ?? 0) - 10_000)).toBeLessThan(1000);

    const verified = value(await dispatch('kiosk:recording.verify', { recordingId }));
    expect(verified).toMatchObject({ ok: true, signatureValid: true, firstBadSegment: null });
    const [row] = value<unknown[]>(await dispatch('kiosk:recording.list', undefined));
    expect(row).toMatchObject({
      recordingId,
      state: 'sealed',
      upload: 'pending',
      verification: { ok: true },
      playbackPath: `/recordings/${recordingId}/archive.webm`,
    });
    expect(value(await dispatch('kiosk:recording.playbackUrl', { recordingId }))).toEqual({
      url: `/recordings/${recordingId}/archive.webm`,
    });
    expect(events).toContain('recording.state');

    // Playback is confined to the archive and the chapters of a real recording.
    const root = join(dir, 'recordings');
    expect(resolvePlaybackFile(root, `/recordings/${recordingId}/archive.webm`)).toMatch(/archive\.webm$/);
    for (const bad of [
      `/recordings/${recordingId}/manifest.json`,
      '/recordings/../terminal.db',
      `/recordings/${recordingId}/../../terminal.db`,
      '/recordings/%2e%2e/archive.webm',
      '/index.html',
    ]) {
      expect(resolvePlaybackFile(root, bad)).toBeNull();
    }
    mkdirSync(join(root, 'evil'));
    writeFileSync(join(dir, 'secret.webm'), 'x');
    symlinkSync(join(dir, 'secret.webm'), join(root, 'evil', 'archive.webm'));
    expect(resolvePlaybackFile(root, '/recordings/evil/archive.webm')).toBeNull();
  }, 60_000);
});
