// The drivers this build ships. A vendor-SDK driver ('sdtapi') would add one
// line here; check-in asks the registry for the configured name.
import { DriverRegistry } from './driver-registry';
import type { DriverSettings } from './driver-registry';
import { IdCardError } from './errors';
import { GA467_SERIAL_DRIVER, Ga467SerialReader } from './serial/ga467-serial-reader';
import type { PortFactory } from './serial/serial-port';

export function createDefaultDriverRegistry(): DriverRegistry {
  const registry = new DriverRegistry();
  registry.register(GA467_SERIAL_DRIVER, (settings: DriverSettings) => {
    if (!settings.path) throw new IdCardError('port-unavailable', '未配置读卡器串口（例如 /dev/ttyUSB0 或 COM3）');
    return new Ga467SerialReader({
      path: settings.path,
      ...(settings.baudRate !== undefined ? { baudRate: settings.baudRate } : {}),
      ...(settings.now ? { now: settings.now } : {}),
      // Tests and the demo pass the simulator's port factory here.
      ...(typeof settings.openPort === 'function' ? { openPort: settings.openPort as PortFactory } : {}),
    });
  });
  return registry;
}
