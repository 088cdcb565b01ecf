// Lets the simulator answer on any real serial port, e.g. one end of a
// pseudo-terminal pair made with `socat -d -d pty,raw,echo=0 pty,raw,echo=0`,
// while the driver opens the other end as if it were a reader.
import type { SerialPortLike } from '../serial/serial-port';
import type { ReaderSimulator } from './reader-simulator';

export function attachSimulatorToPort(simulator: ReaderSimulator, port: SerialPortLike): () => void {
  const onData = (chunk: Buffer) => simulator.receive(new Uint8Array(chunk));
  port.on('data', onData);
  const disconnect = simulator.connect((bytes) => {
    if (port.isOpen) port.write(Buffer.from(bytes), () => undefined);
  });
  return () => {
    disconnect();
    port.removeAllListeners();
  };
}
