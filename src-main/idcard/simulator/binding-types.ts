// The slice of serialport's binding interface (@serialport/bindings-interface)
// the simulator implements. Declared here because that package and
// @serialport/binding-mock publish "exports" without a "types" condition, so
// under moduleResolution "Bundler" their declarations do not resolve.

export interface PortOpenOptions {
  path: string;
  baudRate: number;
  [option: string]: unknown;
}

export interface BindingPortLike {
  readonly openOptions: PortOpenOptions;
  readonly isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: Record<string, boolean>): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

export interface BindingLike {
  list(): Promise<{ path: string }[]>;
  open(options: PortOpenOptions): Promise<BindingPortLike>;
}

/** @serialport/binding-mock's MockBinding and the port it opens. */
export interface MockBindingLike extends BindingLike {
  createPort(path: string, options?: { echo?: boolean; record?: boolean; maxReadSize?: number }): void;
  reset(): void;
  open(options: PortOpenOptions): Promise<MockPortLike>;
}

export interface MockPortLike extends BindingPortLike {
  emitData(data: Buffer): void;
}
