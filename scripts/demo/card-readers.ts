// One GA 467 ID-card reader simulator per demo terminal (src-main/idcard/simulator on
// serialport's mock binding), registered as a driver the terminal's configuration names.
// placeCard() puts a card from harness/fixtures/idcards on the reader.
import { Ga467SerialReader } from '../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../src-main/idcard/simulator';
import { registerIdCardDriver } from '../../src-main/visit-day';

export interface DemoCardReader {
  /** What the terminal's configuration puts under idCardReader. */
  config: { driver: string; path: string };
  placeCard(fixturePath: string): void;
  unregister(): void;
}

export function demoCardReader(name: string): DemoCardReader {
  const driver = `ga467-demo-${name}`;
  const path = `/dev/ttySIM-demo-${name}`;
  const simulator = new ReaderSimulator();
  const serial = createSimulatedSerial(simulator, path);
  const unregister = registerIdCardDriver(
    driver,
    (settings) =>
      new Ga467SerialReader({
        path: settings.path ?? path,
        openPort: serial.openPort,
        ...(settings.now ? { now: settings.now } : {}),
      }),
  );
  return { config: { driver, path }, placeCard: (fixture) => simulator.placeCard(loadCardFixture(fixture)), unregister };
}
