// Opens the terminal's local store (design.md "Local store"): inspect, move a damaged
// file aside, open with durable settings, migrate. Returns the database and a health
// report that device.storeHealth exposes.
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { MigrationError, StoreOpenError, StoreVersionError } from './errors';
import { inspectDatabase } from './inspect';
import { applyMigrations, readUserVersion } from './migrate';
import { latestVersion, migrations as defaultMigrations, type Migration } from './migrations';
import { moveAside } from './move-aside';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, protectSecretFile } from './private-files';

export interface StoreHealthReport {
  readonly schemaVersion: number;
  readonly integrity: 'ok' | 'recovered';
  /** Where the damaged file went, when integrity is 'recovered'. */
  readonly movedAsideTo: string | null;
  /** Why it was moved aside (zh-CN), for the log and the audit entry. */
  readonly problem: string | null;
  /** Files of an older install that others could read, made owner-only (0600) at this open. */
  readonly tightened: readonly string[];
}

export interface OpenStoreOptions {
  readonly path: string;
  readonly migrations?: readonly Migration[];
  readonly now?: () => Date;
  /** How long a write waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
  /** better-sqlite3's addon compiled for Electron, when it differs from Node's (npm start). */
  readonly nativeBinding?: string;
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly health: StoreHealthReport;
  /** Checkpoints the WAL into the main file and closes; safe to call twice. */
  close(): void;
}

function createPrivate(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreOpenError(path, error);
  }
}

export function openStore(options: OpenStoreOptions): Store {
  const { path } = options;
  const list = options.migrations ?? defaultMigrations;
  const now = options.now ?? (() => new Date());
  // A folder made here is owner-only; the terminal's data folder itself is tightened by openTerminal.
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });

  // Throws StoreVersionError for a newer file, before anything is written.
  const inspection = inspectDatabase(path, latestVersion(list), options.nativeBinding);
  let movedAsideTo: string | null = null;
  let problem: string | null = null;
  if (inspection.kind === 'damaged') {
    problem = inspection.reason;
    try {
      movedAsideTo = moveAside(path, now());
    } catch (error) {
      // Never fall back to the damaged file.
      throw new StoreOpenError(path, error);
    }
  }

  // Existing files first (an install from before owner-only modes); then a new database is
  // created 0600 by us, and SQLite gives its -wal and -shm the database file's mode (on
  // Windows the data folder's owner-only ACL, which they inherit).
  const companions = [path, `${path}-wal`, `${path}-shm`];
  const tightened = companions.filter((file) => protectSecretFile(file));
  createPrivate(path);
  // A database made just now: its own owner-only ACL on Windows (POSIX: already 0600).
  protectSecretFile(path);

  let db: Database.Database;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new StoreOpenError(path, error);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    // FULL: a committed audit, outbox or recording row survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, list, path);
  } catch (error) {
    db.close();
    throw error instanceof MigrationError || error instanceof StoreVersionError ? error : new StoreOpenError(path, error);
  }

  const health: StoreHealthReport = {
    schemaVersion: readUserVersion(db),
    integrity: movedAsideTo ? 'recovered' : 'ok',
    movedAsideTo,
    problem,
    tightened,
  };
  let open = true;
  return {
    db,
    path,
    health,
    close() {
      if (!open) return;
      open = false;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
