// The configured ID card reader, opened on first use and kept open (the driver reconnects
// by itself after an unplug). Drivers come from the idcard registry by name; another driver
// (a vendor SDK, or the simulator in tests and the demo) is added with registerIdCardDriver,
// so check-in never imports a driver.
import { createDefaultDriverRegistry } from '../idcard/default-drivers';
import type { DriverFactory } from '../idcard/driver-registry';
import { isIdCardError } from '../idcard/errors';
import type { IdCardData } from '../idcard/card-data';
import type { IdCardReader } from '../idcard/reader';
import { refusal, type Refusal } from './refusal';

export interface CardReaderConfig {
  driver: string;
  path?: string | undefined;
  baudRate?: number | undefined;
}

const builtIn = createDefaultDriverRegistry();
const extra = new Map<string, DriverFactory>();

/** Adds (or replaces) a driver by name for this process. */
export function registerIdCardDriver(name: string, factory: DriverFactory): () => void {
  extra.set(name, factory);
  return () => {
    if (extra.get(name) === factory) extra.delete(name);
  };
}

export type CardRead = { ok: true; card: IdCardData } | { ok: false; refusal: Refusal };

/** The reader's health as the last read showed it (the heartbeat reports it). */
export interface CardReaderCheck {
  readonly ok: boolean;
  readonly detail: string;
  readonly checkedAt: string;
}

/** Failures of the card or the person, not of the reader: it answered. */
const READER_ANSWERED = new Set(['no-card', 'unreadable-card', 'invalid-id-number']);

/**
 * Opens the configured reader for each read and closes it afterwards: nothing stays open
 * when the terminal closes, and an unplugged reader is simply found again on the next read.
 */
export class CardReaderHolder {
  private last: CardReaderCheck | null = null;

  constructor(
    private readonly config: CardReaderConfig | undefined,
    private readonly now: () => Date,
  ) {}

  /** The last read's verdict on the reader; null before one (or with no reader configured). */
  lastCheck(): CardReaderCheck | null {
    return this.last;
  }

  async read(timeoutMs = 5_000): Promise<CardRead> {
    if (!this.config)
      return { ok: false, refusal: refusal(null, 'reader-not-configured', '本终端未配置身份证读卡器，请使用手工录入') };
    const outcome = await this.attempt(this.config, timeoutMs);
    const code = outcome.ok ? null : outcome.refusal.code.replace(/^reader-/, '');
    this.last = {
      ok: code === null || READER_ANSWERED.has(code),
      detail: outcome.ok ? '读卡正常' : outcome.refusal.message,
      checkedAt: this.now().toISOString(),
    };
    return outcome;
  }

  private async attempt(config: CardReaderConfig, timeoutMs: number): Promise<CardRead> {
    let reader: IdCardReader | null = null;
    try {
      const factory = extra.get(config.driver);
      const settings = { path: config.path, baudRate: config.baudRate, now: this.now };
      reader = factory ? factory(settings) : builtIn.create(config.driver, settings);
      const state = await reader.open();
      if (state !== 'connected')
        return { ok: false, refusal: refusal(null, 'reader-disconnected', '读卡器未连接，请检查连接线，或使用手工录入') };
      return { ok: true, card: await reader.readCard({ timeoutMs }) };
    } catch (error) {
      if (isIdCardError(error)) return { ok: false, refusal: refusal(null, `reader-${error.code}`, error.message) };
      throw error;
    } finally {
      await reader?.close().catch(() => undefined);
    }
  }
}
