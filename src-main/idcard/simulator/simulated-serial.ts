// The simulator behind serialport's mock binding: the driver opens a real
// SerialPortStream, bytes go through @serialport/binding-mock, and the
// simulator answers. unplug() makes the port fail like a USB adapter pulled
// out (reads error, the stream closes with a disconnect error, opening fails)
// until replug().
import { SerialPortStream } from '@serialport/stream';
import { SerialPortMock } from 'serialport';
import type { BindingLike, BindingPortLike, MockBindingLike, MockPortLike, PortOpenOptions } from './binding-types';
import type { PortFactory } from '../serial/serial-port';
import type { ReaderSimulator } from './reader-simulator';

// @serialport/binding-mock's MockBinding (serialport's own mock), typed locally.
const MockBinding: MockBindingLike = SerialPortMock.binding;

export interface SimulatedSerial {
  path: string;
  binding: BindingLike;
  /** Hand this to Ga467SerialReader as `openPort`. */
  openPort: PortFactory;
  readonly plugged: boolean;
  unplug(): void;
  replug(): void;
}

export function createSimulatedSerial(simulator: ReaderSimulator, path = '/dev/ttySIM-idcard'): SimulatedSerial {
  MockBinding.createPort(path, { echo: false, record: false });
  const open = new Set<SimulatedPortBinding>();
  let plugged = true;

  const binding: BindingLike = {
    list: () => MockBinding.list(),
    async open(options: PortOpenOptions) {
      if (!plugged)
        throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' });
      const port = new SimulatedPortBinding(await MockBinding.open(options), simulator, () => open.delete(port));
      open.add(port);
      return port;
    },
  };

  return {
    path,
    binding,
    openPort: ({ path: portPath, baudRate }) => new SerialPortStream({ binding, path: portPath, baudRate, autoOpen: false }),
    get plugged() {
      return plugged;
    },
    unplug() {
      plugged = false;
      for (const port of open) port.unplug();
    },
    replug() {
      plugged = true;
    },
  };
}

class SimulatedPortBinding implements BindingPortLike {
  private rejectRead: ((error: Error) => void) | null = null;
  private unplugged = false;
  private readonly disconnect: () => void;

  constructor(
    private readonly inner: MockPortLike,
    private readonly simulator: ReaderSimulator,
    private readonly onClosed: () => void,
  ) {
    this.disconnect = simulator.connect((bytes) => {
      if (this.inner.isOpen && !this.unplugged) this.inner.emitData(Buffer.from(bytes));
    });
  }

  get openOptions(): PortOpenOptions {
    return this.inner.openOptions;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  /** An I/O error on the pending read: the stream treats it as a disconnect. */
  unplug(): void {
    this.unplugged = true;
    this.disconnect();
    const reject = this.rejectRead;
    this.rejectRead = null;
    reject?.(Object.assign(new Error('EIO: i/o error, device unplugged'), { code: 'EIO' }));
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.unplugged) return Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    return new Promise((resolve, reject) => {
      this.rejectRead = reject;
      this.inner.read(buffer, offset, length).then(
        (result) => {
          this.rejectRead = null;
          resolve(result);
        },
        (error: unknown) => {
          this.rejectRead = null;
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.unplugged) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    await this.inner.write(buffer);
    this.simulator.receive(new Uint8Array(buffer));
  }

  async close(): Promise<void> {
    this.disconnect();
    this.onClosed();
    await this.inner.close();
  }

  update(options: { baudRate: number }): Promise<void> {
    return this.inner.update(options);
  }

  set(options: Record<string, boolean>): Promise<void> {
    return this.inner.set(options);
  }

  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }> {
    return this.inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}
