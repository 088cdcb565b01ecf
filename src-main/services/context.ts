// What every service needs, passed in once; services hold no other state.
import type { Database } from 'better-sqlite3';
import type { CallRuntime } from '../call/call-runtime';
import type { TerminalConfig } from '../config/schema';
import type { RecordingManager } from '../recording';
import type { StoreHealthReport } from '../store/open-store';
import type { AdminSessionState } from './admin-session';
import type { PdfSource } from '../desk/save-pdf';
import type { SyncWorker } from '../sync/worker';

export interface ServiceContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly storeHealth: StoreHealthReport;
  readonly session: AdminSessionState;
  /** package.json's version, shown on the site information screen. */
  readonly appVersion: string;
  readonly now: () => Date;
  /** The terminal's recordings (openTerminal creates it; absent → built on demand). */
  readonly recordings?: RecordingManager;
  /** The terminal's calls (openTerminal creates it with the signaling provider). */
  readonly calls?: CallRuntime;
  /** The sync worker, when the terminal runs one (absent in bare service tests). */
  readonly sync?: SyncWorker;
  /** The PDF printer of the desk window (the shell's printToPDF; page.pdf in e2e). */
  readonly pdf?: PdfSource;
}
