// Assembles every namespace of the IPC contract from the feature folders' services, over
// the runtimes openTerminal made: it is the only caller, so there is one way to build a
// terminal. `satisfies` makes a method missing from here a compile error.
import type { Database } from 'better-sqlite3';
import type { KioskServices } from '../src-shared/ipc/types';
import { createAdminService } from './admin/admin-service';
import type { ConsoleFeedMessage } from '../src-shared/signaling/call-schemas';
import type { CallRuntime } from './call/call-runtime';
import { createCallService } from './call/call-service';
import type { TerminalConfig } from './config/schema';
import { createDeskService } from './desk/desk-service';
import type { DeskSessionHolder } from './desk/desk-session';
import type { PdfSource } from './desk/save-pdf';
import type { DeskObserverEvent } from '../src-shared/ipc/desk-monitor-contract';
import type { DisplaySettings } from '../src-shared/ipc/display-contract';
import type { RecordingManager } from './recording/manager';
import { createRecordingService } from './recording/recording-service';
import type { StoreHealthReport } from './store/open-store';
import { createSyncService } from './sync/sync-service';
import type { SyncWorker } from './sync/worker';
import type { AdminSessionState } from './visit-day/admin-session';
import { createAuthService } from './visit-day/auth-service';
import { createCheckinService } from './visit-day/checkin-service';
import { createDeviceService } from './visit-day/device-service';
import type { VisitDay } from './visit-day/visit-day';
import { createVisitService } from './visit-day/visit-service';

/** Everything the services run on; openTerminal makes each part once per terminal. */
export interface ServiceContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly storeHealth: StoreHealthReport;
  readonly session: AdminSessionState;
  /** package.json's version, shown on the site information screen. */
  readonly appVersion: string;
  readonly now: () => Date;
  readonly recordings: RecordingManager;
  readonly calls: CallRuntime;
  /** Pushes a console-feed message to this terminal's windows (the event hub). */
  readonly relayFeed: (m: ConsoleFeedMessage) => void;
  /** The sync worker (idle until the terminal is enrolled). */
  readonly sync: SyncWorker;
  /** The login, check-in and the day's clock. */
  readonly day: VisitDay;
  /** The desk clerk's session, shared with the dispatcher's access check. */
  readonly deskSession: DeskSessionHolder;
  /** The desk window's PDF printer (the shell's printToPDF; page.pdf in e2e); null: savePdf refuses, no printer. */
  readonly pdf: PdfSource | null;
  /** Issue #19: the desk's observer sockets' messages, to the desk window. */
  readonly observed?: (event: DeskObserverEvent) => void;
  /** Issue #21: display settings changed, to every window. */
  readonly displayChanged?: (settings: DisplaySettings) => void;
}

export function assembleServices(ctx: ServiceContext): KioskServices {
  return {
    auth: createAuthService(ctx.session, ctx.day),
    checkin: createCheckinService(ctx.db, ctx.day),
    visit: createVisitService(ctx.db, ctx.day),
    recording: createRecordingService(ctx.recordings),
    sync: createSyncService(ctx),
    device: createDeviceService(ctx.storeHealth, ctx.day),
    admin: createAdminService(ctx),
    call: createCallService(ctx.calls, ctx.relayFeed),
    // Desk mode (src-main/desk): the clerk's requests to the central store.
    desk: createDeskService(ctx, {
      pdf: ctx.pdf,
      session: ctx.deskSession,
      ...(ctx.observed ? { observed: ctx.observed } : {}),
    }),
  } satisfies KioskServices;
}
