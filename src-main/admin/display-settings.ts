// Issue #21: the terminal's display and speech settings in the kv table (store/kv.ts), one JSON
// value. A value a newer or damaged build left that no longer parses falls back to the defaults
// rather than keeping a window from starting.
import type { Database } from 'better-sqlite3';
import { DEFAULT_DISPLAY_SETTINGS, displaySettingsSchema, type DisplaySettings } from '../../src-shared/ipc/display-contract';
import { getKv, KV, setKv } from '../store/kv';

export function readDisplaySettings(db: Database): DisplaySettings {
  const raw = getKv(db, KV.displaySettings);
  if (raw === null) return DEFAULT_DISPLAY_SETTINGS;
  try {
    const parsed = displaySettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_DISPLAY_SETTINGS;
  } catch {
    return DEFAULT_DISPLAY_SETTINGS;
  }
}

export function writeDisplaySettings(db: Database, change: Partial<DisplaySettings>, at: Date): DisplaySettings {
  const next = displaySettingsSchema.parse({ ...readDisplaySettings(db), ...change });
  setKv(db, KV.displaySettings, JSON.stringify(next), at);
  return next;
}
