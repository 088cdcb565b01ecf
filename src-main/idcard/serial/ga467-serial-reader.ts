// GA 467 serial driver: find (0x20 0x01) → select (0x20 0x02) → read text and
// photo (0x30 0x01), one command at a time, each with a time-out. Unplugging
// the reader closes the port; the driver then reopens it on a back-off timer
// and reports 'disconnected' / 'connected', so the kiosk never restarts.
//
// GA 467 has no sequence numbers: a late answer to a timed-out command could be
// taken for the next one's. So the parser is reset before each command, frames
// arriving with no command pending are dropped, and every answer is checked for
// the status a command can produce (find: 0x9F/0x80; read: 256 + 1024 bytes).
import type { IdCardData } from '../card-data';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { IdCardError } from '../errors';
import { Listeners } from '../event-listeners';
import { buildNamedCommand, splitResponse } from '../frame';
import type { CommandName, ResponseBody } from '../frame';
import { FrameParser } from '../frame-parser';
import type { IdCardReader, ReadOptions, ReaderEvent, ReaderState } from '../reader';
import { splitReadTextData } from '../read-response';
import { SW3 } from '../status-codes';
import { decodeTextBlock } from '../text/decode-text-block';
import { TEXT_BLOCK_LENGTH } from '../text/layouts';
import { backoffDelay, type Backoff } from '../../../src-shared/retry/backoff';
import { openDevicePort } from './serial-port';
import type { PortFactory, SerialPortLike } from './serial-port';

export const GA467_SERIAL_DRIVER = 'ga467-serial';

/** Reopen delays after an unplug: quick at first (a cable reseated), then slower, so an absent reader costs nothing. */
const REOPEN_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000, factor: 2 };

export interface Ga467SerialOptions {
  /** '/dev/ttyUSB0', 'COM3', … */
  path: string;
  /** GA 467 default 115200; readers can be set to 57600, 38400, 19200 or 9600. */
  baudRate?: number;
  openPort?: PortFactory;
  /** Clock for the card's validity check. */
  now?: () => Date;
  /** Per command (find, select). */
  commandTimeoutMs?: number;
  /** Whole readCard / detectCard unless the call says otherwise. */
  readTimeoutMs?: number;
  reconnect?: Partial<Backoff>;
}

interface Pending {
  resolve: (body: ResponseBody) => void;
  reject: (error: IdCardError) => void;
  /** A corrupt frame was seen: report that rather than a bare time-out. */
  sawCorruption: boolean;
}

export class Ga467SerialReader implements IdCardReader {
  readonly driver = GA467_SERIAL_DRIVER;
  private currentState: ReaderState = 'closed';
  private port: SerialPortLike | null = null;
  private readonly parser = new FrameParser();
  private readonly events = new Listeners<ReaderEvent>();
  private pending: Pending | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private wanted = false;

  private readonly path: string;
  private readonly baudRate: number;
  private readonly openPort: PortFactory;
  private readonly now: () => Date;
  private readonly commandTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly backoff: Backoff;

  constructor(options: Ga467SerialOptions) {
    this.path = options.path;
    this.baudRate = options.baudRate ?? 115_200;
    this.openPort = options.openPort ?? openDevicePort;
    this.now = options.now ?? (() => new Date());
    this.commandTimeoutMs = options.commandTimeoutMs ?? 1_500;
    this.readTimeoutMs = options.readTimeoutMs ?? 5_000;
    this.backoff = { ...REOPEN_BACKOFF, ...options.reconnect };
  }

  get state(): ReaderState {
    return this.currentState;
  }

