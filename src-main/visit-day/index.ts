// The visit day at the terminal: offline dual-administrator login, check-in,
// interpreter, notice, deposits, equipment check, readiness and the forfeit at the start.
export { visitDayMigration } from './migration';
export { daySnapshotSchema, type DaySnapshot, type DaySnapshotInput } from './snapshot-schema';
export { importDaySnapshot, parseDaySnapshot, SnapshotError, type ImportTarget } from './import-snapshot';
export { registerIdCardDriver, CardReaderHolder } from './card-reader';
export { AdminAuth, MAX_FAILED_LOGINS, LOCKOUT_MINUTES } from './admin-auth';
export { forfeitDueVisits } from './forfeit';
export { readiness } from './readiness';
export { loadRoster } from './visit-model';
export { createVisitDay, TICK_INTERVAL_MS, type VisitDay } from './visit-day';
