// The local store's public surface.
export { openStore, type OpenStoreOptions, type Store, type StoreHealthReport } from './open-store';
export { applyMigrations, readUserVersion, type MigrationOutcome } from './migrate';
export { migrations, latestVersion, GENESIS_HASH, type Migration } from './migrations';
export { MigrationError, StoreOpenError, StoreVersionError } from './errors';
export { KV, getKv, setKv } from './kv';
