// The shape of a running terminal's main-side services, shared by the Electron shell,
// the e2e harness and the demo, so that all three run exactly the same code.
import type { KioskEventName, KioskEventPayload } from '../src-shared/ipc/contract';
import type { KioskServices } from '../src-shared/ipc/types';
import type { AccessGate } from './ipc/access-gate';
import type { FfmpegPaths, LocateOptions, RecordingManager, RecoveredRecording } from './recording';
import type { CallOptions } from './call/call-options';
import type { PdfSource } from './desk/save-pdf';
import type { SyncWorker, SyncWorkerOptions } from './sync/worker';
import type { Logger } from './log/logger';
import type { LogLimits } from './log/rotating-file';
import type { UpdateHost } from './updates/update-host';
import type { FleetOptions } from './fleet/fleet-reporter';
import type { HeartbeatSender } from './fleet/heartbeat-sender';

export interface OpenTerminalOptions {
  /** Path of the terminal's configuration file (JSON, validated with zod). */
  configPath: string;
  /** Overrides the configuration's data folder (tests use a temporary one). */
  dataDir?: string;
  /** better-sqlite3's addon built for Electron (npm start sets KIOSK_SQLITE_BINDING); Node's by default. */
  sqliteNativeBinding?: string;
  /** Main's one logger, handed to every service; JSON lines on stderr when absent (the shell passes its main.log one). */
  logger?: Logger;
  /** The shell's main.log: its folder (what a support bundle packs) and its limits from the configuration. */
  logFiles?: { readonly dir: string | null; configure(limits: LogLimits): void };
  /** Injected clock for tests; defaults to Date.now. */
  now?: () => Date;
  /**
   * Run on the central store's time as measured by the sync round's exchanges (default true);
   * false for tests that move this terminal's clock alone, on purpose (src-main/clock/).
   */
  storeClock?: boolean;
  /** The packaged app's resources folder (the shell's process.resourcesPath): the recorder looks for <resources>/ffmpeg/ there. */
  resourcesPath?: string;
  /** Recorder overrides (a located ffmpeg or where to look for it, shorter segments in tests). */
  recording?: {
    ffmpeg?: FfmpegPaths;
    locate?: LocateOptions;
    segmentSeconds?: number;
    diskMarginBytes?: number;
    diskCheckIntervalMs?: number;
  };
  /** The signaling credential provider, ICE servers and the call's timings. */
  call?: CallOptions;
  /** Sync worker overrides (timers, clock, intervals in tests); autoStart false = tests drive runOnce(). */
  sync?: TerminalSyncOptions;
  /** Heartbeat overrides (interval, disk reader, card reader); autoStart false = tests call sendNow(). */
  fleet?: FleetOptions;
  /** Where the desk's savePdf gets the PDF of the window (Electron's printToPDF; page.pdf in e2e). */
  pdf?: PdfSource;
}

export type TerminalSyncOptions = Partial<Omit<SyncWorkerOptions, 'db' | 'config' | 'onStatus'>> & { autoStart?: boolean };

export type EventListener = <E extends KioskEventName>(event: E, payload: KioskEventPayload<E>) => void;

export interface Terminal {
  readonly services: KioskServices;
  /** R25.1: who may call what; the dispatcher asks it before any service runs. */
  readonly access: AccessGate;
  /** The central store's base URL (the desk's recordings play through app:// from there: desk/store-media.ts). */
  readonly centralStoreUrl: string;
  /** Events main pushes to the renderer(s); returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /** The live recordings (tests and the shell stop them before close()). */
  readonly recordings: RecordingManager;
  /** The start-up recovery of recordings a crash left open. */
  readonly recovery: Promise<RecoveredRecording[]>;
  /** The sync worker (idle until the terminal is enrolled). */
  readonly sync: SyncWorker;
  /** What the Electron updater reads (feed, credential, the install policy's facts). */
  readonly updates: UpdateHost;
  /** The heartbeat to the central store (nothing goes out until the terminal is enrolled). */
  readonly heartbeat: HeartbeatSender;
  /** Closes the local store cleanly (checkpoints the WAL). */
  close(): void;
}
