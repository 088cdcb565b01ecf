// The part of a serialport stream the driver uses. Production opens the real
// device through 'serialport'; tests hand in a SerialPortStream on the mock
// binding (see ../simulator), so the driver never knows which it has.
import { SerialPort } from 'serialport';

export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): boolean;
  close(callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  /** `error.disconnected` is true when the device went away (unplugged). */
  on(event: 'close', listener: (error?: (Error & { disconnected?: boolean }) | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(): this;
}

export interface PortSettings {
  path: string;
  baudRate: number;
}

export type PortFactory = (settings: PortSettings) => SerialPortLike;

/** GA 467 UART: 8 data bits, 1 stop bit, no parity; 115200 baud by default. */
export const openDevicePort: PortFactory = ({ path, baudRate }) =>
  new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: false });
