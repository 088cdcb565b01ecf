// What every service needs, passed in once; services hold no other state.
import type { Database } from 'better-sqlite3';
import type { TerminalConfig } from '../config/schema';
import type { StoreHealthReport } from '../store/open-store';
import type { AdminSessionState } from './admin-session';

export interface ServiceContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly storeHealth: StoreHealthReport;
  readonly session: AdminSessionState;
  /** package.json's version, shown on the site information screen. */
  readonly appVersion: string;
  readonly now: () => Date;
}
