// GA 467-2013 serial frames (the "SAM" protocol every 身份证阅读器 speaks):
//   AA AA AA 96 69 | LEN_HI LEN_LO | body … | CHK
// LEN counts everything after itself (body + checksum). CHK is the XOR of the
// two length bytes and the body. A request body is CMD PARA [data]; a response
// body is SW1 SW2 SW3 [data]. Golden frames (vendor docs): find card
// AA AA AA 96 69 00 03 20 01 22, answer AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97.

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + two length bytes. */
export const HEADER_LENGTH = PREAMBLE.length + 2;
/** Smallest LEN: CMD + PARA + CHK (a response has at least SW1 SW2 SW3 + CHK). */
export const MIN_FRAME_LENGTH = 3;
/**
 * Largest LEN we accept. The biggest real answer is "read text, photo and
 * fingerprint" (0x30 0x10): 3 SW + 6 length bytes + 256 + 1024 + 1024 + CHK =
 * 2314. Anything longer is line noise that happened to follow a preamble.
 */
export const MAX_FRAME_LENGTH = 2400;

export const COMMANDS = {
  reset: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  /** Text, photo and fingerprint: not needed for check-in. */
  readTextWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof COMMANDS;

/** XOR of every byte of `bytes`. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** A whole frame around `body` (request or response). */
export function buildFrame(body: Uint8Array): Uint8Array {
  const length = body.length + 1;
  if (length > 0xffff) throw new RangeError(`frame body too long: ${body.length}`);
  const frame = new Uint8Array(HEADER_LENGTH + length);
  frame.set(PREAMBLE, 0);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, PREAMBLE.length, frame.length - 1);
  return frame;
}

export function buildCommand(command: number, parameter: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = command;
  body[1] = parameter;
  body.set(data, 2);
  return buildFrame(body);
}

export function buildNamedCommand(name: CommandName): Uint8Array {
  const [command, parameter] = COMMANDS[name];
  return buildCommand(command, parameter);
}

export function buildResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return buildFrame(body);
}

export interface ResponseBody {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** Splits a response body; null when it is too short to carry SW1 SW2 SW3. */
export function splitResponse(body: Uint8Array): ResponseBody | null {
  if (body.length < 3) return null;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.subarray(3) };
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new TypeError(`not hex: ${hex}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
