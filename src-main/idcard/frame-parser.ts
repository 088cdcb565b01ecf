// Streaming parser for GA 467 frames (pure: bytes in, events out).
// Serial lines deliver frames split over several reads, several frames in one
// read, and garbage (noise at plug-in, a half frame from before a restart). The
// parser therefore scans for the preamble, waits until the announced length has
// arrived, and on a bad length or a bad checksum drops ONE byte and scans again,
// so a real frame hidden behind a false preamble is still found. The buffer is
// bounded: it never keeps more than one maximal frame.
import { HEADER_LENGTH, MAX_FRAME_LENGTH, MIN_FRAME_LENGTH, PREAMBLE, xorChecksum } from './frame';

export type ParserEvent =
  /** A frame whose checksum matched; `body` excludes length and checksum. */
  | { type: 'frame'; body: Uint8Array }
  | { type: 'bad-checksum'; expected: number; actual: number }
  /** LEN outside MIN_FRAME_LENGTH..MAX_FRAME_LENGTH. */
  | { type: 'bad-length'; length: number }
  /** Bytes dropped while looking for a preamble. */
  | { type: 'junk'; count: number };

export class FrameParser {
  private buffer: Uint8Array = new Uint8Array(0);

  /** Bytes held while waiting for the rest of a frame (or a preamble prefix). */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Forget anything half received (after a time-out or a reconnect). */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): ParserEvent[] {
    const events: ParserEvent[] = [];
    let buf = concat(this.buffer, chunk);
    let pos = 0;
    for (;;) {
      const start = indexOfPreamble(buf, pos);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across reads.
        const keep = preamblePrefixLength(buf, pos);
        const junk = buf.length - pos - keep;
        if (junk > 0) events.push({ type: 'junk', count: junk });
        pos = buf.length - keep;
        break;
      }
      if (start > pos) events.push({ type: 'junk', count: start - pos });
      pos = start;
      if (buf.length - pos < HEADER_LENGTH) break;
      const length = ((buf[pos + 5] ?? 0) << 8) | (buf[pos + 6] ?? 0);
      if (length < MIN_FRAME_LENGTH || length > MAX_FRAME_LENGTH) {
        events.push({ type: 'bad-length', length });
        pos += 1;
        continue;
      }
      const end = pos + HEADER_LENGTH + length;
      if (buf.length < end) break;
      const expected = xorChecksum(buf, pos + PREAMBLE.length, end - 1);
      const actual = buf[end - 1] ?? 0;
      if (expected !== actual) {
        events.push({ type: 'bad-checksum', expected, actual });
        pos += 1;
        continue;
      }
      events.push({ type: 'frame', body: buf.slice(pos + HEADER_LENGTH, end - 1) });
      pos = end;
    }
    buf = buf.slice(pos);
    this.buffer = buf;
    return events;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfPreamble(buf: Uint8Array, from: number): number {
  const last = buf.length - PREAMBLE.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) {
      if (buf[i + j] !== PREAMBLE[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/** Length of the longest suffix of buf[from..] that is a proper prefix of the preamble. */
function preamblePrefixLength(buf: Uint8Array, from: number): number {
  const available = buf.length - from;
  for (let n = Math.min(PREAMBLE.length - 1, available); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (buf[buf.length - n + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}