  subscribe(listener: (event: ReaderEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  async open(): Promise<ReaderState> {
    if (this.wanted) return this.currentState;
    this.wanted = true;
    this.attempt = 0;
    this.currentState = 'connecting';
    await this.tryOpen();
    return this.currentState;
  }

  async close(): Promise<void> {
    this.wanted = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.failPending(new IdCardError('not-open'));
    const port = this.port;
    this.port = null;
    this.currentState = 'closed';
    if (port) {
      port.removeAllListeners();
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      this.events.emit({ type: 'disconnected' });
    }
  }

  detectCard(options: ReadOptions = {}): Promise<boolean> {
    return this.exclusive(options, async (deadline) => {
      const found = await this.command('findCard', deadline);
      if (found.sw3 === SW3.findFailed) return false;
      if (found.sw3 !== SW3.findSuccess) throw IdCardError.fromSw3(found.sw3);
      this.events.emit({ type: 'card-present' });
      return true;
    });
  }

  readCard(options: ReadOptions = {}): Promise<IdCardData> {
    return this.exclusive(options, async (deadline) => {
      const found = await this.command('findCard', deadline);
      if (found.sw3 !== SW3.findSuccess) throw IdCardError.fromSw3(found.sw3);
      this.events.emit({ type: 'card-present' });
      const selected = await this.command('selectCard', deadline);
      if (selected.sw3 !== SW3.success) throw IdCardError.fromSw3(selected.sw3);
      const read = await this.command('readText', deadline);
      if (read.sw3 !== SW3.success) throw IdCardError.fromSw3(read.sw3);
      const parts = splitReadTextData(read.data);
      if (!parts || parts.text.length < TEXT_BLOCK_LENGTH) {
        throw new IdCardError('unexpected-response', '读卡器返回的证件信息长度不对，请重试');
      }
      const decoded = decodeTextBlock(parts.text, { today: chinaDate(this.now()) });
      if (!decoded.ok) {
        throw new IdCardError(decoded.problem === 'bad-id-number' ? 'invalid-id-number' : 'unreadable-card', decoded.message);
      }
      const card: IdCardData = { source: 'reader', driver: this.driver, ...decoded.card };
      if (parts.photo.length > 0) card.photoWlt = parts.photo.slice();
      return card;
    });
  }

  /** One caller at a time: a poll must not slip between find, select and read. */
  private exclusive<T>(options: ReadOptions, work: (deadline: number) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const deadline = Date.now() + (options.timeoutMs ?? this.readTimeoutMs);
      try {
        return await work(deadline);
      } catch (error) {
        if (error instanceof IdCardError && isReaderFault(error)) this.events.emit({ type: 'error', error });
        throw error;
      }
    };
    const result = this.lock.then(run, run);
    this.lock = result.catch(() => undefined);
    return result;
  }

  private command(name: CommandName, deadline: number): Promise<ResponseBody> {
    const port = this.port;
    if (!port || this.currentState !== 'connected') {
      return Promise.reject(new IdCardError(this.wanted ? 'disconnected' : 'not-open'));
    }
    const timeoutMs = Math.min(name === 'readText' ? this.readTimeoutMs : this.commandTimeoutMs, deadline - Date.now());
    if (timeoutMs <= 0) return Promise.reject(new IdCardError('timeout'));
    this.parser.reset();
    return new Promise<ResponseBody>((resolve, reject) => {
      const timer = setTimeout(() => {
        const pending = this.pending;
        this.pending = null;
        this.parser.reset();
        reject(pending?.sawCorruption ? new IdCardError('corrupt-response') : new IdCardError('timeout'));
      }, timeoutMs);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        this.pending = null;
        fn();
      };
      const pending: Pending = {
        resolve: (body) => settle(() => resolve(body)),
        reject: (error) => settle(() => reject(error)),
        sawCorruption: false,
      };
      this.pending = pending;
      port.write(Buffer.from(buildNamedCommand(name)), (error) => {
        if (error && this.pending === pending) pending.reject(new IdCardError('disconnected', undefined, { cause: error }));
      });
    });
  }

  private onData(chunk: Buffer): void {
    for (const event of this.parser.push(chunk)) {
      const pending = this.pending;
      if (!pending) continue; // unsolicited or late: dropped, see the header comment
      if (event.type === 'frame') {
        const body = splitResponse(event.body);
        if (body) pending.resolve(body);
        else pending.sawCorruption = true;
      } else if (event.type === 'bad-checksum' || event.type === 'bad-length') {
        // Keep waiting: the real answer may follow the noise.
        pending.sawCorruption = true;
      }
    }
  }

  private async tryOpen(): Promise<void> {
    this.reconnectTimer = null;
    if (!this.wanted) return;
    let port: SerialPortLike;
    try {
      port = this.openPort({ path: this.path, baudRate: this.baudRate });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.scheduleReopen(
        new IdCardError('port-unavailable', `无法打开读卡器端口 ${this.path}，请检查读卡器是否已连接`, { cause: error }),
      );
      return;
    }
    if (!this.wanted) {
      port.close(() => undefined);
      return;
    }
    port.on('data', (chunk) => this.onData(chunk));
    port.on('error', (error) =>
      this.events.emit({ type: 'error', error: new IdCardError('disconnected', undefined, { cause: error }) }),
    );
    port.on('close', (error) => this.onPortClosed(port, error ?? undefined));
    this.port = port;
    this.parser.reset();
    this.attempt = 0;
    this.currentState = 'connected';
    this.events.emit({ type: 'connected' });
  }

  private onPortClosed(port: SerialPortLike, error: Error | undefined): void {
    if (this.port !== port) return;
    port.removeAllListeners();
    this.port = null;
    const lost = new IdCardError('disconnected', undefined, error ? { cause: error } : {});
    this.failPending(lost);
    if (this.wanted) this.scheduleReopen(lost);
  }

  private scheduleReopen(error: IdCardError): void {
    const retryInMs = backoffDelay(this.attempt++, this.backoff);
    this.currentState = 'disconnected';
    this.reconnectTimer = setTimeout(() => void this.tryOpen(), retryInMs);
    this.reconnectTimer.unref?.(); // an absent reader must not keep the process alive
    this.events.emit({ type: 'disconnected', error, retryInMs });
  }

  private failPending(error: IdCardError): void {
    this.pending?.reject(error);
  }
}

/** Failures worth an 'error' event (a missing card is not one). */
function isReaderFault(error: IdCardError): boolean {
  if (error.code === 'reader-status') return error.category === 'reader' || error.category === 'protocol';
  return error.code === 'timeout' || error.code === 'corrupt-response' || error.code === 'unexpected-response';
}
