// Issue #21: large type and the spoken prompts' volume and mute are kept by the terminal (its kv
// table), survive a reopen, and a bad value changes nothing.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDisplaySettings, writeDisplaySettings } from '../../../src-main/admin/display-settings';
import { KV, setKv } from '../../../src-main/store/kv';
import { openStore } from '../../../src-main/store';
import { DEFAULT_DISPLAY_SETTINGS } from '../../../src-shared/ipc/display-contract';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-display-');
const AT = new Date('2026-10-01T02:00:00Z');

describe('issue #21: display settings per terminal', () => {
  test('defaults first; a change is kept across a reopen of the store', () => {
    const path = join(tempDir(), 'terminal.db');
    const first = openStore({ path });
    expect(readDisplaySettings(first.db)).toEqual(DEFAULT_DISPLAY_SETTINGS);
    writeDisplaySettings(first.db, { largeType: true }, AT);
    writeDisplaySettings(first.db, { speech: { volume: 40, muted: true } }, AT);
    first.db.close();
    const again = openStore({ path });
    expect(readDisplaySettings(again.db)).toEqual({ largeType: true, speech: { volume: 40, muted: true } });
    again.db.close();
  });

  test('an out-of-range volume is refused and changes nothing; a damaged stored value reads as the defaults', () => {
    const store = openStore({ path: join(tempDir(), 'terminal.db') });
    writeDisplaySettings(store.db, { speech: { volume: 70, muted: false } }, AT);
    expect(() => writeDisplaySettings(store.db, { speech: { volume: 101, muted: false } }, AT)).toThrow(/音量/);
    expect(readDisplaySettings(store.db).speech.volume).toBe(70);
    setKv(store.db, KV.displaySettings, '{"largeType":"yes"', AT);
    expect(readDisplaySettings(store.db)).toEqual(DEFAULT_DISPLAY_SETTINGS);
    store.db.close();
  });
});
