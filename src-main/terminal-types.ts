// The shape of a running terminal's main-side services, shared by the Electron shell,
// the e2e harness and the demo, so that all three run exactly the same code.
import type { KioskEventName, KioskEventPayload } from '../src-shared/ipc/contract';
import type { KioskServices } from '../src-shared/ipc/types';

export interface OpenTerminalOptions {
  /** Path of the terminal's configuration file (JSON, validated with zod). */
  configPath: string;
  /** Overrides the configuration's data folder (tests use a temporary one). */
  dataDir?: string;
  /** better-sqlite3's addon built for Electron (npm start sets KIOSK_SQLITE_BINDING); Node's by default. */
  sqliteNativeBinding?: string;
  /** Injected clock for tests; defaults to Date.now. */
  now?: () => Date;
}

export type EventListener = <E extends KioskEventName>(event: E, payload: KioskEventPayload<E>) => void;

export interface Terminal {
  readonly services: KioskServices;
  /** Events main pushes to the renderer(s); returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /** Closes the local store cleanly (checkpoints the WAL). */
  close(): void;
}
