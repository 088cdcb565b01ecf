// The socket bridge's messages (socket-bridge.ts in the page, terminal-process.ts in the
// terminal's process): JSON, and when a message holds bytes (the recorder's chunks, a desk
// proof's file) one binary frame instead: [u32 JSON length][JSON][the bytes], each Uint8Array
// replaced in the JSON by {"$bytes":[offset,length]}. The bytes cross as bytes, as Electron's
// structured clone carries them. Runs in the page and in Node alike (no Buffer, no DOM).
const TAG = '$bytes';

/** JSON with every Uint8Array taken out into `parts`. */
function lift(value: unknown, parts: Uint8Array[], at: { bytes: number }): unknown {
  if (value instanceof Uint8Array) {
    parts.push(value);
    const placed = [at.bytes, value.byteLength];
    at.bytes += value.byteLength;
    return { [TAG]: placed };
  }
  if (Array.isArray(value)) return value.map((v) => lift(v, parts, at));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = lift(v, parts, at);
    return out;
  }
  return value;
}

export function encodeMessage(value: unknown): string | Uint8Array {
  const parts: Uint8Array[] = [];
  const at = { bytes: 0 };
  const json = JSON.stringify(lift(value, parts, at));
  if (parts.length === 0) return json;
  const head = new TextEncoder().encode(json);
  const frame = new Uint8Array(4 + head.byteLength + at.bytes);
  new DataView(frame.buffer).setUint32(0, head.byteLength);
  frame.set(head, 4);
  let offset = 4 + head.byteLength;
  for (const p of parts) {
    frame.set(p, offset);
    offset += p.byteLength;
  }
  return frame;
}

function drop(value: unknown, body: Uint8Array): unknown {
  if (Array.isArray(value)) return value.map((v) => drop(v, body));
  if (value !== null && typeof value === 'object') {
    const placed = (value as Record<string, unknown>)[TAG];
    if (Array.isArray(placed) && Object.keys(value).length === 1) {
      const [offset, length] = placed as [number, number];
      if (offset + length > body.byteLength) throw new Error('bridge frame cut short');
      // A copy: the frame's buffer is not kept alive by one small chunk.
      return body.slice(offset, offset + length);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = drop(v, body);
    return out;
  }
  return value;
}

export function decodeMessage(frame: string | Uint8Array): unknown {
  if (typeof frame === 'string') return JSON.parse(frame);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headLength = view.getUint32(0);
  const json = new TextDecoder().decode(frame.subarray(4, 4 + headLength));
  return drop(JSON.parse(json), frame.subarray(4 + headLength));
}
