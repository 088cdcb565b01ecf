// A GA 467 reader in software: it parses command frames exactly as a reader
// does and answers with the card lying on it (a fixture), or with the failure a
// test asks for. Transport-free: bytes in through receive(), bytes out through
// the sink given to connect() (the mock binding, or a pseudo-terminal).
import { COMMANDS, buildResponse, xorChecksum } from '../frame';
import type { CommandName } from '../frame';
import { FrameParser } from '../frame-parser';
import { joinReadTextData } from '../read-response';
import { SW3 } from '../status-codes';
import type { CardFixture } from './card-fixture';
import { encodeCardText } from './encode-card-text';

export interface SimulatorFaults {
  /** Noise sent before every answer. */
  junkBeforeResponse?: Uint8Array;
  /** Answers leave with a wrong checksum. */
  corruptChecksum?: boolean;
  /** Answers leave in pieces of this many bytes, each in its own write. */
  chunkSize?: number;
  /** Wait this long before answering. */
  responseDelayMs?: number;
  /** Never answer (a hung reader). */
  silent?: boolean;
  /** Answer a command with this SW3 whatever the card, e.g. { readText: 0x41 }. */
  forceSw3?: Partial<Record<CommandName, number>>;
}

export interface SimulatorOptions {
  card?: CardFixture | null;
  faults?: SimulatorFaults;
  /** Stand-in for the 1024-byte WLT photo. */
  photo?: Uint8Array;
}

type Sink = (bytes: Uint8Array) => void;

const NAMES_BY_CODE = new Map<number, CommandName>(
  (Object.entries(COMMANDS) as [CommandName, readonly [number, number]][]).map(([name, [cmd, para]]) => [
    (cmd << 8) | para,
    name,
  ]),
);

export class ReaderSimulator {
  private card: CardFixture | null;
  private faults: SimulatorFaults;
  private readonly photo: Uint8Array;
  private readonly parser = new FrameParser();
  private sink: Sink | null = null;
  private selected = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Commands received, in order, for assertions. */
  readonly received: string[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.card = options.card ?? null;
    this.faults = options.faults ?? {};
    this.photo = options.photo ?? new Uint8Array(1024).fill(0x57);
  }

  placeCard(card: CardFixture): void {
    this.card = card;
    this.selected = false;
  }

  removeCard(): void {
    this.card = null;
    this.selected = false;
  }

  setFaults(faults: SimulatorFaults): void {
    this.faults = faults;
  }

  /** Where answers go; returns the disconnect function. Pending answers are dropped on disconnect. */
  connect(sink: Sink): () => void {
    this.sink = sink;
    this.parser.reset();
    return () => {
      if (this.sink === sink) this.sink = null;
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
    };
  }

  receive(bytes: Uint8Array): void {
    for (const event of this.parser.push(bytes)) {
      if (event.type === 'frame') this.send(this.answer(event.body));
      else if (event.type === 'bad-checksum') this.send(buildResponse(SW3.checksumError));
      else if (event.type === 'bad-length') this.send(buildResponse(SW3.lengthError));
    }
  }

  /** The answer frame to one request body (CMD PARA [data]). */
  answer(body: Uint8Array): Uint8Array {
    const name = NAMES_BY_CODE.get(((body[0] ?? 0) << 8) | (body[1] ?? 0));
    this.received.push(name ?? `unknown ${body[0]?.toString(16)} ${body[1]?.toString(16)}`);
    if (!name) return buildResponse(SW3.commandError);
    const forced = this.faults.forceSw3?.[name];
    if (forced !== undefined) return buildResponse(forced);
    switch (name) {
      case 'reset':
      case 'samStatus':
        return buildResponse(SW3.success);
      case 'samId':
        return buildResponse(SW3.success, new Uint8Array(16));
      case 'findCard':
        this.selected = false;
        // Data: the card's IIN (vendor samples show zeros from the SAM).
        return this.card ? buildResponse(SW3.findSuccess, new Uint8Array(4)) : buildResponse(SW3.findFailed);
      case 'selectCard':
        if (!this.card) return buildResponse(SW3.selectFailed);
        this.selected = true;
        return buildResponse(SW3.success, new Uint8Array(8)); // the card's serial number
      case 'readText':
      case 'readTextWithFingerprint':
        // A real reader refuses to read a card it has not selected.
        if (!this.card || !this.selected) return buildResponse(SW3.readFailed);
        return buildResponse(SW3.success, joinReadTextData(encodeCardText(this.card), this.photo));
    }
  }

  private send(frame: Uint8Array): void {
    const { silent, corruptChecksum, junkBeforeResponse, chunkSize, responseDelayMs = 0 } = this.faults;
    if (silent) return;
    let out: Uint8Array = frame.slice();
    if (corruptChecksum) out[out.length - 1] = xorChecksum(out, 5, out.length - 1) ^ 0xff;
    if (junkBeforeResponse) out = concat(junkBeforeResponse, out);
    const size = chunkSize && chunkSize > 0 ? chunkSize : out.length;
    for (let i = 0, n = 0; i < out.length; i += size, n++) {
      const piece = out.subarray(i, i + size);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sink?.(piece);
      }, responseDelayMs + n);
      this.timers.add(timer);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
