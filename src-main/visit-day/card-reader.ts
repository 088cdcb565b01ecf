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

/**
 * Opens the configured reader for each read and closes it afterwards: nothing stays open
 * when the terminal closes, and an unplugged reader is simply found again on the next read.
 */
export class CardReaderHolder {
  constructor(private readonly config: CardReaderConfig | undefined, private readonly now: () => Date) {}

  async read(timeoutMs = 5_000): Promise<CardRead> {
    if (!this.config) return { ok: false, refusal: refusal(null, 'reader-not-configured', '本终端未配置身份证读卡器，请使用手工录入') };
    let reader: IdCardReader | null = null;
    try {
      const factory = extra.get(this.config.driver);
      const settings = { path: this.config.path, baudRate: this.config.baudRate, now: this.now };
      reader = factory ? factory(settings) : builtIn.create(this.config.driver, settings);
      const state = await reader.open();
      if (state !== 'connected') return { ok: false, refusal: refusal(null, 'reader-disconnected', '读卡器未连接，请检查连接线，或使用手工录入') };
      return { ok: true, card: await reader.readCard({ timeoutMs }) };
    } catch (error) {
      if (isIdCardError(error)) return { ok: false, refusal: refusal(null, `reader-${error.code}`, error.message) };
      throw error;
    } finally {
      await reader?.close().catch(() => undefined);
    }
  }
}
