// The GA 467 serial driver against the simulator, over a real SerialPortStream
// on serialport's mock binding: every byte goes through the frame builder, the
// binding, the simulator's parser and back through the driver's parser.
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardError } from '../../../src-main/idcard/errors';
import type { ReaderEvent } from '../../../src-main/idcard/reader';
import { Ga467SerialReader } from '../../../src-main/idcard/serial/ga467-serial-reader';
import type { Ga467SerialOptions } from '../../../src-main/idcard/serial/ga467-serial-reader';
import { ReaderSimulator, createSimulatedSerial } from '../../../src-main/idcard/simulator';
import type { SimulatorOptions } from '../../../src-main/idcard/simulator';
import { fixture, now } from './helpers';

let portNumber = 0;
const readers: Ga467SerialReader[] = [];

afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

function rig(simulatorOptions: SimulatorOptions = {}, readerOptions: Partial<Ga467SerialOptions> = {}) {
  const simulator = new ReaderSimulator(simulatorOptions);
  const serial = createSimulatedSerial(simulator, `/dev/ttySIM-idcard-${++portNumber}`);
  const reader = new Ga467SerialReader({
    path: serial.path,
    openPort: serial.openPort,
    now,
    commandTimeoutMs: 300,
    readTimeoutMs: 1_000,
    reconnect: { initialMs: 20, maxMs: 80, factor: 2 },
    ...readerOptions,
  });
  readers.push(reader);
  const events: ReaderEvent[] = [];
  reader.subscribe((event) => events.push(event));
  return { simulator, serial, reader, events };
}

