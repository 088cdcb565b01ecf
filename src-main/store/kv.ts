// Small settings in the kv table (e.g. when the last sync succeeded). Keys are named here
// so the sync worker and the services read and write the same ones.
import type { Database } from 'better-sqlite3';

export const KV = {
  syncLastSuccessAt: 'sync.lastSuccessAt',
  syncLastError: 'sync.lastError',
  /** Issue #21: large type, spoken prompts' volume and mute (admin/display-settings.ts). */
  displaySettings: 'display.settings',
} as const;

export const getKv = (db: Database, key: string): string | null =>
  db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?').get(key)?.value ?? null;

export function setKv(db: Database, key: string, value: string | null, at: Date): void {
  if (value === null) db.prepare('DELETE FROM kv WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, value, at.toISOString());
}
