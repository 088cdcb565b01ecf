// probe 15.10: the store's data is owner-only on POSIX: DATA_DIR and the received
// recordings' folder 0700, the SQLite file and its -wal and -shm 0600; an older install's
// open modes are tightened at start. On both engines (the folders exist on both).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../src-server/server';
import type { ServerConfig } from '../../../src-server/config';
import { createFreshDatabase, ENGINES } from '../../../harness/store/databases';
import { testConfig } from '../../../harness/store/store';

const modeOf = (p: string): string => (fs.statSync(p).mode & 0o777).toString(8);
const posix = process.platform !== 'win32';

describe.runIf(posix).each(ENGINES)('probe 15.10: owner-only store data [%s]', (engine) => {
  it('a new DATA_DIR, its database and the recordings folder are owner-only; older open modes are tightened at start', async () => {
    const fresh = await createFreshDatabase(engine);
    try {
      // A folder that does not exist yet: the store makes it (the fresh one is a mkdtemp, 0700 already).
      const dataDir = path.join(fresh.dataDir, 'data');
      const sqliteFile = path.join(dataDir, 'central-store.sqlite');
      const config: ServerConfig = testConfig(fresh, {
        dataDir,
        ...(engine === 'sqlite' ? { database: { engine: 'sqlite', file: sqliteFile } } : {}),
      });
      const recordings = path.join(dataDir, 'recordings');
      const files = engine === 'sqlite' ? [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`] : [];

      let app = await buildServer(config, { announce: () => undefined });
      try {
        expect([dataDir, recordings].map(modeOf)).toEqual(['700', '700']);
        expect(files.map(modeOf)).toEqual(files.map(() => '600'));
      } finally {
        await app.close();
      }

      // As an older release left them.
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(recordings, 0o755);
      for (const f of files) if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
      app = await buildServer(config, { announce: () => undefined });
      try {
        expect([dataDir, recordings].map(modeOf)).toEqual(['700', '700']);
        expect(
          files
            .filter((f) => fs.existsSync(f))
            .map(modeOf)
            .every((m) => m === '600'),
        ).toBe(true);
        if (engine === 'sqlite') expect(modeOf(sqliteFile)).toBe('600');
      } finally {
        await app.close();
      }
    } finally {
      // @tus/file-store checks its folder with a callback mkdir: let it land before the folder goes.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await fresh.drop();
    }
  });
});