function nextEvent(reader: Ga467SerialReader, type: ReaderEvent['type'], timeoutMs = 2_000): Promise<ReaderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    const off = reader.subscribe((event) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<IdCardError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IdCardError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('GA 467 serial driver over the mock binding', () => {
  it('reads a resident ID card: find, select, read', async () => {
    const { reader, simulator, events } = rig({ card: fixture('resident-valid') });
    expect(await reader.open()).toBe('connected');
    const card = await reader.readCard();
    expect(card).toMatchObject({
      source: 'reader',
      driver: 'ga467-serial',
      document: 'resident-id',
      name: '张伟',
      idNumber: '530102199003071238',
      nation: { code: '01', label: '汉' },
      validity: { status: 'valid' },
    });
    expect(card.photoWlt).toHaveLength(1024);
    expect(simulator.received).toEqual(['findCard', 'selectCard', 'readText']);
    expect(events.map((e) => e.type)).toEqual(['connected', 'card-present']);
  });

  it.each(['hk-residence-permit', 'foreign-permanent-2017', 'foreign-permanent-2023'])('reads a %s card', async (name) => {
    const card = fixture(name);
    const { reader } = rig({ card });
    await reader.open();
    expect(await reader.readCard()).toMatchObject({ idNumber: card.idNumber, birthDate: card.birthDate });
  });

  it('reports no card in Chinese, and detectCard says false then true', async () => {
    const { reader, simulator } = rig();
    await reader.open();
    const error = await rejection(reader.readCard());
    expect(error.code).toBe('no-card');
    expect(error.message).toBe('未检测到证件，请将证件放在读卡区');
    expect(await reader.detectCard()).toBe(false);
    simulator.placeCard(fixture('resident-valid'));
    expect(await reader.detectCard()).toBe(true);
  });

  it('R11.1 an expired card is read and reported as expired, not as a failure', async () => {
    const { reader } = rig({ card: fixture('resident-expired') });
    await reader.open();
    const card = await reader.readCard();
    expect(card.validity).toMatchObject({ status: 'expired', validTo: '2025-06-01' });
  });

  it('refuses a card whose number fails the check character', async () => {
    const { reader } = rig({ card: fixture('resident-bad-number') });
    await reader.open();
    const error = await rejection(reader.readCard());
    expect(error.code).toBe('invalid-id-number');
    expect(error.message).toBe('证件号码校验位不符，可能输错了');
  });

  it('times out when the reader never answers, and emits an error event', async () => {
    const { reader } = rig({ card: fixture('resident-valid'), faults: { silent: true } });
    await reader.open();
    const started = Date.now();
    const errorEvent = nextEvent(reader, 'error');
    const error = await rejection(reader.readCard({ timeoutMs: 150 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await errorEvent).toMatchObject({ type: 'error', error: { code: 'timeout' } });
  });

  it('times out a slow answer but accepts one within the time-out', async () => {
    const slow = rig({ card: fixture('resident-valid'), faults: { responseDelayMs: 400 } });
    await slow.reader.open();
    expect((await rejection(slow.reader.detectCard())).code).toBe('timeout');
    const patient = rig({ card: fixture('resident-valid'), faults: { responseDelayMs: 50 } });
    await patient.reader.open();
    expect((await patient.reader.readCard()).name).toBe('张伟');
  });

  it('reads through junk bytes and answers split into 7-byte writes', async () => {
    const { reader } = rig({
      card: fixture('resident-valid'),
      faults: { junkBeforeResponse: Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa, 0xaa, 0x96), chunkSize: 7 },
    });
    await reader.open();
    expect((await reader.readCard()).idNumber).toBe('530102199003071238');
  });

  it('reports a corrupt answer (bad checksum) rather than a bare time-out', async () => {
    const { reader } = rig({ card: fixture('resident-valid'), faults: { corruptChecksum: true } });
    await reader.open();
    const error = await rejection(reader.readCard({ timeoutMs: 200 }));
    expect(error.code).toBe('corrupt-response');
  });

  it('passes the reader status through: read failure 0x41 and authentication failure 0x32', async () => {
    const { reader, simulator } = rig({ card: fixture('resident-valid'), faults: { forceSw3: { readText: 0x41 } } });
    await reader.open();
    expect(await rejection(reader.readCard())).toMatchObject({
      code: 'reader-status',
      sw3: 0x41,
      message: '读取证件失败，请将证件平放在读卡区，不要移动后重试',
    });
    simulator.setFaults({ forceSw3: { selectCard: 0x32 } });
    expect(await rejection(reader.readCard())).toMatchObject({ code: 'reader-status', sw3: 0x32, category: 'card' });
  });

  it('serialises concurrent calls so a poll never slips between find, select and read', async () => {
    const { reader, simulator } = rig({ card: fixture('resident-valid') });
    await reader.open();
    const [card, present] = await Promise.all([reader.readCard(), reader.detectCard()]);
    expect(card.name).toBe('张伟');
    expect(present).toBe(true);
    expect(simulator.received).toEqual(['findCard', 'selectCard', 'readText', 'findCard']);
  });

  it('recovers after unplug and replug without being reopened by the app', async () => {
    const { reader, serial, simulator } = rig({ card: fixture('resident-valid') });
    await reader.open();
    const disconnected = nextEvent(reader, 'disconnected');
    serial.unplug();
    expect(await disconnected).toMatchObject({ type: 'disconnected', error: { code: 'disconnected' }, retryInMs: 20 });
    expect(reader.state).toBe('disconnected');
    expect((await rejection(reader.readCard())).code).toBe('disconnected');

    // While unplugged the driver keeps trying, backing off.
    const retry = (await nextEvent(reader, 'disconnected')) as Extract<ReaderEvent, { type: 'disconnected' }>;
    expect(retry.error?.code).toBe('port-unavailable');
    expect(retry.retryInMs).toBeGreaterThan(20);

    const connected = nextEvent(reader, 'connected');
    serial.replug();
    await connected;
    expect(reader.state).toBe('connected');
    expect((await reader.readCard()).name).toBe('张伟');
    expect(simulator.received.slice(-3)).toEqual(['findCard', 'selectCard', 'readText']);
  });

  it('fails a read in progress at once when the reader is unplugged', async () => {
    const { reader, serial } = rig(
      { card: fixture('resident-valid'), faults: { silent: true } },
      { readTimeoutMs: 5_000, commandTimeoutMs: 5_000 },
    );
    await reader.open();
    const started = Date.now();
    const pending = rejection(reader.readCard());
    setTimeout(() => serial.unplug(), 30);
    expect((await pending).code).toBe('disconnected');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('starts without the reader plugged in and connects when it appears', async () => {
    const { reader, serial } = rig({ card: fixture('resident-valid') });
    serial.unplug();
    expect(await reader.open()).toBe('disconnected');
    const connected = nextEvent(reader, 'connected');
    serial.replug();
    await connected;
    expect((await reader.readCard()).name).toBe('张伟');
  });

  it('stops retrying once closed, and refuses to read', async () => {
    const { reader, serial, events } = rig();
    serial.unplug();
    await reader.open();
    await reader.close();
    const seen = events.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(events.length).toBe(seen);
    expect(reader.state).toBe('closed');
    expect((await rejection(reader.readCard())).code).toBe('not-open');
  });
});
