// The terminal's sync with the central store.
export {
  createSyncWorker,
  type Attribution,
  type SyncWorker,
  type SyncWorkerOptions,
  type SyncTimers,
  type RoundOutcome,
} from './worker';
export { enrolTerminal } from './enrol';
export { readCredential, writeCredential, credentialPath, CREDENTIAL_FILE } from './credential';
export { readSyncStatus, type SyncStatus, type SyncState } from './status';
export { syncMigration } from './migration';
export { pulledConfig, pulledIceConfig, terminalCalendar, effectiveRetentionDays } from './config-pull';
