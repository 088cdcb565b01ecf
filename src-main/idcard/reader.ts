// The driver interface check-in talks to. Check-in only ever sees an
// IdCardReader, obtained from the registry by driver name in the terminal's
// configuration, so a new driver is one more registration and nothing else.
//
// What a vendor-SDK driver ('sdtapi' / 'termb', loaded with koffi or a shim in
// native/) would implement, for whoever adds it:
// - open():   SDT_OpenPort(port) (termb: InitComm); 0x90 → 'connected'; else
//             IdCardError('port-unavailable') and retry on a timer like the
//             serial driver (the SDK has no plug events either);
// - close():  SDT_ClosePort / CloseComm;
// - detectCard(): SDT_StartFindIDCard → 0x9F true, 0x80 false, else fromSw3;
// - readCard(): SDT_StartFindIDCard, SDT_SelectIDCard, SDT_ReadBaseMsg (text
//             256 + photo 1024 bytes; termb: Authenticate + Read_Content) and
//             then decodeTextBlock() from ./text — the same decoding, the same
//             IdCardData, the same IdCardError codes (SDK return values are the
//             SW3 codes, so IdCardError.fromSw3 applies). SDK calls block: run
//             them on a worker or with koffi's async calls, never on the main
//             thread, and keep the time-out here.
import type { IdCardData } from './card-data';
import type { IdCardError } from './errors';

export type ReaderState = 'closed' | 'connecting' | 'connected' | 'disconnected';

export type ReaderEvent =
  | { type: 'connected' }
  /** `retryInMs`: when the driver will try to reopen (absent once closed). */
  | { type: 'disconnected'; error?: IdCardError; retryInMs?: number }
  | { type: 'card-present' }
  | { type: 'error'; error: IdCardError };

export interface ReadOptions {
  /** Overall time-out for the whole read, in ms. */
  timeoutMs?: number;
}

export interface IdCardReader {
  /** Registry name of the driver, e.g. 'ga467-serial'. */
  readonly driver: string;
  readonly state: ReaderState;
  /**
   * Starts talking to the reader. Resolves with the state after the first
   * attempt; when the reader is absent the driver keeps retrying and emits
   * 'connected' once it appears, so the app never needs a restart.
   */
  open(): Promise<ReaderState>;
  /** Stops retrying and releases the device. */
  close(): Promise<void>;
  /** True when a card lies on the reader (emits 'card-present'). */
  detectCard(options?: ReadOptions): Promise<boolean>;
  /**
   * Reads the card on the reader. Rejects with IdCardError ('no-card',
   * 'timeout', 'disconnected', 'reader-status', 'invalid-id-number', …). An
   * expired card is NOT an error: it resolves with validity.status 'expired'
   * and check-in refuses it (R11.1).
   */
  readCard(options?: ReadOptions): Promise<IdCardData>;
  /** Listens to status events; returns the unsubscribe function. */
  subscribe(listener: (event: ReaderEvent) => void): () => void;
}
