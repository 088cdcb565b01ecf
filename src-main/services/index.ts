// The main-side services behind the IPC contract.
export { createServices } from './create-services';
export type { ServiceContext } from './context';
export { createAdminSessionState, REQUIRED_ADMINS, type AdminSession, type AdminSessionState, type LoggedInAdmin } from './admin-session';
export { createEventHub, type EventHub } from './event-hub';
export { readSyncStatus, type SyncStatus } from './sync-service';
