// Drivers by name, so the terminal's configuration picks one ("idCardReader":
// { "driver": "ga467-serial", "path": "/dev/ttyUSB0" }) and check-in never
// imports a driver. A vendor-SDK driver registers itself the same way.
import { IdCardError } from './errors';
import type { IdCardReader } from './reader';

/** Settings every driver receives; each driver reads the keys it knows. */
export interface DriverSettings {
  /** Serial device or port name, e.g. '/dev/ttyUSB0', 'COM3'; SDK port number as text. */
  path?: string;
  baudRate?: number;
  /** The terminal's clock, for validity checks. */
  now?: () => Date;
  [key: string]: unknown;
}

export type DriverFactory = (settings: DriverSettings) => IdCardReader;

export class DriverRegistry {
  private readonly factories = new Map<string, DriverFactory>();

  register(name: string, factory: DriverFactory): void {
    if (this.factories.has(name)) throw new Error(`ID card driver "${name}" is already registered`);
    this.factories.set(name, factory);
  }

  has(name: string): boolean {
    return this.factories.has(name);
  }

  names(): string[] {
    return [...this.factories.keys()].sort();
  }

  create(name: string, settings: DriverSettings = {}): IdCardReader {
    const factory = this.factories.get(name);
    if (!factory) {
      throw new IdCardError('unknown-driver', `未知的读卡器驱动“${name}”（可用：${this.names().join('、') || '无'}）`);
    }
    return factory(settings);
  }
}
