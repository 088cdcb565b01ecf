// Migration 7 (R12.1): the equipment checks gain the recorder line. A terminal upgraded from
// migration 6 keeps the checks it stored, and the table then accepts 'recorder' and nothing unknown.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { latestVersion, migrations, openStore } from '../../../src-main/store';
import { recorderCheckMigration } from '../../../src-main/visit-day/migration-recorder-check';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-store-v7-');
const put =
  "INSERT INTO equipment_checks (visit_id, name, ok, detail, checked_at, staff_id) VALUES ('V-1', ?, 1, 'ok', '2026-05-04T01:00:00.000Z', 'S-LI')";

describe('local store: migration 7, the recorder among the equipment checks', () => {
  test('an upgraded store keeps its checks and accepts the recorder line', () => {
    const path = join(tempDir(), 'terminal.db');
    const before = migrations.filter((m) => m.version < recorderCheckMigration.version);
    const old = openStore({ path, migrations: before });
    old.db
      .prepare(
        "INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, status, updated_at) VALUES ('V-1', '2026-05-04', '09:00', 30, '张三', 'scheduled', '2026-05-04T00:00:00.000Z')",
      )
      .run();
    old.db.prepare(put).run('camera');
    expect(() => old.db.prepare(put).run('recorder')).toThrow(/CHECK constraint/);
    old.close();

    const store = openStore({ path });
    try {
      expect(store.health.schemaVersion).toBe(latestVersion());
      expect(store.db.prepare('SELECT visit_id, name, ok FROM equipment_checks').all()).toEqual([
        { visit_id: 'V-1', name: 'camera', ok: 1 },
      ]);
      store.db.prepare(put).run('recorder');
      expect(() => store.db.prepare(put).run('printer')).toThrow(/CHECK constraint/);
      expect(() => store.db.prepare(put.replace("'V-1'", "'V-404'")).run('disk')).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });
});
